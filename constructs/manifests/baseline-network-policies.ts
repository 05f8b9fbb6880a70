import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import {
  exposureSources,
  isolatedApps,
  metadataCidrs,
  metadataDestinations,
  namespaceLabels,
  outgoingAllowances,
  type OutgoingAllowance,
  type ResolvedCluster,
  type ResolvedNamespace,
} from '../spec';
import { canonicalCidr, cidrContains } from '../spec/cidr';
import { addresses, defaultDenyProps, dropEmptyPortLists, kubeDnsEgressProps, podsExcept, podsOf, policyPorts } from './policy-peers';

/** Names of the baseline policies; reviewers and `kubectl get netpol` see these. */
export const BASELINE_POLICY = {
  defaultDeny: 'default-deny',
  dns: 'allow-dns',
  sameNamespaceIngress: 'allow-same-namespace-ingress',
  sameNamespaceEgress: 'allow-same-namespace-egress',
  loadBalancers: 'allow-from-load-balancers',
  metadata: 'allow-metadata-server',
  egress: 'allow-egress',
  egressExceptMetadata: 'allow-egress-except-metadata',
} as const;

/** `allow-to-<app>`: the allowances into one isolated app. */
export const allowToPolicyName = (app: string): string => `allow-to-${app}`;

/**
 * `allow-out.<namespace>.<app>[.from.<app>]`: the egress side of allowances into another
 * namespace. Dots cannot occur in namespace or app names, so no two callers share a name.
 */
export const allowOutPolicyName = (namespace: string, app: string, fromApp?: string): string =>
  `allow-out.${namespace}.${app}${fromApp === undefined ? '' : `.from.${fromApp}`}`;

/**
 * One managed namespace (REFERENCE.md "Baseline NetworkPolicies"): the Namespace with its
 * selection labels, default deny both ways, DNS to kube-dns, traffic within the namespace, the
 * ingress controller and load balancer sources where exposed, and the spec's allowances. Apps
 * named in `allow[].to` are isolated: same-namespace and exposure rules leave them out.
 */
