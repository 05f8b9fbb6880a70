import { describe, expect, it } from 'vitest';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import {
  evaluate,
  type AddressEndpoint,
  type Endpoint,
  type PodEndpoint,
  type PolicyWorld,
  type Protocol,
} from '../../constructs/policy-evaluator';

// Every policy literal in this file goes through `policy`, which records it; the last test (tests
// in a file run in order) runs each one through the real kubernetes-models validator.
const LITERALS: INetworkPolicy[] = [];
function policy(namespace: string, name: string, spec: NonNullable<INetworkPolicy['spec']>): INetworkPolicy {
  const literal: INetworkPolicy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name }, spec };
  LITERALS.push(literal);
  return literal;
}

const NAMESPACES: PolicyWorld['namespaces'] = {
  payments: { team: 'payments', env: 'prod' },
  db: { team: 'data', env: 'prod' },
  staging: { team: 'payments', env: 'staging' },
  monitoring: {},
  // Lies about its name: the API server overwrites this label, so it must not pass as payments.
  spoof: { 'kubernetes.io/metadata.name': 'payments' },
};
const world = (...policies: INetworkPolicy[]): PolicyWorld => ({ namespaces: NAMESPACES, policies });

const pod = (namespace: string, labels: Record<string, string>, extra: Partial<PodEndpoint> = {}): PodEndpoint => ({
  kind: 'pod',
  namespace,
  labels,
  name: `${namespace}/${labels.app ?? labels['k8s-app'] ?? 'pod'}`,
  ...extra,
});
const address = (ip: string, name = ip): AddressEndpoint => ({ kind: 'address', ip, name });

// checkout names "pg" differently from postgres, to prove named ports resolve on the destination.
const checkout = pod('payments', { app: 'checkout', tier: 'web' }, { ip: '10.1.0.10', namedPorts: { pg: 6543 } });
const worker = pod('payments', { app: 'worker' }, { ip: '10.1.0.11' });
const postgres = pod('db', { app: 'postgres' }, { ip: '10.2.0.5', namedPorts: { pg: 5432, metrics: 9187 } });
const dbCheckout = pod('db', { app: 'checkout' }, { name: 'db/checkout', ip: '10.2.0.9' });
const stagingCheckout = pod('staging', { app: 'checkout' }, { ip: '10.3.0.10' });
const spoofCheckout = pod('spoof', { app: 'checkout' });
const prometheus = pod('monitoring', { app: 'prometheus' });
const dns = pod('kube-system', { 'k8s-app': 'kube-dns' }, { namedPorts: { dns: 53 } });
const internet = address('93.184.216.34', 'internet');

const conn = (from: Endpoint, to: Endpoint, port: number, protocol: Protocol = 'TCP') => ({ from, to, port, protocol });
const allowed = (w: PolicyWorld, from: Endpoint, to: Endpoint, port: number, protocol: Protocol = 'TCP'): boolean =>
  evaluate(w, conn(from, to, port, protocol)).allowed;

const DENY_ALL = policy('payments', 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const DB_DENY_INGRESS = policy('db', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
const PAYMENTS_DENY_EGRESS = policy('payments', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
const EGRESS_TO_DB = policy('payments', 'egress-to-db', {
  podSelector: { matchLabels: { app: 'checkout' } },
  policyTypes: ['Egress'],
  egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'data' } } }] }],
});
const DB_FROM_PAYMENTS = policy('db', 'from-payments', {
  podSelector: { matchLabels: { app: 'postgres' } },
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'payments' } } }] }],
});

