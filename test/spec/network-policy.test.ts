import { describe, expect, it } from 'vitest';
import {
  CNI_CELLS,
  exposureSources,
  isolatedApps,
  MANAGED_NAMESPACE_LABEL,
  METADATA_CIDR,
  metadataDestinations,
  namespaceLabels,
  outgoingAllowances,
  resolveCluster,
  EXPOSED_NAMESPACE_LABEL,
  type ClusterSpec,
  type ResolvedNamespace,
} from '../../constructs';
import { MINIMAL } from '../support/specs';

const resolve = (base: ClusterSpec, change: Partial<ClusterSpec> = {}) => resolveCluster({ ...base, ...change });
const cidrs = (sources: readonly { readonly cidr: string }[]): string[] => sources.map((s) => s.cidr);

const GOOGLE_FRONT_ENDS = ['35.191.0.0/16', '130.211.0.0/22'];
const AZURE_PROBES = '168.63.129.16/32';

describe('exposureSources', () => {
  it('admits on AWS the subnets where load balancers of the exposure live, and says when pods share them', () => {
    const cluster = resolve(MINIMAL.aws, { network: { vpcCidr: '10.10.0.0/16' } });
    const sources = exposureSources(cluster);
    // Internal load balancers sit in the private subnets, next to the VPC CNI's pods.
    expect(cidrs(sources.addresses)).toEqual(cluster.network.subnets.private);
    expect(sources.podsShareAddresses).toBe(true);
    expect(sources.addresses[0]!.what).not.toBe('');
    // Internet-facing ones sit in the public subnets, where no pod lives.
    const public_ = exposureSources(resolve(MINIMAL.aws, { network: { vpcCidr: '10.10.0.0/16' }, ingress: { exposure: 'internet-facing' } }));
    expect(cidrs(public_.addresses)).toEqual(cluster.network.subnets.public);
    expect(public_.podsShareAddresses).toBe(false);
    // On an overlay the nodes forward to pods (instance targets), and pods have their own range.
    const overlay = exposureSources(resolve(MINIMAL.aws, { network: { vpcCidr: '10.10.0.0/16' }, cni: { kind: 'cilium', mode: 'overlay' }, ingress: { exposure: 'internet-facing' } }));
    expect(cidrs(overlay.addresses)).toEqual([...cluster.network.subnets.public, ...cluster.network.subnets.private]);
    expect(overlay.podsShareAddresses).toBe(false);
    // The ALB controller (`cloud`) runs no in-cluster proxy, so no controller namespace is admitted.
    expect(sources).not.toHaveProperty('controllerNamespace');
  });

  it('admits the Google front ends and the proxy-only subnet on GKE with the regional internal class', () => {
    const cluster = resolve(MINIMAL.gcp, { network: { vpcCidr: '10.8.0.0/16' }, ingress: { exposure: 'internal' } });
    expect(cluster.ingress.gatewayClasses).toEqual(['gke-l7-rilb']);
    const proxyOnly = cluster.network.subnets.proxyOnly;
    expect(proxyOnly).toBe('10.8.16.0/23');
    const sources = exposureSources(cluster);
    expect(cidrs(sources.addresses)).toEqual([...GOOGLE_FRONT_ENDS, proxyOnly]);
    expect(sources).not.toHaveProperty('controllerNamespace');
  });

  it('admits only the Google front ends on GKE internet-facing (global class, no proxy-only subnet)', () => {
    const cluster = resolve(MINIMAL.gcp, { ingress: { exposure: 'internet-facing' } });
    expect(cluster.network.subnets.proxyOnly).toBeUndefined();
    expect(cidrs(exposureSources(cluster).addresses)).toEqual(GOOGLE_FRONT_ENDS);
  });

  it('follows the proxy-only subnet, not the exposure: a listed regional class brings it back', () => {
    const cluster = resolve(MINIMAL.gcp, { ingress: { exposure: 'internet-facing' }, gcp: { project: 'acme-platform', gatewayClasses: ['gke-l7-regional-external-managed'] } });
    const proxyOnly = cluster.network.subnets.proxyOnly;
    expect(proxyOnly).toBeDefined();
    expect(cidrs(exposureSources(cluster).addresses)).toEqual([...GOOGLE_FRONT_ENDS, proxyOnly]);
  });

  it('admits the node subnet and the Azure health probe address on AKS, with Traefik (the AKS default) in its namespace', () => {
    const cluster = resolve(MINIMAL.azure, { network: { vpcCidr: '10.30.0.0/16' } });
    const nodes = cluster.network.subnets.nodes;
    expect(nodes).toBeDefined();
    const sources = exposureSources(cluster);
    expect(cidrs(sources.addresses)).toEqual([nodes, AZURE_PROBES]);
    expect(sources.controllerNamespace).toBe('traefik');
  });

  it.each([
    ['aws', MINIMAL.aws, 'traefik', 'traefik'],
    ['aws', MINIMAL.aws, 'nginx', 'nginx-ingress'],
    ['gcp', MINIMAL.gcp, 'traefik', 'traefik'],
    ['gcp', MINIMAL.gcp, 'nginx', 'nginx-ingress'],
    ['azure', MINIMAL.azure, 'nginx', 'nginx-ingress'],
  ] as const)('on %s admits the %s controller from namespace %s, besides the addresses', (cloud, base, controller, namespace) => {
    const cluster = resolve(base, { ingress: { controller } });
    const sources = exposureSources(cluster);
    expect(sources.controllerNamespace).toBe(namespace);
    expect(sources.addresses.length).toBeGreaterThan(0);
    if (cloud === 'gcp') {
      // An in-cluster controller uses no GatewayClass, so there is no proxy-only subnet to admit.
      expect(cluster.network.subnets.proxyOnly).toBeUndefined();
      expect(cidrs(sources.addresses)).toEqual(GOOGLE_FRONT_ENDS);
    }
  });
});

