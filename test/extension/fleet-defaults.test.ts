import { describe, expect, it } from 'vitest';
import { mergeSpecs, type AllowanceSpec, type ClusterSpec, type SpecDefaults } from '../../constructs';
import { MINIMAL } from '../support/specs';
import { synthWith } from './synth-with';

/** Organisation defaults through defineFleet: extra pools, namespaces, allowances and labels. */

const scrape: AllowanceSpec = { from: { namespace: 'monitoring', app: 'prometheus' }, to: { app: 'api' }, ports: [{ port: 9090 }] };
const checkout: AllowanceSpec = { from: { namespace: 'web', app: 'checkout' }, to: { app: 'api' }, ports: [{ port: 8443 }] };

const ORG: SpecDefaults = {
  tags: { owner: 'platform-team' },
  kubernetesLabels: { 'acme.example/owner': 'platform-team', 'acme.example/tier': 'shared' },
  // No machine type: pools of every cloud get it, and machine types are per cloud.
  nodePools: [{ name: 'infra', min: 2, max: 4, labels: { 'acme.example/pool': 'infra' } }],
  namespaces: [
    { name: 'monitoring' },
    { name: 'api', allow: [scrape], egress: [{ cidr: '198.51.100.0/24', ports: [{ port: 443 }] }] },
  ],
  egress: { nat: 'per-zone' },
};

describe('organisation defaults', () => {
  it('add their namespaces and allowances to every cluster; a cluster adds its own to a namespace it redeclares', () => {
    const merged = mergeSpecs(ORG, { ...MINIMAL.aws, namespaces: [{ name: 'api', exposed: true, allow: [checkout, scrape] }, { name: 'web' }] });
    expect(merged.namespaces).toEqual([
      { name: 'monitoring' },
      { name: 'api', exposed: true, allow: [scrape, checkout], egress: [{ cidr: '198.51.100.0/24', ports: [{ port: 443 }] }] },
      { name: 'web' },
    ]);
  });

  it('keep a cluster\'s own egress allowances beside the organisation\'s, equal ones once', () => {
    const own = { cidr: '203.0.113.0/24', ports: [{ port: 443 }] };
    const merged = mergeSpecs(ORG, { ...MINIMAL.aws, namespaces: [{ name: 'api', egress: [own, { cidr: '198.51.100.0/24', ports: [{ port: 443 }] }] }] });
    expect(merged.namespaces?.find((n) => n.name === 'api')?.egress).toEqual([{ cidr: '198.51.100.0/24', ports: [{ port: 443 }] }, own]);
  });

  it('add their node pools; a cluster pool of the same name overrides field by field', () => {
    const merged = mergeSpecs(ORG, { ...MINIMAL.aws, nodePools: [{ name: 'general' }, { name: 'infra', max: 6, labels: { 'acme.example/team': 'payments' } }] });
    expect(merged.nodePools).toEqual([
      { name: 'infra', min: 2, max: 6, labels: { 'acme.example/pool': 'infra', 'acme.example/team': 'payments' } },
      { name: 'general' },
    ]);
  });

  it('merge kubernetesLabels key by key, the cluster winning', () => {
    const merged = mergeSpecs(ORG, { ...MINIMAL.gcp, kubernetesLabels: { 'acme.example/tier': 'dedicated', 'acme.example/team': 'shop' } });
    expect(merged.kubernetesLabels).toEqual({ 'acme.example/owner': 'platform-team', 'acme.example/tier': 'dedicated', 'acme.example/team': 'shop' });
  });

  it('come before the profile: a default written by the organisation is not relaxed by development', async () => {
    const dev: ClusterSpec = { ...MINIMAL.aws, profile: 'development' };
    const { clusters } = await synthWith({ defaults: ORG, clusters: [dev, { ...MINIMAL.aws, name: 'eks-own', profile: 'development', egress: { nat: 'single' } }] });
    expect(clusters[0]!.resolved.egress.nat).toBe('per-zone');
    expect(clusters[0]!.resolved.exceptions.map((e) => e.path)).not.toContain('egress.nat');
    // The cluster's own value wins over the organisation's.
    expect(clusters[1]!.resolved.egress.nat).toBe('single');
  });

  it('reach every cluster of a fleet: pools, namespaces with their policies, and labels', async () => {
    const { clusters, stacks } = await synthWith({
      defaults: ORG,
      clusters: [
        { ...MINIMAL.aws, namespaces: [{ name: 'web' }, { name: 'api', allow: [{ ...checkout, from: { namespace: 'web', app: 'checkout' } }] }] },
        { ...MINIMAL.azure },
      ],
    });
    for (const cluster of clusters) {
      expect(cluster.resolved.nodePools.map((p) => p.name)).toEqual(['infra']);
      expect(cluster.resolved.namespaces.map((n) => n.name)).toEqual(expect.arrayContaining(['monitoring', 'api']));
      const api = cluster.manifests.find((f) => f.fileName === 'namespace-api.yaml')!;
      const allowTo = api.objects.find((o) => o.metadata.name === 'allow-to-api')! as any;
      expect(allowTo.spec.ingress.map((r: any) => r.ports[0].port)).toEqual(cluster.resolved.cloud === 'aws' ? [9090, 8443] : [9090]);
      for (const object of cluster.manifests.flatMap((f) => f.objects)) expect(object.metadata.labels).toMatchObject({ 'acme.example/owner': 'platform-team' });
    }
    // The organisation's scraper gets its egress side in the monitoring namespace.
    const monitoring = clusters[0]!.manifests.find((f) => f.fileName === 'namespace-monitoring.yaml')!;
    expect(monitoring.objects.map((o) => o.metadata.name)).toContain('allow-out.api.api.from.prometheus');
    expect(Object.keys(stacks)).toContain('aks-test-policies');
  });
});
