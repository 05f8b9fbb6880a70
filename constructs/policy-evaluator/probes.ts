import {
  APP_LABEL,
  exposureSources,
  isolatedApps,
  KUBE_DNS,
  METADATA_CIDR,
  metadataDestinations,
  namespaceLabels,
  type ResolvedCluster,
  type ResolvedNamespace,
  type ResolvedPort,
} from '../spec';
import { cidrContainsAddress } from '../spec/cidr';
import { certManagerProbes } from './cert-manager-probes';
import type { AddressEndpoint, Connection, PodEndpoint, PolicyWorld } from './model';
import { INTERNET_ADDRESSES, podAddress, sampleAddress, type Probe } from './probe-addresses';



/** The generic workload every managed namespace is probed with. */
const WORKLOAD = 'workload';
/** A port the baseline does not name: any application port. */
const APP_PORT = 8080;
const address = (ip: string, name = ip): AddressEndpoint => ({ kind: 'address', ip, name });
const tcp = (from: PodEndpoint | AddressEndpoint, to: PodEndpoint | AddressEndpoint, port: number): Connection => ({ from, to, port, protocol: 'TCP' });


/** The port after `port` (wrapping), for "wrong port" probes. */
const nextPort = (port: ResolvedPort): ResolvedPort => ({ port: port.port === 65535 ? 1 : port.port + 1, protocol: port.protocol });

/** Whether the spec's allowances into `app` admit this caller on this port. */
function allowanceAdmits(ns: ResolvedNamespace, app: string, from: PodEndpoint | AddressEndpoint, port: ResolvedPort): boolean {
  return ns.allow.some(
    (a) =>
      a.to.app === app &&
      a.ports.some((p) => p.port === port.port && p.protocol === port.protocol) &&
      (from.kind === 'address'
        ? a.from.cidr !== undefined && cidrContainsAddress(a.from.cidr, from.ip)
        : a.from.cidr === undefined && (a.from.namespace ?? ns.name) === from.namespace && (a.from.app === undefined || a.from.app === from.labels[APP_LABEL])),
  );
}

/** Whether the namespace's egress allowances (and metadata opening) reach an address. */
function egressAdmits(cluster: ResolvedCluster, ns: ResolvedNamespace, ip: string, port: ResolvedPort): boolean {
  const isMetadata = cidrContainsAddress(METADATA_CIDR, ip);
  if (!ns.baseline) return !(isMetadata && ns.denyMetadata);
  if (isMetadata && ns.denyMetadata) return false;
  const matches = (cidr: string, ports: readonly ResolvedPort[]): boolean => cidrContainsAddress(cidr, ip) && ports.some((p) => p.port === port.port && p.protocol === port.protocol);
  return ns.egress.some((e) => e.cidr !== undefined && matches(e.cidr, e.ports)) || (!ns.denyMetadata && metadataDestinations(cluster).some((d) => matches(d.cidr, d.ports)));
}