describe('metadataDestinations', () => {
  const http = { cidr: METADATA_CIDR, ports: [{ port: 80, protocol: 'TCP' }] };

  it.each([
    ['aws', MINIMAL.aws],
    ['azure', MINIMAL.azure],
  ] as const)('on %s opens only the metadata address on TCP 80', (_cloud, base) => {
    const destinations = metadataDestinations(resolve(base));
    expect(destinations.map(({ cidr, ports }) => ({ cidr, ports }))).toEqual([http]);
    expect(METADATA_CIDR).toBe('169.254.169.254/32');
  });

  it('on GKE also opens the GKE metadata server on TCP 988 for Workload Identity', () => {
    const destinations = metadataDestinations(resolve(MINIMAL.gcp));
    expect(destinations.map(({ cidr, ports }) => ({ cidr, ports }))).toEqual([http, { cidr: '169.254.169.252/32', ports: [{ port: 988, protocol: 'TCP' }] }]);
    for (const d of destinations) expect(d.what).not.toBe('');
  });
});

describe('namespaces[].denyMetadata', () => {
  const metadataExceptions = (cluster: ReturnType<typeof resolveCluster>) => cluster.exceptions.filter((e) => /^namespaces\[\d+\]\.denyMetadata$/.test(e.path));

  it.each([
    ['aws', MINIMAL.aws, true],
    ['gcp', MINIMAL.gcp, false],
    ['azure', MINIMAL.azure, true],
  ] as const)('defaults on %s to %s, without a posture exception', (_cloud, base, expected) => {
    const cluster = resolve(base, { namespaces: [{ name: 'apps' }] });
    expect(cluster.namespaces[0]!.denyMetadata).toBe(expected);
    expect(metadataExceptions(cluster)).toEqual([]);
  });

  it.each([
    ['aws', MINIMAL.aws],
    ['azure', MINIMAL.azure],
  ] as const)('on %s, a written false wins and shows as a posture exception at its index', (_cloud, base) => {
    const cluster = resolve(base, { namespaces: [{ name: 'apps' }, { name: 'identity', denyMetadata: false }] });
    expect(cluster.namespaces.map((n) => n.denyMetadata)).toEqual([true, false]);
    expect(metadataExceptions(cluster)).toEqual([
      { path: 'namespaces[1].denyMetadata', value: false, secureValue: true, source: 'spec', effect: expect.stringContaining('identity') },
    ]);
  });

  it('on GKE, a written true wins, and neither true nor false is an exception (false is the secure default there)', () => {
    const cluster = resolve(MINIMAL.gcp, { namespaces: [{ name: 'payments', denyMetadata: true }, { name: 'apps', denyMetadata: false }, { name: 'web' }] });
    expect(cluster.namespaces.map((n) => n.denyMetadata)).toEqual([true, false, false]);
    expect(metadataExceptions(cluster)).toEqual([]);
  });
});

