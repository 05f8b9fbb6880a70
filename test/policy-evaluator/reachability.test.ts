import { describe, expect, it } from 'vitest';
import { clusterManifests, mergeSpecs, resolveCluster, type ClusterSpec, type ResolvedCluster } from '../../constructs';
import { evaluate, explainCluster, policyWorld, reachabilityTable, unexpected, type Connection, type Endpoint } from '../../constructs/policy-evaluator';
import { fleet } from '../../stacks/fleet';
import { MINIMAL } from '../support/specs';

const pod = (namespace: string, app: string): Endpoint => ({ kind: 'pod', namespace, labels: { 'app.kubernetes.io/name': app }, name: `${namespace}/${app}` });
const addr = (ip: string): Endpoint => ({ kind: 'address', ip, name: ip });
const kubeDns: Endpoint = { kind: 'pod', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, name: 'kube-system/kube-dns' };
const tcp = (from: Endpoint, to: Endpoint, port: number): Connection => ({ from, to, port, protocol: 'TCP' });

/** Whether a connection is allowed by the policies generated for a spec. */
function reach(spec: ClusterSpec | ResolvedCluster): (connection: Connection) => boolean {
  const cluster = 'cloud' in spec && 'phases' in spec ? spec : resolveCluster(spec as ClusterSpec);
  const world = policyWorld(cluster, clusterManifests(cluster));
  return (connection) => evaluate(world, connection).allowed;
}

describe('the generated policies of every fleet cluster', () => {
  const clusters = fleet.clusters.map((spec) => resolveCluster(mergeSpecs(fleet.defaults, spec)));
  it.each(clusters.map((c) => [c.name, c] as const))('%s: every probe gets the verdict the spec implies', (_name, cluster) => {
    const rows = explainCluster(cluster, clusterManifests(cluster));
    expect(rows.length).toBeGreaterThanOrEqual(7 * cluster.namespaces.length);
    expect(unexpected(rows).map((r) => r.verdict.reason)).toEqual([]);
  });
});

describe('the baseline of a managed namespace', () => {
  const allowed = reach({ ...MINIMAL.aws, namespaces: [{ name: 'shop' }, { name: 'billing' }] });
  it('admits traffic within the namespace and DNS to kube-dns on UDP and TCP 53', () => {
    expect(allowed(tcp(pod('shop', 'web'), pod('shop', 'api'), 8080))).toBe(true);
    expect(allowed({ from: pod('shop', 'web'), to: kubeDns, port: 53, protocol: 'UDP' })).toBe(true);
    expect(allowed({ from: pod('shop', 'web'), to: kubeDns, port: 53, protocol: 'TCP' })).toBe(true);
  });
  it('denies everything else, both ways', () => {
    expect(allowed(tcp(pod('shop', 'web'), kubeDns, 8080))).toBe(false);
    expect(allowed(tcp(pod('default', 'client'), pod('shop', 'web'), 8080))).toBe(false);
    expect(allowed(tcp(pod('shop', 'web'), pod('billing', 'api'), 8080))).toBe(false);
    expect(allowed(tcp(pod('shop', 'web'), addr('192.0.2.10'), 443))).toBe(false);
    expect(allowed(tcp(pod('shop', 'web'), addr('169.254.169.254'), 80))).toBe(false);
    expect(allowed(tcp(addr('10.0.1.10'), pod('shop', 'web'), 8080))).toBe(false);
  });
  it('opens the GKE metadata server by default on GKE (Workload Identity), and not once denyMetadata is set', () => {
    const gke = reach({ ...MINIMAL.gcp, namespaces: [{ name: 'shop' }, { name: 'vault', denyMetadata: true }] });
    expect(gke(tcp(pod('shop', 'web'), addr('169.254.169.254'), 80))).toBe(true);
    expect(gke(tcp(pod('shop', 'web'), addr('169.254.169.252'), 988))).toBe(true);
    expect(gke(tcp(pod('shop', 'web'), addr('169.254.169.254'), 443))).toBe(false);
    expect(gke(tcp(pod('vault', 'web'), addr('169.254.169.254'), 80))).toBe(false);
    expect(gke(tcp(pod('vault', 'web'), addr('169.254.169.252'), 988))).toBe(false);
  });
  it('keeps both GKE metadata addresses closed inside a link-local egress allowance', () => {
    const gke = reach({ ...MINIMAL.gcp, namespaces: [{ name: 'vault', denyMetadata: true, egress: [{ cidr: '169.254.0.0/16', ports: [{ port: 80 }, { port: 988 }] }] }] });
    expect(gke(tcp(pod('vault', 'app'), addr('169.254.10.1'), 80))).toBe(true);
    expect(gke(tcp(pod('vault', 'app'), addr('169.254.169.254'), 80))).toBe(false);
    expect(gke(tcp(pod('vault', 'app'), addr('169.254.169.252'), 988))).toBe(false);
  });
  it('does not isolate the callers of an allowance whose namespace has no baseline', () => {
    const open = reach({ ...MINIMAL.gcp, namespaces: [{ name: 'legacy', baseline: false }, { name: 'pay', allow: [{ from: { namespace: 'legacy', app: 'c' }, to: { app: 'pay' }, ports: [{ port: 443 }] }] }] });
    expect(open(tcp(pod('legacy', 'c'), pod('pay', 'pay'), 443))).toBe(true);
    expect(open({ from: pod('legacy', 'c'), to: kubeDns, port: 53, protocol: 'UDP' })).toBe(true);
    expect(open(tcp(pod('legacy', 'c'), addr('192.0.2.10'), 443))).toBe(true);
  });
  it('keeps the metadata address closed inside a wide egress allowance', () => {
    const wide = reach({ ...MINIMAL.azure, namespaces: [{ name: 'batch', egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 80 }] }] }] });
    expect(wide(tcp(pod('batch', 'job'), addr('192.0.2.10'), 80))).toBe(true);
    expect(wide(tcp(pod('batch', 'job'), addr('169.254.169.254'), 80))).toBe(false);
  });
  it('without the baseline, leaves the namespace open but still keeps pods from the metadata address', () => {
    const open = reach({ ...MINIMAL.aws, namespaces: [{ name: 'legacy', baseline: false, exposed: true }] });
    expect(open(tcp(pod('default', 'client'), pod('legacy', 'app'), 8080))).toBe(true);
    expect(open(tcp(pod('legacy', 'app'), addr('192.0.2.10'), 443))).toBe(true);
    expect(open(tcp(pod('legacy', 'app'), pod('default', 'db'), 5432))).toBe(true);
    expect(open(tcp(pod('legacy', 'app'), addr('169.254.169.254'), 80))).toBe(false);
  });
});