describe('isolation', () => {
  it('allows everything when there are no policies, saying nothing is isolated', () => {
    const verdict = evaluate(world(), conn(checkout, postgres, 5432));
    expect(verdict).toEqual({
      allowed: true,
      egress: { applies: true, isolated: false, allowed: true, allowedBy: [] },
      ingress: { applies: true, isolated: false, allowed: true, allowedBy: [] },
      reason: 'allowed TCP/5432 payments/checkout -> db/postgres: egress of payments/checkout not isolated; ingress of db/postgres not isolated',
    });
  });

  it('a default deny of both directions denies traffic out of and into the namespace, not beside it', () => {
    const w = world(DENY_ALL);
    const out = evaluate(w, conn(checkout, postgres, 5432));
    expect(out.allowed).toBe(false);
    expect(out.egress).toEqual({ applies: true, isolated: true, allowed: false, allowedBy: [] });
    expect(out.ingress.isolated).toBe(false);
    const into = evaluate(w, conn(prometheus, worker, 8080));
    expect(into.allowed).toBe(false);
    expect(into.ingress).toEqual({ applies: true, isolated: true, allowed: false, allowedBy: [] });
    expect(into.egress.isolated).toBe(false);
    expect(allowed(w, checkout, worker, 8080)).toBe(false);
    expect(allowed(w, internet, checkout, 443)).toBe(false);
    // Pods elsewhere are untouched.
    expect(allowed(w, prometheus, postgres, 9187)).toBe(true);
  });

  it('an egress allow is not enough when the destination isolates its ingress', () => {
    const verdict = evaluate(world(EGRESS_TO_DB, DB_DENY_INGRESS), conn(checkout, postgres, 5432));
    expect(verdict.egress).toEqual({ applies: true, isolated: true, allowed: true, allowedBy: ['payments/egress-to-db'] });
    expect(verdict.ingress).toEqual({ applies: true, isolated: true, allowed: false, allowedBy: [] });
    expect(verdict.allowed).toBe(false);
    // Adding the matching ingress allow completes the pair.
    expect(allowed(world(EGRESS_TO_DB, DB_DENY_INGRESS, DB_FROM_PAYMENTS), checkout, postgres, 5432)).toBe(true);
  });

  it('an ingress allow is not enough when the source isolates its egress', () => {
    const verdict = evaluate(world(DB_FROM_PAYMENTS, PAYMENTS_DENY_EGRESS), conn(checkout, postgres, 5432));
    expect(verdict.ingress).toEqual({ applies: true, isolated: true, allowed: true, allowedBy: ['db/from-payments'] });
    expect(verdict.egress.allowed).toBe(false);
    expect(verdict.allowed).toBe(false);
  });

  it('does not police addresses: only the pod side of a connection is judged', () => {
    const toInternet = evaluate(world(DB_DENY_INGRESS), conn(postgres, internet, 443));
    expect(toInternet.ingress).toEqual({ applies: false, isolated: false, allowed: true, allowedBy: [] });
    expect(toInternet.allowed).toBe(true);
    expect(toInternet.reason).toContain('ingress of internet not policed (not a pod)');
    const fromInternet = evaluate(world(DB_DENY_INGRESS), conn(internet, postgres, 5432));
    expect(fromInternet.egress.applies).toBe(false);
    expect(fromInternet.allowed).toBe(false);
  });

  it('policies in other namespaces never select the pod, even with an empty podSelector', () => {
    const w = world(DB_DENY_INGRESS, policy('staging', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));
    const verdict = evaluate(w, conn(worker, checkout, 8080));
    expect(verdict.egress.isolated).toBe(false);
    expect(verdict.ingress.isolated).toBe(false);
    expect(verdict.allowed).toBe(true);
  });

  it('a policy without metadata.namespace lands in "default", as kubectl would apply it', () => {
    const unplaced: INetworkPolicy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny' }, spec: { podSelector: {} } };
    LITERALS.push(unplaced);
    const defaultApi = pod('default', { app: 'api' });
    expect(evaluate(world(unplaced), conn(checkout, defaultApi, 80)).reason).toContain('isolated by default/deny');
    expect(allowed(world(unplaced), defaultApi, checkout, 80)).toBe(true);
  });

  it('selects pods by the policy podSelector, including NotIn on a missing key', () => {
    const notDev = policy('payments', 'deny-not-dev', {
      podSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] },
      policyTypes: ['Ingress'],
    });
    const devWorker = pod('payments', { app: 'worker', env: 'dev' });
    expect(evaluate(world(notDev), conn(prometheus, worker, 80)).ingress.isolated).toBe(true);
    expect(evaluate(world(notDev), conn(prometheus, devWorker, 80)).ingress.isolated).toBe(false);
    const checkoutOnly = policy('payments', 'deny-checkout', { podSelector: { matchLabels: { app: 'checkout' } } });
    expect(allowed(world(checkoutOnly), prometheus, checkout, 80)).toBe(false);
    expect(allowed(world(checkoutOnly), prometheus, worker, 80)).toBe(true);
  });
});