export class NamespaceManifests extends Chart {
  constructor(scope: Construct, id: string, cluster: ResolvedCluster, namespace: ResolvedNamespace) {
    super(scope, id, { disableResourceNameHashes: true });
    const name = namespace.name;
    const policy = (policyId: string, policyName: string, props: Omit<kplus.NetworkPolicyProps, 'metadata'>): void => {
      const made = new kplus.NetworkPolicy(this, policyId, { ...props, metadata: { name: policyName, namespace: name } });
      dropEmptyPortLists(made);
    };
    // Selectors and peers are constructs of cdk8s-plus; they render into the policies only.
    const peers = (peerId: string): Construct => new Construct(this, peerId);
    const isolated = isolatedApps(namespace);

    new ApiObject(this, 'Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { ...namespaceLabels(namespace) } } });

    if (namespace.baseline) {
      policy('DefaultDeny', BASELINE_POLICY.defaultDeny, defaultDenyProps(peers('DefaultDenyPeers')));
      policy('Dns', BASELINE_POLICY.dns, kubeDnsEgressProps(peers('DnsPeers')));
      const si = peers('SameNamespaceIngressPeers');
      policy('SameNamespaceIngress', BASELINE_POLICY.sameNamespaceIngress, {
        selector: podsExcept(si, 'Selected', isolated),
        ingress: { rules: [{ peer: kplus.Pods.all(si, 'From') }] },
      });
      // Egress stays open within the namespace for every pod; the callee's ingress decides.
      const se = peers('SameNamespaceEgressPeers');
      policy('SameNamespaceEgress', BASELINE_POLICY.sameNamespaceEgress, {
        selector: kplus.Pods.all(se, 'Selected'),
        egress: { rules: [{ peer: kplus.Pods.all(se, 'To') }] },
      });
    } else if (namespace.denyMetadata) {
      // Without the baseline nothing isolates egress, so the metadata address needs its own hole.
      const m = peers('EgressExceptMetadataPeers');
      policy('EgressExceptMetadata', BASELINE_POLICY.egressExceptMetadata, {
        selector: kplus.Pods.all(m, 'All'),
        egress: { rules: [{ peer: kplus.Namespaces.all(m, 'Pods') }, { peer: addresses(m, 'Anywhere', '0.0.0.0/0', [...metadataCidrs(cluster.cloud)]) }] },
      });
    }

    // Without the baseline ingress is open anyway; a policy here would isolate the pods instead.
    if (namespace.baseline && namespace.exposed) {
      const sources = exposureSources(cluster);
      const e = peers('LoadBalancerPeers');
      policy('LoadBalancers', BASELINE_POLICY.loadBalancers, {
        selector: podsExcept(e, 'Selected', isolated),
        ingress: {
          rules: [
            ...(sources.controllerNamespace ? [{ peer: kplus.Namespaces.select(e, 'Controller', { names: [sources.controllerNamespace] }) }] : []),
            ...sources.addresses.map((a, i) => ({ peer: addresses(e, `Source${i}`, a.cidr) })),
          ],
        },
      });
    }

    for (const app of isolated) {
      const a = peers(`AllowTo${app}Peers`);
      policy(`AllowTo${app}`, allowToPolicyName(app), {
        selector: podsOf(a, 'Selected', { app }),
        ingress: {
          rules: namespace.allow
            .filter((allowance) => allowance.to.app === app)
            .map((allowance, i) => ({
              peer:
                allowance.from.cidr !== undefined
                  ? addresses(a, `From${i}`, allowance.from.cidr)
                  : podsOf(a, `From${i}`, {
                      ...(allowance.from.namespace !== undefined && allowance.from.namespace !== name ? { namespace: allowance.from.namespace } : {}),
                      ...(allowance.from.app !== undefined ? { app: allowance.from.app } : {}),
                    }),
              ports: policyPorts(allowance.ports),
            })),
        },
      });
    }

    // One egress policy per (callee, calling app): a policy has one pod selector. Only where egress
    // is isolated: without the baseline the callers reach the callee anyway, and a policy here
    // would isolate them to it (and cut their DNS).
    const outgoing = new Map<string, OutgoingAllowance[]>();
    for (const out of namespace.baseline ? outgoingAllowances(cluster, name) : []) {
      const key = allowOutPolicyName(out.toNamespace, out.toApp, out.fromApp);
      outgoing.set(key, [...(outgoing.get(key) ?? []), out]);
    }
    for (const [policyName, group] of outgoing) {
      const o = peers(`${policyName}Peers`);
      const fromApp = group[0]!.fromApp;
      policy(policyName, policyName, {
        selector: fromApp !== undefined ? podsOf(o, 'Selected', { app: fromApp }) : kplus.Pods.all(o, 'Selected'),
        egress: { rules: group.map((out, i) => ({ peer: podsOf(o, `To${i}`, { namespace: out.toNamespace, app: out.toApp }), ports: policyPorts(out.ports) })) },
      });
    }

    const cidrEgress = namespace.egress.filter((e) => e.cidr !== undefined);
    if (cidrEgress.length > 0) {
      const g = peers('EgressPeers');
      policy('Egress', BASELINE_POLICY.egress, {
        selector: kplus.Pods.all(g, 'All'),
        egress: {
          rules: cidrEgress.map((e, i) => {
            const cidr = canonicalCidr(e.cidr!);
            // A range around the metadata address (0.0.0.0/0, 169.254.0.0/16) must not reopen it;
            // validation refuses a range inside it, as `except` must be strictly smaller.
            const hole = namespace.denyMetadata ? metadataCidrs(cluster.cloud).filter((m) => m !== cidr && cidrContains(cidr, m)) : [];
            return { peer: addresses(g, `To${i}`, cidr, hole), ports: policyPorts(e.ports) };
          }),
        },
      });
    }

    // Without the baseline, egress is not isolated and the metadata server is reachable anyway.
    if (namespace.baseline && !namespace.denyMetadata) {
      const m = peers('MetadataPeers');
      policy('Metadata', BASELINE_POLICY.metadata, {
        selector: kplus.Pods.all(m, 'All'),
        egress: { rules: metadataDestinations(cluster).map((d, i) => ({ peer: addresses(m, `To${i}`, d.cidr), ports: policyPorts(d.ports) })) },
      });
    }
  }
}