describe('an exposed namespace', () => {
  it('on EKS admits the ingress controller and the VPC (load balancers), and an unexposed one does not', () => {
    const eks = reach({ ...MINIMAL.aws, ingress: { controller: 'traefik' }, namespaces: [{ name: 'shop', exposed: true }, { name: 'back', exposed: false }] });
    expect(eks(tcp(pod('traefik', 'traefik'), pod('shop', 'web'), 8000))).toBe(true);
    expect(eks(tcp(addr('10.0.7.20'), pod('shop', 'web'), 8000))).toBe(true);
    expect(eks(tcp(pod('traefik', 'traefik'), pod('back', 'api'), 8000))).toBe(false);
    expect(eks(tcp(addr('10.0.7.20'), pod('back', 'api'), 8000))).toBe(false);
    expect(eks(tcp(pod('nginx-ingress', 'nginx'), pod('shop', 'web'), 8000))).toBe(false);
  });
  it('on GKE admits Google front ends and health checks, and the proxy-only subnet of regional Gateways', () => {
    const cluster = resolveCluster({ ...MINIMAL.gcp, ingress: { exposure: 'internal' }, namespaces: [{ name: 'shop', exposed: true }] });
    const proxyOnly = cluster.network.subnets.proxyOnly!;
    const gke = reach(cluster);
    expect(gke(tcp(addr('35.191.3.4'), pod('shop', 'web'), 8080))).toBe(true);
    expect(gke(tcp(addr('130.211.1.2'), pod('shop', 'web'), 8080))).toBe(true);
    expect(gke(tcp(addr(proxyOnly.replace(/\.0\/\d+$/, '.9')), pod('shop', 'web'), 8080))).toBe(true);
    expect(gke(tcp(addr('35.190.0.1'), pod('shop', 'web'), 8080))).toBe(false);
  });
  it('on AKS admits the node subnet and Azure probes', () => {
    const cluster = resolveCluster({ ...MINIMAL.azure, namespaces: [{ name: 'shop', exposed: true }] });
    const aks = reach(cluster);
    expect(aks(tcp(addr('168.63.129.16'), pod('shop', 'web'), 8080))).toBe(true);
    expect(aks(tcp(addr(cluster.network.subnets.nodes!.replace(/\.0\/\d+$/, '.30')), pod('shop', 'web'), 8080))).toBe(true);
    expect(aks(tcp(pod('traefik', 'traefik'), pod('shop', 'web'), 8080))).toBe(true);
    expect(aks(tcp(addr('168.63.129.17'), pod('shop', 'web'), 8080))).toBe(false);
  });
});

