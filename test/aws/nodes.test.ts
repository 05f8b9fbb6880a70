import { beforeAll, describe, expect, it } from 'vitest';
import { amiTypeFor, nodeConfigUserData } from '../../constructs/aws';
import { onlyResource, resourcesOf, synthCluster, type SynthesizedCluster } from '../support/synth';
import { eks, eksCilium } from './helpers';

describe('EKS nodes', () => {
  let native: SynthesizedCluster;
  let cilium: SynthesizedCluster;
  beforeAll(async () => {
    native = await synthCluster(
      eks({
        nodePools: [
          { name: 'general', min: 3, max: 9 },
          { name: 'batch', machineType: 'c7g.xlarge', min: 1, max: 2, sizeScope: 'perZone', spot: true, maxPods: 58, diskSizeGiB: 200, labels: { workload: 'batch' }, taints: [{ key: 'workload', value: 'batch', effect: 'NoSchedule' }] },
        ],
      }),
    );
    cilium = await synthCluster(eksCilium());
  });
  const group = (c: SynthesizedCluster, pool: string) => Object.values(resourcesOf(c.stacks.nodes, 'aws_eks_node_group')).find((g) => g.node_group_name === pool);
  const template = (c: SynthesizedCluster, pool: string) => Object.values(resourcesOf(c.stacks.nodes, 'aws_launch_template')).find((t) => t.name === `eks-test-${pool}`);

  it('requires IMDSv2 with a hop limit of 1 on every launch template', () => {
    for (const t of Object.values(resourcesOf(native.stacks.nodes, 'aws_launch_template'))) {
      expect(t.metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled' });
    }
  });

  it('gives nodes no SSH: no key pair and no remote access', () => {
    for (const t of Object.values(resourcesOf(native.stacks.nodes, 'aws_launch_template'))) expect(t.key_name).toBeUndefined();
    for (const g of Object.values(resourcesOf(native.stacks.nodes, 'aws_eks_node_group'))) expect(g.remote_access).toBeUndefined();
  });

  it('encrypts the root volume at the pool disk size', () => {
    expect(template(native, 'batch').block_device_mappings).toEqual([
      { device_name: '/dev/xvda', ebs: { volume_size: 200, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' } },
    ]);
  });

  it('sets the kubelet pod limit of the pool through the AL2023 node configuration', () => {
    const userData: string = template(native, 'batch').user_data;
    expect(userData).toMatch(/^\$\{base64encode\(/);
    expect(nodeConfigUserData(58)).toContain('{"apiVersion":"node.eks.aws/v1alpha1","kind":"NodeConfig","spec":{"kubelet":{"config":{"maxPods":58}}}}');
    expect(nodeConfigUserData(58)).toContain('Content-Type: application/node.eks.aws');
  });

  it('counts the whole pool, converting per-zone counts', () => {
    expect(group(native, 'general').scaling_config).toEqual({ min_size: 3, max_size: 9, desired_size: 3 });
    // 1..2 per zone over three zones.
    expect(group(native, 'batch').scaling_config).toEqual({ min_size: 3, max_size: 6, desired_size: 3 });
  });

  it('leaves the size to the autoscaler after creation', () => {
    for (const g of Object.values(resourcesOf(native.stacks.nodes, 'aws_eks_node_group'))) {
      expect(g.lifecycle.ignore_changes).toEqual(['scaling_config[0].desired_size']);
    }
  });

  it('carries labels, taints, capacity type and architecture of the pool', () => {
    const batch = group(native, 'batch');
    expect(batch.labels).toEqual({ workload: 'batch' });
    expect(batch.taint).toEqual([{ key: 'workload', value: 'batch', effect: 'NO_SCHEDULE' }]);
    expect(batch.capacity_type).toBe('SPOT');
    expect(batch.ami_type).toBe('AL2023_ARM_64_STANDARD');
    expect(group(native, 'general')).toMatchObject({ capacity_type: 'ON_DEMAND', ami_type: 'AL2023_x86_64_STANDARD', version: '1.34', taint: [] });
  });

  it('starts Cilium nodes with the agent-not-ready taint so pods wait for the CNI', () => {
    expect(group(cilium, 'general').taint).toEqual([{ key: 'node.cilium.io/agent-not-ready', value: 'true', effect: 'NO_EXECUTE' }]);
  });

  it('runs nodes in the private subnets of the cluster stack, with the launch template', () => {
    const g = group(native, 'general');
    expect(g.subnet_ids).toHaveLength(3);
    for (const id of g.subnet_ids) expect(id).toMatch(/terraform_remote_state\.cross-stack-reference-input-eks-test-cluster\.outputs/);
    expect(g.launch_template.id).toMatch(/aws_launch_template\./);
    expect(g.launch_template.version).toMatch(/\.latest_version/);
  });

  it('gives the node role only what nodes need; the VPC CNI has its own role', () => {
    const policies = Object.values(resourcesOf(native.stacks.nodes, 'aws_iam_role_policy_attachment')).map((a) => a.policy_arn.split('/').pop());
    expect(policies.sort()).toEqual(['AmazonEC2ContainerRegistryPullOnly', 'AmazonEKSWorkerNodePolicy', 'AmazonSSMManagedInstanceCore']);
  });

  it('installs CoreDNS after the node groups', () => {
    const coredns = onlyResource(native.stacks.nodes, 'aws_eks_addon');
    expect(coredns.addon_name).toBe('coredns');
    const groups = Object.keys(resourcesOf(native.stacks.nodes, 'aws_eks_node_group')).map((name) => `aws_eks_node_group.${name}`);
    expect(coredns.depends_on.sort()).toEqual(groups.sort());
  });

  it('deploys the nodes after the cni stack when the CNI is self-installed, else after the cluster', () => {
    const c = cilium.cluster.stacks;
    expect(c.nodes.dependencies).toContain(c.cni);
    expect(c.cni!.dependencies).toContain(c.cluster);
    expect(native.cluster.stacks.cni).toBeUndefined();
    expect(native.cluster.stacks.nodes.dependencies).toContain(native.cluster.stacks.cluster);
  });

  it('picks the ARM AMI for Graviton families only', () => {
    expect(['m7g.large', 'c7gn.xlarge', 't4g.small', 'r8g.2xlarge', 'g5g.xlarge'].map(amiTypeFor)).toEqual(Array(5).fill('AL2023_ARM_64_STANDARD'));
    expect(['m7i.large', 'g5.xlarge', 'c6a.large', 'inf2.xlarge', 'm5d.large'].map(amiTypeFor)).toEqual(Array(5).fill('AL2023_x86_64_STANDARD'));
  });
});
