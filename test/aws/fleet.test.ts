import { beforeAll, describe, expect, it } from 'vitest';
import { mergeSpecs, resolveCluster, type FleetSpec } from '../../constructs';
import { awsClusters, organisationDefaults } from '../../stacks/fleet';
import { synthStackFiles } from '../support/synth';

const fleet: FleetSpec = { defaults: organisationDefaults, clusters: awsClusters };
const resolved = awsClusters.map((spec) => resolveCluster(mergeSpecs(organisationDefaults, spec)));
const stackNames = resolved.flatMap((cluster) => cluster.phases.map((phase) => `${cluster.name}-${phase}`));

describe('the EKS examples of stacks/fleet.ts', () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    files = (await synthStackFiles(fleet)).files;
  });

  it('cover the VPC CNI and every self-installed EKS mode, from inside the network and from deployer CIDRs', () => {
    expect(resolved.map((c) => [c.cni.kind, c.cni.mode, c.access.deployer.publicEndpoint])).toEqual([
      ['cloud', 'vpc-cni', false],
      ['cilium', 'eni', true],
      ['cilium', 'chaining', false],
      ['cilium', 'overlay', false],
      ['calico', 'policy-only', false],
      ['calico', 'vxlan', false],
    ]);
    expect([...files.keys()]).toEqual([...stackNames].sort());
  });

  it.each(stackNames)('%s matches its reviewed snapshot', (name) => {
    expect(JSON.parse(files.get(name)!)).toMatchSnapshot();
  });

  it('is byte-identical across two synths', async () => {
    const second = (await synthStackFiles(fleet)).files;
    expect([...second.keys()]).toEqual([...files.keys()]);
    for (const [name, content] of files) expect(second.get(name), name).toBe(content);
  });
});