describe('the payments example: only checkout may call payments, on 8443', () => {
  const allowed = reach({
    ...MINIMAL.aws,
    ingress: { controller: 'traefik' },
    namespaces: [
      { name: 'shop', exposed: true },
      { name: 'payments', exposed: true, allow: [{ from: { namespace: 'shop', app: 'checkout' }, to: { app: 'payments' }, ports: [{ port: 8443 }] }] },
    ],
  });
  it('admits checkout on 8443 across namespaces (egress in shop, ingress in payments)', () => {
    expect(allowed(tcp(pod('shop', 'checkout'), pod('payments', 'payments'), 8443))).toBe(true);
  });
  it('denies other ports, other apps, the callee\'s own namespace and the load balancers', () => {
    expect(allowed(tcp(pod('shop', 'checkout'), pod('payments', 'payments'), 8080))).toBe(false);
    expect(allowed(tcp(pod('shop', 'cart'), pod('payments', 'payments'), 8443))).toBe(false);
    expect(allowed(tcp(pod('payments', 'ledger'), pod('payments', 'payments'), 8443))).toBe(false);
    expect(allowed(tcp(pod('traefik', 'traefik'), pod('payments', 'payments'), 8443))).toBe(false);
    expect(allowed(tcp(addr('10.0.7.20'), pod('payments', 'payments'), 8443))).toBe(false);
  });
  it('leaves the rest of the namespace as the baseline has it', () => {
    expect(allowed(tcp(pod('payments', 'ledger'), pod('payments', 'reports'), 8080))).toBe(true);
    expect(allowed(tcp(pod('payments', 'payments'), pod('payments', 'ledger'), 8080))).toBe(true);
    expect(allowed(tcp(pod('traefik', 'traefik'), pod('payments', 'ledger'), 8080))).toBe(true);
  });
  it('admits callers by address when the allowance names a CIDR', () => {
    const byAddress = reach({ ...MINIMAL.gcp, namespaces: [{ name: 'api', allow: [{ from: { cidr: '203.0.113.0/24' }, to: { app: 'partner-api' }, ports: [{ port: 443 }] }] }] });
    expect(byAddress(tcp(addr('203.0.113.9'), pod('api', 'partner-api'), 443))).toBe(true);
    expect(byAddress(tcp(addr('198.51.100.9'), pod('api', 'partner-api'), 443))).toBe(false);
  });
});

describe('the probes and their table', () => {
  const cluster = resolveCluster({ ...MINIMAL.aws, namespaces: [{ name: 'shop' }] });
  it('flag a verdict the spec does not imply, so a broken generator cannot pass', () => {
    const files = clusterManifests(cluster).map((f) => ({ ...f, objects: f.objects.filter((o) => o.metadata.name !== 'allow-dns') }));
    const rows = explainCluster(cluster, files);
    expect(unexpected(rows).map((r) => `${r.connection.from.name} -> ${r.connection.to.name} ${r.connection.protocol}/${r.connection.port}`)).toEqual([
      'shop/workload -> kube-system/kube-dns UDP/53',
      'shop/workload -> kube-system/kube-dns TCP/53',
      'cert-manager/controller -> kube-system/kube-dns UDP/53',
      'cert-manager/controller -> kube-system/kube-dns TCP/53',
    ]);
    expect(reachabilityTable(cluster, rows)).toMatch(/kube-system\/kube-dns\s+UDP\/53\s+denied !!/);
  });
  it('print one aligned row per probe under a header naming the cluster and its enforcer', () => {
    const table = reachabilityTable(cluster, explainCluster(cluster, clusterManifests(cluster)));
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toBe('eks-test (the VPC CNI network policy agent)');
    expect(lines[1]).toMatch(/^ {2}from +to +port +verdict +why$/);
    const width = 'AWS internal load balancers and nodes 10.0.0.10'.length;
    // The port column is as wide as cert-manager's webhook port, TCP/10250; the "to" column as its
    // kubernetes Service row.
    const port = 'TCP/8080'.padEnd('TCP/10250'.length);
    const to = 'kubernetes Service 172.20.0.1'.length;
    expect(lines[2]).toBe(`  ${'shop/workload'.padEnd(width)}  ${'shop/workload'.padEnd(to)}  ${port}  allowed  shop/allow-same-namespace-egress, shop/allow-same-namespace-ingress`);
    expect(lines[8]).toBe(`  ${'AWS internal load balancers and nodes 10.0.0.10'.padEnd(width)}  ${'shop/workload'.padEnd(to)}  ${port}  denied   no ingress policy admits it`);
    expect(lines.slice(2).every((l) => / (allowed|denied) /.test(l))).toBe(true);
  });
});

