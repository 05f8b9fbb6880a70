import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { cidrContainsAddress, isIPv4Address } from '../spec/cidr';
import { NAMESPACE_NAME_LABEL } from '../spec/network-policy';
import type { Connection, DirectionVerdict, Endpoint, PodEndpoint, PolicyWorld, Verdict } from './model';
import { matchesSelector } from './selectors';

/**
 * networking.k8s.io/v1 NetworkPolicy semantics for one connection: the client's egress policies
 * and the server's ingress policies must both let it through. Pure and deterministic.
 */

type Direction = 'Ingress' | 'Egress';
type Spec = NonNullable<INetworkPolicy['spec']>;
type Peer = NonNullable<NonNullable<Spec['ingress']>[number]['from']>[number];
type Port = NonNullable<NonNullable<Spec['ingress']>[number]['ports']>[number];

/** An ingress or egress rule with its peers (`from` or `to`) under one name. */
interface Rule {
  readonly peers: readonly Peer[];
  readonly ports: readonly Port[];
}

/** Where a policy without metadata.namespace lands, as with `kubectl apply` in the default context. */
const DEFAULT_NAMESPACE = 'default';

/** The verdict of the client's egress and the server's ingress policies on `connection`. */
export function evaluate(world: PolicyWorld, connection: Connection): Verdict {
  const egress = connection.from.kind === 'pod' ? judge(world, connection, 'Egress', connection.from) : UNPOLICED;
  const ingress = connection.to.kind === 'pod' ? judge(world, connection, 'Ingress', connection.to) : UNPOLICED;
  const allowed = egress.verdict.allowed && ingress.verdict.allowed;
  const reason =
    `${allowed ? 'allowed' : 'denied'} ${connection.protocol}/${connection.port} ` +
    `${connection.from.name} -> ${connection.to.name}: ` +
    `${explain('egress', connection.from, egress)}; ${explain('ingress', connection.to, ingress)}`;
  return { allowed, egress: egress.verdict, ingress: ingress.verdict, reason };
}

/** A direction's verdict plus the isolating policies, which the reason names on a denial. */
interface Judgement {
  readonly verdict: DirectionVerdict;
  readonly isolatedBy: readonly string[];
}

/** The side of a connection that is an address: nothing here polices it. */
const UNPOLICED: Judgement = {
  verdict: { applies: false, isolated: false, allowed: true, allowedBy: [] },
  isolatedBy: [],
};

function judge(world: PolicyWorld, connection: Connection, direction: Direction, pod: PodEndpoint): Judgement {
  // Only policies in the pod's own namespace can select it.
  const selecting = world.policies.filter(
    (p) =>
      namespaceOf(p) === pod.namespace &&
      policyTypes(p).includes(direction) &&
      matchesSelector(p.spec?.podSelector ?? {}, pod.labels),
  );
  const isolatedBy = selecting.map(policyName).sort();
  if (selecting.length === 0) {
    return { verdict: { applies: true, isolated: false, allowed: true, allowedBy: [] }, isolatedBy };
  }
  const peer = direction === 'Ingress' ? connection.from : connection.to;
  const allowedBy = selecting
    .filter((p) =>
      rulesOf(p, direction).some(
        (rule) => peersMatch(world, namespaceOf(p), rule.peers, peer) && portsMatch(rule.ports, connection),
      ),
    )
    .map(policyName)
    .sort();
  return { verdict: { applies: true, isolated: true, allowed: allowedBy.length > 0, allowedBy }, isolatedBy };
}

/**
 * spec.policyTypes, or the API server's default when it is absent or empty: Ingress always, plus
 * Egress when spec.egress has at least one rule (`egress: []` alone does not add it).
 */
