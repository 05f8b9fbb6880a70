import { describe, expect, it } from 'vitest';
import type { ClusterSpec } from '../../constructs';
import { fleet } from '../../stacks/fleet';
import { MINIMAL, MIRRORS } from '../support/specs';
import { synthFleet, type StackJson } from '../support/synth';
import { tagSupport, untagged } from './taggable';

/**
 * The spec's tags reach every cloud resource that takes tags or labels, on all three clouds:
 * through the provider's default tags where the provider has them (AWS `default_tags`, GCP
 * `default_labels`) and the resource honours them, and written on the resource elsewhere (Azure,
 * GKE node VMs, EC2 instances and volumes of node groups, the AKS system pool).
 */

const TAGS = { 'cost-centre': 'cc-42', team: 'platform' };

/** Specs that together use every resource each cloud folder can create. */
const RICH: readonly ClusterSpec[] = [
  { ...MINIMAL.aws, name: 'eks-tags', tags: TAGS, cni: { kind: 'cilium', mode: 'eni' }, ingress: { exposure: 'internet-facing', externalDnsZones: ['apps.acme.example'] }, certManager: { acme: { email: 'ops@acme.example', dnsZones: ['acme.example'] } }, nodePools: [{ name: 'general' }, { name: 'batch', spot: true }] },
  { ...MINIMAL.aws, name: 'eks-tags-private', region: 'eu-west-1', tags: TAGS, cni: { kind: 'calico', mode: 'vxlan' }, egress: { nat: 'none', registryMirrors: MIRRORS } },
  { ...MINIMAL.gcp, name: 'gke-tags', tags: TAGS, ingress: { exposure: 'internet-facing', externalDnsZones: ['apps.acme.example'] }, certManager: { acme: { email: 'ops@acme.example', dnsZones: ['acme.example'] } }, gcp: { project: 'acme-platform', gatewayClasses: ['gke-l7-rilb'] } },
  { ...MINIMAL.gcp, name: 'gke-tags-calico', tags: TAGS, cni: { kind: 'calico' }, profile: 'development' },
  { ...MINIMAL.azure, name: 'aks-tags', tags: TAGS, ingress: { exposure: 'internet-facing', externalDnsZones: ['apps.acme.example'] }, certManager: { acme: { email: 'ops@acme.example', dnsZones: ['acme.example'] } }, nodePools: [{ name: 'general' }, { name: 'batch', spot: true }] },
  { ...MINIMAL.azure, name: 'aks-tags-byo', tags: TAGS, cni: { kind: 'cilium', mode: 'overlay' }, egress: { nat: 'single' } },
];

async function walk(specs: { clusters: readonly ClusterSpec[]; defaults?: Parameters<typeof synthFleet>[0]['defaults'] }): Promise<{ problems: string[]; checkedTypes: Set<string>; stacks: Record<string, StackJson> }> {
  const { clusters, stacks } = await synthFleet(specs);
  const problems: string[] = [];
  const checkedTypes = new Set<string>();
  for (const cluster of clusters) {
    for (const phase of cluster.resolved.phases) {
      const name = `${cluster.resolved.name}-${phase}`;
      const stack = stacks[name]!;
      for (const type of Object.keys(stack.resource ?? {})) if (tagSupport(type)?.top || tagSupport(type)?.nested.length) checkedTypes.add(type);
      for (const u of untagged(stack, cluster.resolved.tags)) problems.push(`${name}: ${u.where} lacks ${u.missing.join(', ')}`);
    }
  }
  return { problems, checkedTypes, stacks };
}

describe('tags reach every taggable cloud resource', () => {
  it('on clusters that use every resource kind of each cloud', async () => {
    const { problems, checkedTypes } = await walk({ clusters: RICH });
    expect(problems).toEqual([]);
    // The walk really looked at taggable resources of each cloud, top-level and nested.
    for (const type of ['aws_vpc', 'aws_eks_cluster', 'aws_launch_template', 'aws_kms_key', 'aws_iam_role', 'aws_vpc_endpoint', 'google_container_cluster', 'google_container_node_pool', 'google_compute_address', 'google_kms_crypto_key', 'azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool', 'azurerm_public_ip', 'azurerm_user_assigned_identity', 'azurerm_key_vault']) {
      expect(checkedTypes, type).toContain(type);
    }
  }, 60_000);

  it('on the example fleet, with the organisation tags of its defaults', async () => {
    const { problems, checkedTypes } = await walk(fleet);
    expect(problems).toEqual([]);
    expect([...checkedTypes].filter((t) => t.startsWith('azurerm_')).length).toBeGreaterThan(8);
  }, 60_000);

  it('catches a resource without its tags (the walk can fail)', async () => {
    const { stacks } = await synthFleet({ clusters: [{ ...MINIMAL.azure, tags: TAGS }] });
    const stack = structuredClone(stacks['aks-test-cluster']!);
    const [name, vnet] = Object.entries<any>(stack.resource.azurerm_virtual_network)[0]!;
    delete vnet.tags;
    const pools = Object.values<any>(stack.resource.azurerm_kubernetes_cluster)[0].default_node_pool;
    pools.tags = { team: 'platform' };
    const expected = { ...TAGS, 'polycluster-cluster': 'aks-test', 'polycluster-profile': 'production' };
    const where = untagged(stack, expected).map((u) => u.where);
    expect(where).toContain(`azurerm_virtual_network.${name}`);
    expect(where.some((w) => w.endsWith('.default_node_pool[0]'))).toBe(true);
  });

  it('reads tag support from the provider bindings', () => {
    expect(tagSupport('aws_vpc')).toMatchObject({ top: 'tags', providerDefaults: true });
    expect(tagSupport('aws_launch_template')!.nested).toContainEqual({ block: 'tag_specifications', attribute: 'tags' });
    expect(tagSupport('aws_route')).toEqual({ providerDefaults: false, nested: [] });
    expect(tagSupport('google_compute_address')).toMatchObject({ top: 'labels', providerDefaults: true });
    expect(tagSupport('google_container_node_pool')!.nested).toContainEqual({ block: 'node_config', attribute: 'resource_labels' });
    expect(tagSupport('azurerm_kubernetes_cluster')).toMatchObject({ top: 'tags', providerDefaults: false });
    expect(tagSupport('azurerm_kubernetes_cluster')!.nested).toContainEqual({ block: 'default_node_pool', attribute: 'tags' });
    expect(tagSupport('helm_release')).toBeUndefined();
  });
});
