import { Fn, Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { CloudDispatcher, defineCluster, overrideAttribute, OVERRIDES_OUTPUT, type PolyCluster } from '../../constructs';
import { EXPRESSION_VALUE } from '../../constructs/escape-hatch';
import { countingLoaders, fakeBuilder } from '../support/fake-builder';
import { MINIMAL } from '../support/specs';
import { onlyResource, resourcesOf } from '../support/synth';
import { synthWith } from './synth-with';

/** The documented escape hatch: one attribute overridden, recorded in the stack's output. */

describe('overrideAttribute', () => {
  it('writes the override into the synthesized JSON and lists it in polycluster_overrides', async () => {
    let recorded: unknown[] = [];
    const { stacks } = await synthWith({ clusters: [MINIMAL.aws] }, {}, ([cluster]) => {
      recorded = [
        overrideAttribute(cluster!, 'cluster', 'ControlPlane/Cluster', 'upgrade_policy.support_type', 'STANDARD'),
        overrideAttribute(cluster!, 'cluster', { type: 'aws_cloudwatch_log_group', path: 'ControlPlane/LogGroup' }, 'skip_destroy', true),
      ];
    });
    const stack = stacks['eks-test-cluster']!;
    const eks = onlyResource(stack, 'aws_eks_cluster');
    expect(eks.upgrade_policy).toEqual({ support_type: 'STANDARD' });
    const [logGroupName, logGroup] = Object.entries<any>(resourcesOf(stack, 'aws_cloudwatch_log_group')).find(([name]) => name.startsWith('ControlPlane_LogGroup'))!;
    expect(logGroup.skip_destroy).toBe(true);
    const eksName = Object.keys(resourcesOf(stack, 'aws_eks_cluster'))[0];
    expect(stack.output[OVERRIDES_OUTPUT].value).toEqual([
      { address: `aws_eks_cluster.${eksName}`, attribute: 'upgrade_policy.support_type', value: '"STANDARD"' },
      { address: `aws_cloudwatch_log_group.${logGroupName}`, attribute: 'skip_destroy', value: 'true' },
    ]);
    expect(recorded).toEqual(stack.output[OVERRIDES_OUTPUT].value);
    // Only the stack with overrides gets the output.
    expect(stacks['eks-test-nodes']!.output?.[OVERRIDES_OUTPUT]).toBeUndefined();
  });

  it('records a value holding references as a pointer to the attribute, never as a resolved value', async () => {
    const { stacks } = await synthWith({ clusters: [MINIMAL.aws] }, {}, ([cluster]) => {
      const vpc = cluster!.stacks.cluster.node.findAll().find((c) => (c as { terraformResourceType?: string }).terraformResourceType === 'aws_vpc') as unknown as { id: string };
      const subnets = Fn.tolist([vpc.id]);
      overrideAttribute(cluster!, 'cluster', 'ControlPlane/Cluster', 'vpc_config.security_group_ids', subnets);
    });
    const stack = stacks['eks-test-cluster']!;
    expect(onlyResource(stack, 'aws_eks_cluster').vpc_config.security_group_ids).toMatch(/^\$\{tolist\(\[aws_vpc\.[^.]+\.id\]\)\}$/);
    const [entry] = stack.output[OVERRIDES_OUTPUT].value;
    expect(entry.value).toBe(EXPRESSION_VALUE);
    expect(JSON.stringify(stack.output[OVERRIDES_OUTPUT])).not.toContain('${');
  });

  it('merges an object value into the synthesized block and records it as JSON text', async () => {
    const { stacks } = await synthWith({ clusters: [MINIMAL.azure] }, {}, ([cluster]) => {
      overrideAttribute(cluster!, 'cluster', { type: 'azurerm_kubernetes_cluster' }, 'maintenance_window_auto_upgrade', { frequency: 'Weekly', interval: 1, duration: 4, day_of_week: 'Sunday' });
    });
    const stack = stacks['aks-test-cluster']!;
    expect(onlyResource(stack, 'azurerm_kubernetes_cluster').maintenance_window_auto_upgrade).toMatchObject({ frequency: 'Weekly', interval: 1, duration: 4, day_of_week: 'Sunday' });
    const [entry] = stack.output[OVERRIDES_OUTPUT].value;
    expect(JSON.parse(entry.value)).toEqual({ frequency: 'Weekly', interval: 1, duration: 4, day_of_week: 'Sunday' });
  });

  it('leaves a cluster without overrides without the output', async () => {
    const { stacks } = await synthWith({ clusters: [MINIMAL.gcp] });
    for (const stack of Object.values(stacks)) expect(stack.output?.[OVERRIDES_OUTPUT]).toBeUndefined();
  });

  describe('refuses a target or attribute that does not exist', () => {
    const cluster = (): PolyCluster => {
      const dispatcher = new CloudDispatcher(countingLoaders([]));
      dispatcher.register(fakeBuilder('aws'));
      return defineCluster(Testing.app(), { ...MINIMAL.aws, certManager: { enabled: false } }, { dispatcher });
    };
    let real: PolyCluster | undefined;
    const eks = async (): Promise<PolyCluster> => {
      if (!real) real = (await synthWith({ clusters: [MINIMAL.aws] }, {}, () => {})).clusters[0]!;
      return real;
    };

    /** Runs an override on a cluster and returns it as a thunk for toThrow. */
    const overrideOn = (c: PolyCluster, ...args: Parameters<typeof overrideAttribute> extends [unknown, ...infer R] ? R : never) => () => overrideAttribute(c, ...args);

    it('a phase the cluster does not have', () => {
      expect(() => overrideAttribute(cluster(), 'cni', 'X', 'a', 1)).toThrow('polycluster: cluster eks-test has no cni stack; its stacks are cluster, nodes, platform');
    });

    it('a construct path that names no resource, with the near ones', async () => {
      expect(() => overrideAttribute(cluster(), 'cluster', 'ControlPlane/Clustr', 'name', 'x')).toThrow('overrideAttribute target ControlPlane/Clustr is not a resource of stack eks-test-cluster');
      expect(overrideOn(await eks(), 'cluster', 'ControlPlane/Clustr', 'name', 'x')).toThrow('did you mean ControlPlane/Cluster (aws_eks_cluster)?');
    });

    it('a type that matches several resources', async () => {
      expect(overrideOn(await eks(), 'cluster', { type: 'aws_subnet' }, 'map_public_ip_on_launch', true)).toThrow(/target aws_subnet matches \d+ resources in stack eks-test-cluster \(Network\/.*\): name one by its construct path/);
    });

    it('a type with no resource', async () => {
      expect(overrideOn(await eks(), 'nodes', { type: 'aws_eks_cluster' }, 'name', 'x')).toThrow('target aws_eks_cluster is not a resource of stack eks-test-nodes');
    });

    it('an attribute the resource type does not have', async () => {
      expect(overrideOn(await eks(), 'cluster', 'ControlPlane/Cluster', 'vpc_confg.endpoint_public_access', true)).toThrow(
        'polycluster: aws_eks_cluster has no attribute vpc_confg (override path vpc_confg.endpoint_public_access)',
      );
      expect(overrideOn(await eks(), 'cluster', 'ControlPlane/Cluster', '', true)).toThrow('has no attribute (empty)');
    });

    it('an undefined value', async () => {
      expect(overrideOn(await eks(), 'cluster', 'ControlPlane/Cluster', 'version', undefined)).toThrow('needs a value');
    });
  });
});
