import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing, type TerraformStack } from 'cdktf';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CLOUD_ENTRY_MODULES,
  CloudDispatcher,
  defineCluster,
  defineFleet,
  PhaseStacks,
  SpecValidationError,
  type Cloud,
} from '../constructs';
import { countingLoaders, fakeBuilder } from './support/fake-builder';
import { MINIMAL } from './support/specs';

const json = (stack: TerraformStack): Record<string, any> => JSON.parse(Testing.synth(stack));
const dispatcherWith = (...clouds: Cloud[]): CloudDispatcher => {
  const d = new CloudDispatcher(countingLoaders([]));
  for (const cloud of clouds) d.register(fakeBuilder(cloud));
  return d;
};

describe('defineCluster', () => {
  it('creates the phase stacks in deploy order, each depending on the one before', () => {
    const app = Testing.app();
    const { stacks } = defineCluster(app, { ...MINIMAL.aws, cni: { kind: 'cilium' } }, { dispatcher: dispatcherWith('aws') });
    expect(stacks.all().map((s) => s.node.id)).toEqual(['eks-test-cluster', 'eks-test-cni', 'eks-test-nodes', 'eks-test-platform', 'eks-test-policies']);
    const all = stacks.all();
    all.slice(1).forEach((stack, i) => expect(stack.dependencies).toContain(all[i]));
    expect(stacks.cni).toBeDefined();
  });

  it('has no cni stack when the CNI is managed', () => {
    const app = Testing.app();
    const { stacks } = defineCluster(app, MINIMAL.gcp, { dispatcher: dispatcherWith('gcp') });
    expect(stacks.cni).toBeUndefined();
    expect(stacks.nodes.dependencies).toContain(stacks.cluster);
  });

  it('hands the resolved cluster to the builder of its cloud', () => {
    const app = Testing.app();
    const built: string[] = [];
    const dispatcher = new CloudDispatcher(countingLoaders([]));
    dispatcher.register(fakeBuilder('azure', built));
    const cluster = defineCluster(app, MINIMAL.azure, { dispatcher });
    expect(built).toEqual(['aks-test']);
    expect(json(cluster.stacks.cluster).output.planned_subnets.value).toEqual(cluster.resolved.network.subnets);
  });

  it('throws once with every problem, prefixed with the cluster name, before building anything', () => {
    const app = Testing.app();
    const built: string[] = [];
    const dispatcher = new CloudDispatcher(countingLoaders([]));
    dispatcher.register(fakeBuilder('aws', built));
    let error: unknown;
    try {
      defineCluster(app, { ...MINIMAL.aws, zoneCount: 1, network: { vpcCidr: '10.0.0.0/16', serviceCidr: '10.0.0.0/16' } }, { dispatcher });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecValidationError);
    const message = (error as Error).message;
    expect(message).toContain('polycluster: 2 problems in the cluster spec:');
    expect(message).toContain('eks-test.zoneCount 1 gives fewer than two zones');
    expect(message).toContain('eks-test.network.serviceCidr 10.0.0.0/16 overlaps network.vpcCidr 10.0.0.0/16: choose a disjoint range such as 172.16.0.0/16');
    expect(built).toEqual([]);
    expect(app.node.children).toHaveLength(0);
  });

  it('says how to load a cloud that is not loaded', () => {
    expect(() => defineCluster(Testing.app(), MINIMAL.aws, { dispatcher: new CloudDispatcher(countingLoaders([])) })).toThrow(
      'polycluster: no builder for aws is loaded; use defineFleet (it loads the clouds a fleet needs) or import polycluster/aws before defineCluster',
    );
  });
});