/** The probes of one managed namespace. */
function namespaceProbes(cluster: ResolvedCluster, ns: ResolvedNamespace): Probe[] {
  const ip = podAddress(cluster);
  const pod = (namespace: string, app: string): PodEndpoint => ({ kind: 'pod', namespace, labels: { [APP_LABEL]: app }, ip, name: `${namespace}/${app}` });
  const sources = exposureSources(cluster);
  // Pods inside the load balancers' ranges reach an exposed namespace the way those load balancers do.
  const ingressOpen = !ns.baseline || (ns.exposed && sources.podsShareAddresses);
  const isolated = isolatedApps(ns);
  const workload = pod(ns.name, WORKLOAD);
  const https: ResolvedPort = { port: 443, protocol: 'TCP' };
  const probes: Probe[] = [{ connection: tcp(workload, workload, APP_PORT), expected: true }];

  const stranger = pod('default', 'client');
  probes.push({ connection: tcp(stranger, workload, APP_PORT), expected: ingressOpen });
  const neighbour = cluster.namespaces.find((other) => other.name !== ns.name);
  if (neighbour) probes.push({ connection: tcp(pod(neighbour.name, WORKLOAD), workload, APP_PORT), expected: ingressOpen && !neighbour.baseline });

  const kubeDns: PodEndpoint = { kind: 'pod', namespace: KUBE_DNS.namespace, labels: { ...KUBE_DNS.podLabels }, ip, name: `${KUBE_DNS.namespace}/kube-dns` };
  for (const p of KUBE_DNS.ports) probes.push({ connection: { from: workload, to: kubeDns, port: p.port, protocol: p.protocol }, expected: true });

  const internet = INTERNET_ADDRESSES.find((ip) => !ns.egress.some((e) => e.cidr !== undefined && cidrContainsAddress(e.cidr, ip))) ?? INTERNET_ADDRESSES[0]!;
  probes.push({ connection: tcp(workload, address(internet, `internet ${internet}`), 443), expected: egressAdmits(cluster, ns, internet, https) });
  const metadata = sampleAddress(METADATA_CIDR);
  probes.push({ connection: tcp(workload, address(metadata, `metadata ${metadata}`), 80), expected: egressAdmits(cluster, ns, metadata, { port: 80, protocol: 'TCP' }) });

  if (sources.controllerNamespace) {
    probes.push({ connection: tcp(pod(sources.controllerNamespace, 'controller'), workload, APP_PORT), expected: !ns.baseline || ns.exposed });
  }
  const lbSources = ns.exposed ? sources.addresses : sources.addresses.slice(0, 1);
  for (const source of lbSources) {
    const from = sampleAddress(source.cidr);
    probes.push({ connection: tcp(address(from, `${source.what} ${from}`), workload, APP_PORT), expected: !ns.baseline || ns.exposed });
  }

  for (const app of isolated) {
    const callee = pod(ns.name, app);
    const port = ns.allow.find((a) => a.to.app === app)!.ports[0]!;
    probes.push({ connection: { from: workload, to: callee, port: port.port, protocol: port.protocol }, expected: allowanceAdmits(ns, app, workload, port) });
  }
  for (const allowance of ns.allow) {
    const callee = pod(ns.name, allowance.to.app);
    const port = allowance.ports[0]!;
    const otherPort = nextPort(port);
    const caller = allowance.from.cidr !== undefined
      ? address(sampleAddress(allowance.from.cidr))
      : pod(allowance.from.namespace ?? ns.name, allowance.from.app ?? WORKLOAD);
    const on = (from: PodEndpoint | AddressEndpoint, p: ResolvedPort): Probe => ({ connection: { from, to: callee, port: p.port, protocol: p.protocol }, expected: allowanceAdmits(ns, allowance.to.app, from, p) });
    probes.push(on(caller, port), on(caller, otherPort));
    if (caller.kind === 'pod' && allowance.from.app !== undefined) probes.push(on(pod(caller.namespace, `not-${allowance.from.app}`), port));
  }
  for (const egress of ns.egress) {
    if (egress.cidr === undefined) continue;
    const target = sampleAddress(egress.cidr);
    const port = egress.ports[0]!;
    const otherPort = nextPort(port);
    for (const p of [port, otherPort]) probes.push({ connection: { from: workload, to: address(target), port: p.port, protocol: p.protocol }, expected: egressAdmits(cluster, ns, target, p) });
  }
  return probes;
}

/** Every probe of a cluster: namespace by namespace in spec order, then cert-manager's. */
export function policyProbes(cluster: ResolvedCluster): Probe[] {
  return [...cluster.namespaces.flatMap((ns) => namespaceProbes(cluster, ns)), ...certManagerProbes(cluster)];
}

/** The namespaces the probes mention, with the labels the cluster gives them. */
export function namespacesOf(cluster: ResolvedCluster): PolicyWorld['namespaces'] {
  return Object.fromEntries(cluster.namespaces.map((ns) => [ns.name, namespaceLabels(ns)]));
}