describe('policyTypes defaulting', () => {
  const egressOnlySection = policy('payments', 'egress-section', {
    podSelector: { matchLabels: { app: 'checkout' } },
    egress: [{ to: [{ podSelector: { matchLabels: { app: 'worker' } } }] }],
  });
  const emptyEgressSection = policy('payments', 'empty-egress', { podSelector: { matchLabels: { app: 'checkout' } }, egress: [] });
  const explicitEgressOnly = policy('payments', 'explicit-egress', {
    podSelector: { matchLabels: { app: 'checkout' } },
    policyTypes: ['Egress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'nobody' } } }] }],
    egress: [{ to: [{ podSelector: { matchLabels: { app: 'worker' } } }] }],
  });

  it.each([
    // [policy, egress isolated, ingress isolated]
    ['an egress section without policyTypes isolates egress and (always) ingress', egressOnlySection, true, true],
    ['an empty egress list without policyTypes isolates ingress only, as the API server defaults it', emptyEgressSection, false, true],
    ['explicit policyTypes win over the sections present', explicitEgressOnly, true, false],
  ] as const)('%s', (_name, p, egressIsolated, ingressIsolated) => {
    expect(evaluate(world(p), conn(checkout, postgres, 5432)).egress.isolated).toBe(egressIsolated);
    expect(evaluate(world(p), conn(worker, checkout, 8080)).ingress.isolated).toBe(ingressIsolated);
  });

  it('the defaulted egress section allows only what it lists, and the defaulted ingress allows nothing', () => {
    const w = world(egressOnlySection);
    expect(allowed(w, checkout, worker, 8080)).toBe(true);
    expect(allowed(w, checkout, postgres, 5432)).toBe(false);
    expect(allowed(w, worker, checkout, 8080)).toBe(false);
  });
});

describe('peers', () => {
  const rule = (from: NonNullable<NonNullable<INetworkPolicy['spec']>['ingress']>[number]['from']) =>
    world(DB_DENY_INGRESS, policy('db', 'allow', { podSelector: { matchLabels: { app: 'postgres' } }, ingress: [{ from }] }));
  const payments = { matchLabels: { team: 'payments' } };
  const checkoutPods = { matchLabels: { app: 'checkout' } };
  const podOnly = rule([{ podSelector: checkoutPods }]);
  const namespaceOnly = rule([{ namespaceSelector: payments }]);
  const bothInOnePeer = rule([{ namespaceSelector: payments, podSelector: checkoutPods }]);
  const twoPeers = rule([{ namespaceSelector: payments }, { podSelector: checkoutPods }]);

  // The classic pitfall: one peer with both selectors is AND, two peers are OR.
  it.each([
    ['podSelector alone', podOnly, checkout, false],
    ['podSelector alone', podOnly, worker, false],
    ['podSelector alone', podOnly, stagingCheckout, false],
    ['podSelector alone', podOnly, dbCheckout, true],
    ['namespaceSelector alone', namespaceOnly, checkout, true],
    ['namespaceSelector alone', namespaceOnly, worker, true],
    ['namespaceSelector alone', namespaceOnly, stagingCheckout, true],
    ['namespaceSelector alone', namespaceOnly, dbCheckout, false],
    ['both in one peer', bothInOnePeer, checkout, true],
    ['both in one peer', bothInOnePeer, worker, false],
    ['both in one peer', bothInOnePeer, stagingCheckout, true],
    ['both in one peer', bothInOnePeer, dbCheckout, false],
    ['two separate peers', twoPeers, checkout, true],
    ['two separate peers', twoPeers, worker, true],
    ['two separate peers', twoPeers, stagingCheckout, true],
    ['two separate peers', twoPeers, dbCheckout, true],
    ['two separate peers', twoPeers, prometheus, false],
  ] as const)('%s: from %s -> %s', (_name, w, from, expected) => {
    expect(allowed(w, from, postgres, 5432)).toBe(expected);
  });

  it('an empty namespaceSelector selects every namespace, an empty podSelector only its own', () => {
    expect(allowed(rule([{ namespaceSelector: {} }]), prometheus, postgres, 5432)).toBe(true);
    expect(allowed(rule([{ podSelector: {} }]), prometheus, postgres, 5432)).toBe(false);
    expect(allowed(rule([{ podSelector: {} }]), dbCheckout, postgres, 5432)).toBe(true);
  });

  it('selects namespaces by the implied kubernetes.io/metadata.name label, listed or not', () => {
    const byName = (name: string) => rule([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } }]);
    expect(allowed(byName('monitoring'), prometheus, postgres, 9187)).toBe(true);
    expect(allowed(byName('monitoring'), checkout, postgres, 9187)).toBe(false);
    // kube-system is absent from world.namespaces: it still carries its name label.
    expect(allowed(byName('kube-system'), dns, postgres, 5432)).toBe(true);
    // A listed namespace cannot claim another namespace's name.
    expect(allowed(byName('payments'), spoofCheckout, postgres, 5432)).toBe(false);
    expect(allowed(byName('payments'), checkout, postgres, 5432)).toBe(true);
  });

  it('pod and namespace selectors never match addresses', () => {
    expect(allowed(rule([{ namespaceSelector: {} }]), internet, postgres, 5432)).toBe(false);
    expect(allowed(rule([{ namespaceSelector: {}, podSelector: {} }]), internet, postgres, 5432)).toBe(false);
  });

  type IngressRules = NonNullable<NonNullable<INetworkPolicy['spec']>['ingress']>;
  it.each<[string, IngressRules]>([
    ['absent from', [{ ports: [{ port: 5432 }] }]],
    ['empty from', [{ from: [], ports: [{ port: 5432 }] }]],
    ['empty rule', [{}]],
  ])('a rule with %s admits every peer, addresses included', (name, ingress) => {
    const w = world(policy('db', `open-${name.replace(' ', '-')}`, { podSelector: {}, ingress }));
    expect(allowed(w, internet, postgres, 5432)).toBe(true);
    expect(allowed(w, stagingCheckout, postgres, 5432)).toBe(true);
  });

  it('a policy with no ingress rules admits nothing', () => {
    const w = world(policy('db', 'no-rules', { podSelector: {}, ingress: [] }));
    expect(allowed(w, dbCheckout, postgres, 5432)).toBe(false);
  });

  describe('ipBlock', () => {
    const office = policy('payments', 'egress-office', {
      podSelector: { matchLabels: { app: 'checkout' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '192.168.1.0/24', except: ['192.168.1.64/26'] } }] }],
    });
    const anywhereV6 = policy('payments', 'egress-v6', {
      podSelector: { matchLabels: { app: 'checkout' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '::/0' } }] }],
    });
    const anywhereV4 = policy('payments', 'egress-v4', {
      podSelector: { matchLabels: { app: 'checkout' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
    });

    it.each([
      ['an address inside the cidr', address('192.168.1.20'), true],
      ['the first address of the cidr', address('192.168.1.0'), true],
      ['the last address before the except', address('192.168.1.63'), true],
      ['an address inside except', address('192.168.1.66'), false],
      ['the last address of except', address('192.168.1.127'), false],
      ['the first address after except', address('192.168.1.128'), true],
      ['an address outside the cidr', address('192.168.2.1'), false],
      ['a pod whose ip is inside the cidr', pod('db', { app: 'legacy' }, { ip: '192.168.1.30' }), true],
      ['a pod whose ip is outside the cidr', postgres, false],
      ['a pod without an ip', pod('db', { app: 'legacy' }), false],
    ] as const)('%s', (_name, to, expected) => {
      expect(allowed(world(office), checkout, to, 443)).toBe(expected);
    });

    it('IPv4 only: an IPv6 cidr or address never matches, and does not throw', () => {
      expect(allowed(world(anywhereV6), checkout, address('2001:db8::1'), 443)).toBe(false);
      expect(allowed(world(anywhereV6), checkout, internet, 443)).toBe(false);
      expect(allowed(world(anywhereV4), checkout, address('2001:db8::1'), 443)).toBe(false);
      expect(allowed(world(anywhereV4), checkout, internet, 443)).toBe(true);
    });
  });
});