describe('namespaceLabels', () => {
  const namespace = (change: Partial<ResolvedNamespace>): ResolvedNamespace => ({
    name: 'apps',
    labels: {},
    baseline: true,
    exposed: false,
    denyMetadata: true,
    allow: [],
    egress: [],
    ...change,
  });

  it('keeps the spec labels and adds the managed label; the exposed label only on exposed namespaces', () => {
    const cluster = resolve(MINIMAL.aws, { namespaces: [{ name: 'web', exposed: true, labels: { team: 'web' } }, { name: 'batch', labels: { team: 'data' } }] });
    expect(namespaceLabels(cluster.namespaces[0]!)).toStrictEqual({ team: 'web', [MANAGED_NAMESPACE_LABEL]: 'true', [EXPOSED_NAMESPACE_LABEL]: 'true' });
    expect(namespaceLabels(cluster.namespaces[1]!)).toStrictEqual({ team: 'data', [MANAGED_NAMESPACE_LABEL]: 'true' });
    expect(MANAGED_NAMESPACE_LABEL).toBe('polycluster.io/managed');
    expect(EXPOSED_NAMESPACE_LABEL).toBe('polycluster.io/exposed');
  });

  it('gives polycluster\'s selection labels precedence over a spec label of the same key (validation refuses those anyway)', () => {
    expect(namespaceLabels(namespace({ labels: { [MANAGED_NAMESPACE_LABEL]: 'false' } }))).toStrictEqual({ [MANAGED_NAMESPACE_LABEL]: 'true' });
    expect(() => resolve(MINIMAL.aws, { namespaces: [{ name: 'apps', labels: { [EXPOSED_NAMESPACE_LABEL]: 'true' } }] })).toThrow(/polycluster sets itself/);
  });

  it('does not change the resolved namespace', () => {
    const ns = namespace({ labels: { team: 'a' }, exposed: true });
    namespaceLabels(ns);
    expect(ns.labels).toStrictEqual({ team: 'a' });
  });
});