describe('state backends', () => {
  const backendOf = (spec: Parameters<typeof defineCluster>[1]): Record<string, any>[] => {
    const { stacks } = defineCluster(Testing.app(), spec, { dispatcher: dispatcherWith(spec.cloud) });
    return stacks.all().map((s) => json(s).terraform.backend);
  };

  it('keeps local state per stack, at a machine-independent relative path', () => {
    const backends = backendOf(MINIMAL.aws);
    expect(backends.map((b) => b.local.path)).toEqual([
      '../../../terraform.eks-test-cluster.tfstate',
      '../../../terraform.eks-test-nodes.tfstate',
      '../../../terraform.eks-test-platform.tfstate',
      '../../../terraform.eks-test-policies.tfstate',
    ]);
    expect(backendOf({ ...MINIMAL.aws, stateBackend: { kind: 'local', directory: 'state' } })[0]!.local.path).toBe('../../../state/terraform.eks-test-cluster.tfstate');
  });

  it('uses S3 with native locking, or the named DynamoDB table', () => {
    const [native] = backendOf({ ...MINIMAL.aws, stateBackend: { kind: 's3', bucket: 'acme-tfstate', region: 'eu-west-1' } });
    expect(native!.s3).toEqual({ bucket: 'acme-tfstate', region: 'eu-west-1', key: 'polycluster/eks-test-cluster.tfstate', encrypt: true, use_lockfile: true });
    const [table] = backendOf({ ...MINIMAL.aws, stateBackend: { kind: 's3', bucket: 'acme-tfstate', region: 'eu-west-1', dynamodbTable: 'tf-locks', keyPrefix: 'team-a', kmsKeyId: 'alias/tfstate' } });
    expect(table!.s3).toEqual({ bucket: 'acme-tfstate', region: 'eu-west-1', key: 'team-a/eks-test-cluster.tfstate', encrypt: true, dynamodb_table: 'tf-locks', kms_key_id: 'alias/tfstate' });
  });

  it('uses GCS with a prefix per stack', () => {
    const backends = backendOf({ ...MINIMAL.gcp, stateBackend: { kind: 'gcs', bucket: 'acme-tfstate' } });
    expect(backends[1]!.gcs).toEqual({ bucket: 'acme-tfstate', prefix: 'polycluster/gke-test-nodes' });
  });

  it('uses azurerm with Entra ID auth and a key per stack', () => {
    const backends = backendOf({ ...MINIMAL.azure, stateBackend: { kind: 'azurerm', resourceGroupName: 'tfstate-rg', storageAccountName: 'acmetfstate', containerName: 'tfstate' } });
    expect(backends[0]!.azurerm).toEqual({
      resource_group_name: 'tfstate-rg',
      storage_account_name: 'acmetfstate',
      container_name: 'tfstate',
      key: 'polycluster/aks-test-cluster.tfstate',
      use_azuread_auth: true,
    });
  });
});

describe('posture exceptions output', () => {
  it('is an empty list for a production cluster and lists relaxations otherwise', () => {
    const prod = defineCluster(Testing.app(), MINIMAL.aws, { dispatcher: dispatcherWith('aws') });
    expect(json(prod.stacks.cluster).output.polycluster_posture_exceptions.value).toEqual([]);
    const dev = defineCluster(Testing.app(), { ...MINIMAL.aws, profile: 'development' }, { dispatcher: dispatcherWith('aws') });
    expect(json(dev.stacks.cluster).output.polycluster_posture_exceptions.value[0]).toEqual({
      path: 'egress.nat',
      value: '"single"',
      secure_value: '"per-zone"',
      source: 'profile',
      effect: 'one NAT gateway: cheaper, but egress fails when its zone fails',
    });
  });
});