describe('ports', () => {
  const ingressPorts = (name: string, ports: NonNullable<NonNullable<NonNullable<INetworkPolicy['spec']>['ingress']>[number]['ports']>) =>
    world(policy('db', name, { podSelector: { matchLabels: { app: 'postgres' } }, ingress: [{ ports }] }));
  const number = ingressPorts('port-number', [{ port: 5432 }]);
  const dnsTcpDefault = ingressPorts('port-53-default', [{ port: 53 }]);
  const dnsUdp = ingressPorts('port-53-udp', [{ port: 53, protocol: 'UDP' }]);
  const anyUdp = ingressPorts('any-udp', [{ protocol: 'UDP' }]);
  const range = ingressPorts('range', [{ port: 30000, endPort: 30010 }]);
  const named = ingressPorts('named', [{ port: 'pg' }]);
  const namedUdp = ingressPorts('named-udp', [{ port: 'pg', protocol: 'UDP' }]);
  const several = ingressPorts('several', [{ port: 5432 }, { port: 9187 }]);

  it.each([
    ['a number, equal', number, 5432, 'TCP', true],
    ['a number, different', number, 5433, 'TCP', false],
    ['protocol defaults to TCP', dnsTcpDefault, 53, 'TCP', true],
    ['protocol defaults to TCP, so UDP does not match', dnsTcpDefault, 53, 'UDP', false],
    ['UDP port, UDP traffic', dnsUdp, 53, 'UDP', true],
    ['UDP port, TCP traffic', dnsUdp, 53, 'TCP', false],
    ['protocol without port: every UDP port', anyUdp, 12345, 'UDP', true],
    ['protocol without port: not TCP', anyUdp, 12345, 'TCP', false],
    ['range, start inclusive', range, 30000, 'TCP', true],
    ['range, end inclusive', range, 30010, 'TCP', true],
    ['range, below', range, 29999, 'TCP', false],
    ['range, above', range, 30011, 'TCP', false],
    ['a list is ORed, first', several, 5432, 'TCP', true],
    ['a list is ORed, second', several, 9187, 'TCP', true],
    ['a list is ORed, neither', several, 8080, 'TCP', false],
    ['named port resolved on the destination pod', named, 5432, 'TCP', true],
    ['named port: not the source pod\'s number for the name', named, 6543, 'TCP', false],
    ['named port still checks the protocol', namedUdp, 5432, 'TCP', false],
  ] as const)('%s', (_name, w, port, protocol, expected) => {
    expect(allowed(w, checkout, postgres, port, protocol)).toBe(expected);
  });

  it('named ports on egress resolve on the destination (`to`), and never on addresses', () => {
    const w = world(
      policy('payments', 'egress-pg', {
        podSelector: { matchLabels: { app: 'checkout' } },
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 'pg' }, { port: 'dns', protocol: 'UDP' }] }],
      }),
    );
    expect(allowed(w, checkout, postgres, 5432)).toBe(true);
    // checkout itself names 6543 "pg"; the source's names do not count.
    expect(allowed(w, checkout, postgres, 6543)).toBe(false);
    expect(allowed(w, checkout, worker, 5432)).toBe(false); // worker has no named ports
    expect(allowed(w, checkout, address('10.2.0.5'), 5432)).toBe(false);
    expect(allowed(w, checkout, dns, 53, 'UDP')).toBe(true);
  });

  it('a rule must match both peers and ports', () => {
    const w = world(
      policy('db', 'checkout-pg', {
        podSelector: { matchLabels: { app: 'postgres' } },
        ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'checkout' } } }], ports: [{ port: 5432 }] }],
      }),
    );
    expect(allowed(w, checkout, postgres, 5432)).toBe(true);
    expect(allowed(w, checkout, postgres, 9187)).toBe(false);
    expect(allowed(w, worker, postgres, 5432)).toBe(false);
  });
});

