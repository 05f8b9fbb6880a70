import { beforeAll, describe, expect, it } from 'vitest';
import { mergeSpecs, resolveCluster, type FleetSpec } from '../../constructs';
import { gcpClusters, organisationDefaults } from '../../stacks/fleet';
import { synthFleet, synthStackFiles, type StackJson } from '../support/synth';
import { clusterResource } from './helpers';

/** The GKE examples of this repository, with the organisation defaults. */
const GKE_FLEET: FleetSpec = { defaults: organisationDefaults, clusters: gcpClusters };

/** Stack names of the GKE examples, known before synthesizing. */
const STACK_NAMES = gcpClusters.flatMap((spec) => {
  const resolved = resolveCluster(mergeSpecs(organisationDefaults, spec));
  return resolved.phases.map((phase) => `${resolved.name}-${phase}`);
});

/** The GKE examples' stack files. */
const synthBytes = async (): Promise<Map<string, string>> => (await synthStackFiles(GKE_FLEET)).files;

describe('GKE examples of stacks/fleet.ts', () => {
  let stacks: Record<string, StackJson>;
  beforeAll(async () => {
    stacks = (await synthFleet(GKE_FLEET)).stacks;
  });

  it('has a Dataplane V2 and a Calico example', () => {
    const modes = gcpClusters.map((spec) => resolveCluster(mergeSpecs(organisationDefaults, spec)).cni.mode).sort();
    expect(modes).toEqual(['dataplane-v2', 'policy-only']);
    expect(Object.keys(stacks).sort()).toEqual([...STACK_NAMES].sort());
  });

  it('gives the calico example its managed Calico and public-CIDR endpoint', () => {
    const calico = clusterResource(stacks['gke-calico-prod-cluster']);
    expect(calico.network_policy).toEqual({ enabled: true, provider: 'CALICO' });
    expect(calico.private_cluster_config.enable_private_endpoint).toBe(false);
    const dpv2 = clusterResource(stacks['gke-dpv2-prod-cluster']);
    expect(dpv2.datapath_provider).toBe('ADVANCED_DATAPATH');
    expect(dpv2.private_cluster_config.enable_private_endpoint).toBe(true);
  });

  it.each(STACK_NAMES)('%s matches its reviewed snapshot', (name) => {
    expect(stacks[name]).toMatchSnapshot();
  });

  it('synthesizes byte-identical output twice', async () => {
    const first = await synthBytes();
    const second = await synthBytes();
    expect([...first.keys()]).toEqual([...STACK_NAMES].sort());
    for (const [stack, bytes] of first) expect(second.get(stack), stack).toBe(bytes);
  });
});
