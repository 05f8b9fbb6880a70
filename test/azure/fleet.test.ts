import { beforeAll, describe, expect, it } from 'vitest';
import { mergeSpecs, resolveCluster, type FleetSpec } from '../../constructs';
import { synthStackFiles } from '../support/synth';
import { azureClusters, organisationDefaults } from '../../stacks/fleet';

const fleet: FleetSpec = { defaults: organisationDefaults, clusters: azureClusters };
const resolved = azureClusters.map((spec) => resolveCluster(mergeSpecs(organisationDefaults, spec)));
const stackNames = resolved.flatMap((cluster) => cluster.phases.map((phase) => `${cluster.name}-${phase}`));

/** The AKS examples of stacks/fleet.ts synthesized through the app path: raw cdk.tf.json per stack. */
const synthRaw = async (): Promise<Map<string, string>> => (await synthStackFiles(fleet)).files;

describe('the AKS examples of the fleet', () => {
  let first: Map<string, string>;
  beforeAll(async () => {
    first = await synthRaw();
  });

  it('cover the managed CNIs, both BYO CNIs, a private endpoint and deployer CIDRs', () => {
    expect(resolved.map((c) => [c.cni.kind, c.cni.mode, c.cni.selfInstalled, c.access.deployer.publicEndpoint])).toEqual([
      ['cloud', 'azure-cilium', false, false],
      ['calico', 'policy-only', false, true],
      ['cilium', 'overlay', true, false],
      ['calico', 'vxlan', true, false],
    ]);
    expect(resolved.every((c) => c.azure?.subscriptionId !== undefined && c.access.admins.length > 0)).toBe(true);
  });

  it('synthesizes exactly the phase stacks of the examples', () => {
    expect([...first.keys()]).toEqual([...stackNames].sort());
  });

  it.each(stackNames)('%s matches its snapshot', (name) => {
    expect(JSON.parse(first.get(name)!)).toMatchSnapshot();
  });

  it('is byte-identical across two synths', async () => {
    const second = await synthRaw();
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [name, content] of first) expect(second.get(name), name).toBe(content);
  });
});