describe("cert-manager's namespace", () => {
  const controller: Endpoint = { kind: 'pod', namespace: 'cert-manager', labels: { 'app.kubernetes.io/name': 'cert-manager', 'app.kubernetes.io/component': 'controller' }, name: 'cert-manager/controller' };
  const webhook: Endpoint = { kind: 'pod', namespace: 'cert-manager', labels: { 'app.kubernetes.io/name': 'webhook', 'app.kubernetes.io/component': 'webhook' }, name: 'cert-manager/webhook' };
  const acme = (spec: ClusterSpec, solver: 'dns01' | 'http01'): ClusterSpec =>
    solver === 'dns01'
      ? { ...spec, certManager: { acme: { email: 'ops@acme.example', dnsZones: ['acme.example'] } } }
      : { ...spec, ingress: { ...(spec.cloud === 'aws' ? { controller: 'traefik' as const } : {}), exposure: 'internet-facing' }, certManager: { acme: { email: 'ops@acme.example', solver: 'http01' } } };
  const overlay: ClusterSpec = { ...MINIMAL.aws, cni: { kind: 'calico', mode: 'vxlan' }, network: { podCidr: '100.64.0.0/14' } };
  const variants: [string, ClusterSpec][] = [MINIMAL.aws, MINIMAL.gcp, MINIMAL.azure, overlay].flatMap((spec) => [
    [`${spec.name} ${spec.cni?.mode ?? ''} internal CA only`, spec],
    [`${spec.name} ${spec.cni?.mode ?? ''} DNS01`, acme(spec, 'dns01')],
    [`${spec.name} ${spec.cni?.mode ?? ''} HTTP01`, acme(spec, 'http01')],
  ] as [string, ClusterSpec][]);

  it.each(variants)('%s: every cert-manager probe gets the verdict the spec implies', (_title, spec) => {
    const rows = explainCluster(resolveCluster(spec), clusterManifests(resolveCluster(spec))).filter((r) => r.connection.from.name.startsWith('cert-manager/') || r.connection.to.name.startsWith('cert-manager/'));
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(unexpected(rows).map((r) => `${r.connection.from.name} -> ${r.connection.to.name}: ${r.verdict.reason}`)).toEqual([]);
  });

  it('lets the control plane reach only the webhook, only on its port', () => {
    const gke = resolveCluster(MINIMAL.gcp);
    const allowed = reach(gke);
    const plane = addr('172.16.0.2');
    expect(allowed(tcp(plane, webhook, 10250))).toBe(true);
    expect(allowed(tcp(plane, webhook, 9402))).toBe(false);
    expect(allowed(tcp(plane, controller, 10250))).toBe(false);
    expect(allowed(tcp(addr('10.0.0.10'), webhook, 10250))).toBe(false);
  });

  it('keeps the controller off the internet without ACME, and lets it out on 443 only with it', () => {
    const internet = addr('192.0.2.10');
    expect(reach(MINIMAL.azure)(tcp(controller, internet, 443))).toBe(false);
    expect(reach(acme(MINIMAL.azure, 'dns01'))(tcp(controller, internet, 443))).toBe(true);
    expect(reach(acme(MINIMAL.azure, 'dns01'))(tcp(controller, internet, 80))).toBe(false);
    expect(reach(acme(MINIMAL.azure, 'http01'))(tcp(controller, internet, 80))).toBe(true);
    expect(reach(acme(MINIMAL.azure, 'dns01'))(tcp(webhook, internet, 443))).toBe(false);
  });

  it("reaches GKE's metadata server for Workload Identity with DNS01 only, and never elsewhere", () => {
    const metadata = addr('169.254.169.254');
    const workloadIdentity: Connection = { from: controller, to: addr('169.254.169.252'), port: 988, protocol: 'TCP' };
    expect(reach(acme(MINIMAL.gcp, 'dns01'))(tcp(controller, metadata, 80))).toBe(true);
    expect(reach(acme(MINIMAL.gcp, 'dns01'))(workloadIdentity)).toBe(true);
    expect(reach(acme(MINIMAL.gcp, 'http01'))(tcp(controller, metadata, 80))).toBe(false);
    expect(reach(acme(MINIMAL.aws, 'dns01'))(tcp(controller, metadata, 80))).toBe(false);
  });
});