describe('defineFleet', () => {
  it('loads only the clouds the fleet uses, each once', async () => {
    const calls: Cloud[] = [];
    const dispatcher = new CloudDispatcher(countingLoaders(calls));
    const clusters = await defineFleet(Testing.app(), { clusters: [MINIMAL.aws, { ...MINIMAL.aws, name: 'eks-two' }] }, { dispatcher });
    expect(calls).toEqual(['aws']);
    expect(clusters.map((c) => c.resolved.name)).toEqual(['eks-test', 'eks-two']);
    expect(dispatcher.loadedClouds).toEqual(['aws']);
  });

  it('merges organisation defaults under every cluster', async () => {
    const dispatcher = new CloudDispatcher(countingLoaders([]));
    const [aws, gcp] = await defineFleet(
      Testing.app(),
      { defaults: { profile: 'development', tags: { owner: 'platform' }, gcp: { project: 'acme-shared' } }, clusters: [MINIMAL.aws, { name: 'gke-two', cloud: 'gcp', region: 'europe-west1' }] },
      { dispatcher },
    );
    expect(aws!.resolved.profile).toBe('development');
    expect(aws!.resolved.tags.owner).toBe('platform');
    expect(gcp!.resolved.gcp).toEqual({ project: 'acme-shared' });
  });

  it('validates every cluster before loading or building anything, and throws once', async () => {
    const calls: Cloud[] = [];
    const app = Testing.app();
    const fleet = { clusters: [MINIMAL.aws, { ...MINIMAL.gcp, gcp: { project: 'X' } }, { ...MINIMAL.aws, region: 'mars-1' }, MINIMAL.aws] };
    await expect(defineFleet(app, fleet, { dispatcher: new CloudDispatcher(countingLoaders(calls)) })).rejects.toThrow(SpecValidationError);
    try {
      await defineFleet(app, fleet, { dispatcher: new CloudDispatcher(countingLoaders(calls)) });
    } catch (error) {
      const lines = (error as SpecValidationError).message.split('\n').slice(1);
      expect(lines).toEqual([
        expect.stringContaining('clusters[1].gcp.project X is not a GCP project id'),
        expect.stringContaining('clusters[2].region mars-1 is not an AWS region name'),
        expect.stringContaining('clusters[2].name eks-test is already used by clusters[0]'),
        expect.stringContaining('clusters[3].name eks-test is already used by clusters[0]'),
      ]);
    }
    expect(calls).toEqual([]);
    expect(app.node.children).toHaveLength(0);
  });

  it('reports a cloud folder that cannot be loaded', async () => {
    const dispatcher = new CloudDispatcher({
      ...countingLoaders([]),
      gcp: async () => {
        throw new Error("Cannot find module './gcp/index.js'");
      },
    });
    await expect(defineFleet(Testing.app(), { clusters: [MINIMAL.gcp] }, { dispatcher })).rejects.toThrow(
      "polycluster: cannot load the gcp cloud folder (constructs/gcp): Cannot find module './gcp/index.js'",
    );
  });

  it('imports the real cloud folders lazily, only the ones asked for', async () => {
    const dispatcher = new CloudDispatcher();
    await dispatcher.load([]);
    expect(dispatcher.loadedClouds).toEqual([]);
    await dispatcher.load(['azure']);
    expect(dispatcher.loadedClouds).toEqual(['azure']);
    expect(dispatcher.builderFor('azure').cloud).toBe('azure');
    expect(CLOUD_ENTRY_MODULES).toEqual({ aws: './aws/index.js', gcp: './gcp/index.js', azure: './azure/index.js' });
  });

  it('names the cloud folder whose import fails', async () => {
    const dispatcher = new CloudDispatcher({
      ...countingLoaders([]),
      azure: async () => {
        throw new Error("Cannot find module './azure/index.js'");
      },
    });
    await expect(dispatcher.load(['azure'])).rejects.toThrow("polycluster: cannot load the azure cloud folder (constructs/azure): Cannot find module './azure/index.js'");
  });

  it('rejects a module that exports another cloud', async () => {
    const dispatcher = new CloudDispatcher({ ...countingLoaders([]), azure: async () => ({ builder: fakeBuilder('aws') }) });
    await expect(defineFleet(Testing.app(), { clusters: [MINIMAL.azure] }, { dispatcher })).rejects.toThrow('does not export a builder for azure');
  });
});

describe('synthesized output', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  async function synthFleet(): Promise<Map<string, string>> {
    const outdir = mkdtempSync(join(tmpdir(), 'polycluster-synth-'));
    dirs.push(outdir);
    const app = new App({ outdir });
    const dispatcher = new CloudDispatcher(countingLoaders([]));
    // The fake builder configures no provider, so no stack may hold the policies stack's kubernetes_manifest objects.
    const noManifests = { certManager: { enabled: false } };
    await defineFleet(app, { clusters: [{ ...MINIMAL.aws, cni: { kind: 'cilium' }, ...noManifests }, { ...MINIMAL.gcp, ...noManifests }, { ...MINIMAL.azure, profile: 'development', ...noManifests }] }, { dispatcher });
    app.synth();
    const files = new Map<string, string>();
    for (const stack of readdirSync(join(outdir, 'stacks')).sort()) {
      files.set(stack, readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    }
    files.set('manifest.json', readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    return files;
  }

  it('is byte-identical across two synths', async () => {
    const first = await synthFleet();
    const second = await synthFleet();
    expect([...first.keys()]).toEqual([...second.keys()]);
    for (const [name, content] of first) expect(second.get(name), name).toBe(content);
    expect([...first.keys()]).toContain('eks-test-cni');
    expect(first.size).toBe(4 + 3 + 3 + 1);
  });

  it('wires cross-stack references through remote state of the same backend', async () => {
    const files = await synthFleet();
    const nodes = JSON.parse(files.get('eks-test-nodes')!);
    const remote = Object.values(nodes.data.terraform_remote_state) as { backend: string; config: { path: string } }[];
    expect(remote).toEqual([expect.objectContaining({ backend: 'local', config: expect.objectContaining({ path: '../../../terraform.eks-test-cluster.tfstate' }) })]);
  });
});

describe('PhaseStacks.stackName', () => {
  it('derives stack names from the cluster name only', () => {
    expect(PhaseStacks.stackName('prod-eu', 'policies')).toBe('prod-eu-policies');
  });
});
