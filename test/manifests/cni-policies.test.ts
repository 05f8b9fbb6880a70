import { describe, expect, it } from 'vitest';
import { CLUSTER_WIDE_FILE, clusterManifests, resolveCluster, type ClusterSpec, type ManifestObject } from '../../constructs';
import { MINIMAL } from '../support/specs';

const namespaces: ClusterSpec['namespaces'] = [
  { name: 'shop' },
  { name: 'legacy', baseline: false },
  { name: 'open', baseline: false, denyMetadata: false },
];

function clusterWide(spec: ClusterSpec): ManifestObject[] {
  return clusterManifests(resolveCluster(spec)).find((f) => f.fileName === CLUSTER_WIDE_FILE)?.objects.slice() ?? [];
}
const specOf = (o: ManifestObject): any => o.spec;

describe('cluster-wide policies follow what the CNI mode enforces', () => {
  it.each([
    ['EKS VPC CNI', { ...MINIMAL.aws, namespaces }],
    ['GKE Dataplane V2 without Cilium policies', { ...MINIMAL.gcp, namespaces }],
    ["GKE's managed Calico", { ...MINIMAL.gcp, cni: { kind: 'calico' }, namespaces }],
    ["AKS's managed Calico", { ...MINIMAL.azure, cni: { kind: 'calico' }, namespaces }],
  ] as [string, ClusterSpec][])('%s: none', (_mode, spec) => {
    expect(clusterWide(spec)).toEqual([]);
  });

  it('self-installed Cilium: DNS through the proxy for baseline namespaces, a metadata deny for denying ones, never default deny', () => {
    const [dns, deny] = clusterWide({ ...MINIMAL.aws, cni: { kind: 'cilium' }, namespaces });
    expect([dns!.kind, dns!.metadata.name, deny!.metadata.name]).toEqual(['CiliumClusterwideNetworkPolicy', 'polycluster-allow-dns', 'polycluster-deny-metadata']);
    expect(specOf(dns!).endpointSelector.matchExpressions).toEqual([{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'In', values: ['shop'] }]);
    expect(specOf(dns!).egress[0].toPorts[0].rules).toEqual({ dns: [{ matchPattern: '*' }] });
    expect(specOf(deny!).endpointSelector.matchExpressions[0].values).toEqual(['legacy', 'shop']);
    expect(specOf(deny!).egressDeny).toEqual([{ toCIDR: ['169.254.169.254/32'] }]);
    for (const o of [dns!, deny!]) expect(specOf(o).enableDefaultDeny).toEqual({ ingress: false, egress: false });
  });

  it('GKE Dataplane V2 with Cilium policies: L3/L4 DNS only, no deny rules (GKE documents neither L7 nor deny)', () => {
    const objects = clusterWide({ ...MINIMAL.gcp, cni: { kind: 'cilium' }, namespaces: [{ name: 'shop', denyMetadata: true }] });
    expect(objects.map((o) => o.metadata.name)).toEqual(['polycluster-allow-dns']);
    expect(specOf(objects[0]!).egress[0].toPorts[0].rules).toBeUndefined();
  });

  it('Azure CNI powered by Cilium: L3/L4 rules and the metadata deny, no DNS proxy (that needs ACNS)', () => {
    const objects = clusterWide({ ...MINIMAL.azure, namespaces });
    expect(objects.map((o) => o.metadata.name)).toEqual(['polycluster-allow-dns', 'polycluster-deny-metadata']);
    expect(specOf(objects[0]!).egress[0].toPorts[0].rules).toBeUndefined();
  });

  it('Calico with its API server: a metadata deny before every NetworkPolicy and a DNS allowance, for egress-isolated namespaces only', () => {
    const [deny, dns] = clusterWide({ ...MINIMAL.azure, cni: { kind: 'calico', mode: 'vxlan' }, namespaces });
    expect([deny!.apiVersion, deny!.kind]).toEqual(['projectcalico.org/v3', 'GlobalNetworkPolicy']);
    expect(specOf(deny!)).toEqual({ order: 0, namespaceSelector: "projectcalico.org/name in {'legacy', 'shop'}", types: ['Egress'], egress: [{ action: 'Deny', destination: { nets: ['169.254.169.254/32'] } }] });
    expect(specOf(dns!).order).toBeLessThan(1000);
    expect(specOf(dns!).namespaceSelector).toBe("projectcalico.org/name in {'shop'}");
    expect(specOf(dns!).egress.map((r: any) => [r.protocol, r.destination.ports, r.destination.selector])).toEqual([
      ['UDP', [53], "k8s-app == 'kube-dns'"],
      ['TCP', [53], "k8s-app == 'kube-dns'"],
    ]);
  });

  it('Cilium modes admit node-forwarded load balancer traffic into exposed namespaces (ipBlocks do not match nodes there)', () => {
    for (const spec of [
      { ...MINIMAL.aws, cni: { kind: 'cilium', mode: 'overlay' } },
      { ...MINIMAL.azure },
    ] as ClusterSpec[]) {
      const objects = clusterWide({ ...spec, namespaces: [{ name: 'shop', exposed: true }, { name: 'back' }, { name: 'legacy', baseline: false, exposed: true }] });
      const nodes = objects.find((o) => o.metadata.name === 'polycluster-allow-nodes-to-exposed')!;
      expect(specOf(nodes).endpointSelector.matchExpressions[0].values).toEqual(['shop']);
      expect(specOf(nodes).ingress).toEqual([{ fromEntities: ['remote-node', 'host'] }]);
      expect(specOf(nodes).enableDefaultDeny).toEqual({ ingress: false, egress: false });
    }
    const calico = clusterWide({ ...MINIMAL.aws, cni: { kind: 'calico' }, namespaces: [{ name: 'shop', exposed: true }] });
    expect(calico.map((o) => o.metadata.name)).not.toContain('polycluster-allow-nodes-to-exposed');
  });

  it('keeps names apart: a namespace called cluster-wide, and callers whose names would run together', () => {
    const files = clusterManifests(resolveCluster({
      ...MINIMAL.aws,
      cni: { kind: 'cilium' },
      namespaces: [
        { name: 'cluster-wide' },
        { name: 'shop' },
        { name: 'x', allow: [{ from: { namespace: 'shop', app: 'z' }, to: { app: 'y' }, ports: [{ port: 1 }] }, { from: { namespace: 'shop' }, to: { app: 'y-from-z' }, ports: [{ port: 1 }] }] },
      ],
    }));
    expect(files.map((f) => f.fileName)).toEqual(['namespace-cluster-wide.yaml', 'namespace-shop.yaml', 'namespace-x.yaml', 'cluster-wide.yaml', 'cert-manager.yaml']);
    const shop = files.find((f) => f.fileName === 'namespace-shop.yaml')!.objects.map((o) => o.metadata.name);
    expect(shop).toEqual(expect.arrayContaining(['allow-out.x.y.from.z', 'allow-out.x.y-from-z']));
  });

  it('FQDN egress becomes a CiliumNetworkPolicy with its own DNS rule through the proxy', () => {
    const files = clusterManifests(resolveCluster({ ...MINIMAL.aws, cni: { kind: 'cilium', mode: 'chaining' }, namespaces: [{ name: 'billing', egress: [{ fqdns: ['api.stripe.com', '*.stripe.com'], ports: [{ port: 443 }] }] }] }));
    const cnp = files.flatMap((f) => f.objects).find((o) => o.kind === 'CiliumNetworkPolicy')!;
    expect(cnp.metadata).toEqual({ name: 'allow-egress-fqdns', namespace: 'billing' });
    expect(specOf(cnp).egress[0].toPorts[0].rules).toEqual({ dns: [{ matchPattern: '*' }] });
    expect(specOf(cnp).egress[1]).toEqual({ toFQDNs: [{ matchName: 'api.stripe.com' }, { matchPattern: '*.stripe.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] });
  });
});