describe('allowedBy and reason', () => {
  const zeta = policy('db', 'zeta-allow', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] });
  const alpha = policy('db', 'alpha-allow', { podSelector: { matchLabels: { app: 'postgres' } }, ingress: [{ ports: [{ port: 5432 }] }] });
  const other = policy('db', 'metrics-only', { podSelector: {}, ingress: [{ ports: [{ port: 9187 }] }] });
  const unrelated = policy('db', 'other-app', { podSelector: { matchLabels: { app: 'redis' } }, ingress: [{}] });

  it('lists every admitting policy, sorted, and only those', () => {
    const verdict = evaluate(world(zeta, other, unrelated, alpha), conn(checkout, postgres, 5432));
    expect(verdict.ingress).toEqual({ applies: true, isolated: true, allowed: true, allowedBy: ['db/alpha-allow', 'db/zeta-allow'] });
    expect(verdict.reason).toBe(
      'allowed TCP/5432 payments/checkout -> db/postgres: egress of payments/checkout not isolated; ' +
        'ingress of db/postgres allowed by db/alpha-allow, db/zeta-allow',
    );
  });

  it('a denial names every isolating policy, sorted', () => {
    const verdict = evaluate(world(other, DB_DENY_INGRESS, unrelated), conn(checkout, postgres, 5432));
    expect(verdict.reason).toBe(
      'denied TCP/5432 payments/checkout -> db/postgres: egress of payments/checkout not isolated; ' +
        'ingress of db/postgres denied: isolated by db/default-deny, db/metrics-only and no rule admits it',
    );
  });

  it('names both sides when both deny', () => {
    const verdict = evaluate(world(DENY_ALL, DB_DENY_INGRESS), conn(checkout, postgres, 5432, 'UDP'));
    expect(verdict.reason).toBe(
      'denied UDP/5432 payments/checkout -> db/postgres: ' +
        'egress of payments/checkout denied: isolated by payments/default-deny and no rule admits it; ' +
        'ingress of db/postgres denied: isolated by db/default-deny and no rule admits it',
    );
  });

  it('does not depend on the order of the policies', () => {
    const policies = [zeta, other, DB_DENY_INGRESS, unrelated, alpha, DENY_ALL, EGRESS_TO_DB];
    const forward = evaluate(world(...policies), conn(checkout, postgres, 5432));
    const backward = evaluate(world(...[...policies].reverse()), conn(checkout, postgres, 5432));
    expect(backward).toEqual(forward);
    expect(forward.allowed).toBe(true);
  });
});

describe('policy literals', () => {
  it('are all valid NetworkPolicies according to kubernetes-models', () => {
    expect(LITERALS.length).toBeGreaterThan(30);
    for (const literal of LITERALS) {
      expect(() => new NetworkPolicy(literal).validate(), `${literal.metadata?.namespace}/${literal.metadata?.name}`).not.toThrow();
    }
  });
});