function policyTypes(policy: INetworkPolicy): readonly Direction[] {
  const spec = policy.spec ?? {};
  if (spec.policyTypes !== undefined && spec.policyTypes.length > 0) return spec.policyTypes;
  return (spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

function rulesOf(policy: INetworkPolicy, direction: Direction): readonly Rule[] {
  return direction === 'Ingress'
    ? (policy.spec?.ingress ?? []).map((r) => ({ peers: r.from ?? [], ports: r.ports ?? [] }))
    : (policy.spec?.egress ?? []).map((r) => ({ peers: r.to ?? [], ports: r.ports ?? [] }));
}

function namespaceOf(policy: INetworkPolicy): string {
  return policy.metadata?.namespace ?? DEFAULT_NAMESPACE;
}

function policyName(policy: INetworkPolicy): string {
  return `${namespaceOf(policy)}/${policy.metadata?.name ?? '(unnamed)'}`;
}

/** An absent or empty peer list admits every endpoint, pods and addresses alike. */
function peersMatch(world: PolicyWorld, policyNamespace: string, peers: readonly Peer[], endpoint: Endpoint): boolean {
  return peers.length === 0 || peers.some((peer) => peerMatches(world, policyNamespace, peer, endpoint));
}

function peerMatches(world: PolicyWorld, policyNamespace: string, peer: Peer, endpoint: Endpoint): boolean {
  if (peer.ipBlock !== undefined) {
    const { cidr, except = [] } = peer.ipBlock;
    return (
      endpoint.ip !== undefined &&
      ipv4CidrContains(cidr, endpoint.ip) &&
      !except.some((excluded) => ipv4CidrContains(excluded, endpoint.ip!))
    );
  }
  // A peer with no selector at all is rejected by the API server; here it admits nothing.
  if (peer.podSelector === undefined && peer.namespaceSelector === undefined) return false;
  if (endpoint.kind !== 'pod') return false;
  // Both selectors in one peer are ANDed; podSelector alone means the policy's own namespace.
  const namespaceOk =
    peer.namespaceSelector === undefined
      ? endpoint.namespace === policyNamespace
      : matchesSelector(peer.namespaceSelector, namespaceLabels(world, endpoint.namespace));
  return namespaceOk && matchesSelector(peer.podSelector ?? {}, endpoint.labels);
}

function namespaceLabels(world: PolicyWorld, namespace: string): Readonly<Record<string, string>> {
  // The API server overwrites the name label, so it wins over whatever the world lists.
  return { ...(world.namespaces[namespace] ?? {}), [NAMESPACE_NAME_LABEL]: namespace };
}

/**
 * IPv4 only: an IPv6 (or malformed) CIDR or address never matches, rather than throwing from
 * ip-num, so a dual-stack policy's IPv6 blocks simply do not apply here.
 */
function ipv4CidrContains(cidr: string, address: string): boolean {
  const [network, prefix, ...rest] = cidr.split('/');
  const wellFormed =
    rest.length === 0 &&
    network !== undefined &&
    isIPv4Address(network) &&
    prefix !== undefined &&
    /^\d{1,2}$/.test(prefix) &&
    Number(prefix) <= 32;
  return wellFormed && isIPv4Address(address) && cidrContainsAddress(cidr, address);
}

/** An absent or empty port list admits every port and protocol. */
function portsMatch(ports: readonly Port[], connection: Connection): boolean {
  return ports.length === 0 || ports.some((port) => portMatches(port, connection));
}

function portMatches(port: Port, connection: Connection): boolean {
  if ((port.protocol ?? 'TCP') !== connection.protocol) return false;
  const target = port.port;
  if (target === undefined) return true; // every port of that protocol
  if (typeof target === 'string') {
    // A named port means whatever the destination pod's container calls that name. The destination
    // is `to` in both directions: the policy's own pod on ingress, the peer on egress.
    const destination = connection.to;
    return destination.kind === 'pod' && destination.namedPorts?.[target] === connection.port;
  }
  return port.endPort === undefined
    ? connection.port === target
    : connection.port >= target && connection.port <= port.endPort;
}

function explain(side: 'egress' | 'ingress', endpoint: Endpoint, judgement: Judgement): string {
  const { verdict, isolatedBy } = judgement;
  const subject = `${side} of ${endpoint.name}`;
  if (!verdict.applies) return `${subject} not policed (not a pod)`;
  if (!verdict.isolated) return `${subject} not isolated`;
  if (verdict.allowed) return `${subject} allowed by ${verdict.allowedBy.join(', ')}`;
  return `${subject} denied: isolated by ${isolatedBy.join(', ')} and no rule admits it`;
}