describe('allowances', () => {
  const cluster = resolve(MINIMAL.aws, {
    namespaces: [
      { name: 'web', exposed: true },
      {
        name: 'payments',
        allow: [
          { from: { namespace: 'web', app: 'checkout' }, to: { app: 'payments' }, ports: [{ port: 8443 }] },
          { from: { cidr: '203.0.113.0/24' }, to: { app: 'payments' }, ports: [{ port: 8443 }] },
          { from: { app: 'ledger' }, to: { app: 'payments' }, ports: [{ port: 8443 }] },
          { from: { namespace: 'payments', app: 'audit' }, to: { app: 'ledger' }, ports: [{ port: 9000 }] },
          { from: { namespace: 'web' }, to: { app: 'payments' }, ports: [{ port: 9090 }, { port: 53, protocol: 'UDP' }] },
          { from: { namespace: 'batch' }, to: { app: 'audit' }, ports: [{ port: 8080 }] },
        ],
      },
      { name: 'batch', allow: [{ from: { namespace: 'web', app: 'reports' }, to: { app: 'jobs' }, ports: [{ port: 8000 }] }] },
    ],
  });
  const [web, payments, batch] = cluster.namespaces as [ResolvedNamespace, ResolvedNamespace, ResolvedNamespace];

  it('isolates each app named in allow[].to once, sorted', () => {
    expect(isolatedApps(payments)).toEqual(['audit', 'ledger', 'payments']);
    expect(isolatedApps(batch)).toEqual(['jobs']);
    expect(isolatedApps(web)).toEqual([]);
  });

  it('lists for a caller the allowances of other namespaces that name it, in namespace and allowance order, with resolved ports', () => {
    expect(outgoingAllowances(cluster, 'web')).toStrictEqual([
      { fromApp: 'checkout', toNamespace: 'payments', toApp: 'payments', ports: [{ port: 8443, protocol: 'TCP' }] },
      { toNamespace: 'payments', toApp: 'payments', ports: [{ port: 9090, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] },
      { fromApp: 'reports', toNamespace: 'batch', toApp: 'jobs', ports: [{ port: 8000, protocol: 'TCP' }] },
    ]);
    expect(outgoingAllowances(cluster, 'batch')).toStrictEqual([{ toNamespace: 'payments', toApp: 'audit', ports: [{ port: 8080, protocol: 'TCP' }] }]);
  });

  it("leaves out a namespace's own allowances (implicit or named) and range allowances", () => {
    expect(outgoingAllowances(cluster, 'payments')).toEqual([]);
    const all = cluster.namespaces.flatMap((ns) => outgoingAllowances(cluster, ns.name));
    expect(all).toHaveLength(4);
    expect(all.map((o) => o.toApp)).not.toContain('ledger');
  });

  it('has nothing for a namespace that no allowance names', () => {
    expect(outgoingAllowances(cluster, 'monitoring')).toEqual([]);
  });
});

describe('CNI matrix facts the policies rely on', () => {
  const fqdnCells = CNI_CELLS.filter((c) => c.fqdnEgress.support !== 'never');

  it('every cell that can filter egress by DNS name writes Cilium policies through the DNS proxy', () => {
    expect(fqdnCells.length).toBeGreaterThan(0);
    for (const cell of fqdnCells) {
      expect(cell.clusterPolicies, `${cell.cloud}/${cell.kind}/${cell.mode}`).toMatchObject({ kind: 'cilium', dnsProxy: true });
    }
  });

  it('the FQDN cells are exactly the self-installed Cilium modes', () => {
    expect(fqdnCells.map((c) => `${c.cloud}/${c.kind}/${c.mode}`).sort()).toEqual(['aws/cilium/chaining', 'aws/cilium/eni', 'aws/cilium/overlay', 'azure/cilium/overlay']);
    for (const cell of fqdnCells) expect(cell.provisioning).toBe('self-installed');
  });

  it('validation refuses DNS-name egress on every other cell, naming the reason', () => {
    for (const cell of CNI_CELLS.filter((c) => c.fqdnEgress.support === 'never')) {
      const podCidr = cell.podAddressing === 'pod-range' && cell.podBlock?.kind !== 'gke' ? { network: { podCidr: '100.64.0.0/14' } } : {};
      const spec = { ...MINIMAL[cell.cloud], cni: { kind: cell.kind, mode: cell.mode }, ...podCidr, namespaces: [{ name: 'apps', egress: [{ fqdns: ['api.stripe.com'], ports: [{ port: 443 }] }] }] };
      expect(() => resolveCluster(spec), `${cell.cloud}/${cell.kind}/${cell.mode}`).toThrow(/namespaces\[0\]\.egress\[0\]\.fqdns/);
    }
  });
});
