import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { KUBE_DNS, metadataCidrs, type ResolvedCluster, type ResolvedNamespace, type ResolvedPort } from '../spec';
import type { CalicoGlobalPolicySpec, CalicoRule, CiliumPolicySpec, CiliumPortRule, CiliumSelector } from './cni-policy-types';

/** Names of the cluster-wide policies. */
export const CLUSTER_POLICY = { dns: 'polycluster-allow-dns', denyMetadata: 'polycluster-deny-metadata', nodesToExposed: 'polycluster-allow-nodes-to-exposed' } as const;

/** The per-namespace Cilium policy holding the DNS-name egress allowances. */
export const FQDN_POLICY = 'allow-egress-fqdns';

/** Cilium's label for a pod's namespace. */
const CILIUM_NAMESPACE = 'k8s:io.kubernetes.pod.namespace';

/** Calico's label for a namespace's name. */
const CALICO_NAMESPACE_NAME = 'projectcalico.org/name';

/** Names of the namespaces with the baseline, and of those that deny the metadata address. Sorted. */
function targets(cluster: ResolvedCluster): { readonly baseline: string[]; readonly denyMetadata: string[]; readonly exposed: string[] } {
  const names = (keep: (ns: ResolvedNamespace) => boolean): string[] => cluster.namespaces.filter(keep).map((ns) => ns.name).sort();
  return { baseline: names((ns) => ns.baseline), denyMetadata: names((ns) => ns.denyMetadata), exposed: names((ns) => ns.baseline && ns.exposed) };
}

const ciliumNamespaces = (names: readonly string[]): CiliumSelector => ({ matchExpressions: [{ key: CILIUM_NAMESPACE, operator: 'In', values: names }] });

const kubeDnsEndpoints: CiliumSelector = {
  matchLabels: { [CILIUM_NAMESPACE]: KUBE_DNS.namespace, ...Object.fromEntries(Object.entries(KUBE_DNS.podLabels).map(([k, v]) => [`k8s:${k}`, v])) },
};

/** DNS to kube-dns; through Cilium's DNS proxy where the mode has one (FQDN rules need it). */
function ciliumDnsPorts(dnsProxy: boolean): CiliumPortRule {
  return { ports: [{ port: '53', protocol: 'ANY' }], ...(dnsProxy ? { rules: { dns: [{ matchPattern: '*' }] } } : {}) };
}

/** Rules on top of NetworkPolicy only: the selected pods keep their namespaces' default deny, no more. */
const ADD_ONLY = { ingress: false, egress: false } as const;

/**
 * Both policies select only namespaces whose egress is already isolated (the baseline, or the
 * egress-except-metadata policy), so even a Cilium that ignored `enableDefaultDeny` would not
 * change what else those pods may reach.
 */
function ciliumClusterPolicies(chart: Chart, cluster: ResolvedCluster, api: { readonly dnsProxy: boolean; readonly denyRules: boolean }): void {
  const { baseline, denyMetadata, exposed } = targets(cluster);
  const ccnp = (id: string, name: string, spec: CiliumPolicySpec): void => {
    new ApiObject(chart, id, { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec });
  };
  if (baseline.length > 0) {
    ccnp('Dns', CLUSTER_POLICY.dns, {
      description: 'polycluster: DNS to kube-dns for the managed namespaces',
      endpointSelector: ciliumNamespaces(baseline),
      enableDefaultDeny: ADD_ONLY,
      egress: [{ toEndpoints: [kubeDnsEndpoints], toPorts: [ciliumDnsPorts(api.dnsProxy)] }],
    });
  }
  if (exposed.length > 0) {
    // Load balancer traffic that a node forwards (instance targets, externalTrafficPolicy
    // Cluster) carries the node's address, which Cilium gives the remote-node identity: NetworkPolicy
    // ipBlocks do not match it, so exposed namespaces admit nodes here.
    ccnp('NodesToExposed', CLUSTER_POLICY.nodesToExposed, {
      description: 'polycluster: load balancer traffic forwarded by nodes reaches the exposed namespaces',
      endpointSelector: ciliumNamespaces(exposed),
      enableDefaultDeny: ADD_ONLY,
      ingress: [{ fromEntities: ['remote-node', 'host'] }],
    });
  }
  if (api.denyRules && denyMetadata.length > 0) {
    ccnp('DenyMetadata', CLUSTER_POLICY.denyMetadata, {
      description: 'polycluster: no pod of these namespaces reaches the cloud metadata address, whatever other policies allow',
      endpointSelector: ciliumNamespaces(denyMetadata),
      enableDefaultDeny: ADD_ONLY,
      egressDeny: [{ toCIDR: [...metadataCidrs(cluster.cloud)] }],
    });
  }
}

const calicoNamespaces = (names: readonly string[]): string => `${CALICO_NAMESPACE_NAME} in {${names.map((n) => `'${n}'`).join(', ')}}`;

function calicoClusterPolicies(chart: Chart, cluster: ResolvedCluster): void {
  const { baseline, denyMetadata } = targets(cluster);
  const gnp = (id: string, name: string, spec: CalicoGlobalPolicySpec): void => {
    new ApiObject(chart, id, { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name }, spec });
  };
  // Only namespaces that are already egress-isolated: a Calico policy that selects a pod makes
  // everything it does not match fall to the end of the tier, where it is dropped.
  if (denyMetadata.length > 0) {
    gnp('DenyMetadata', CLUSTER_POLICY.denyMetadata, {
      // Before every Kubernetes NetworkPolicy (order 1000), so no namespace policy can reopen it.
      order: 0,
      namespaceSelector: calicoNamespaces(denyMetadata),
      types: ['Egress'],
      egress: [{ action: 'Deny', destination: { nets: [...metadataCidrs(cluster.cloud)] } }],
    });
  }
  if (baseline.length > 0) {
    const toDns = (protocol: 'UDP' | 'TCP'): CalicoRule => ({
      action: 'Allow',
      protocol,
      destination: {
        namespaceSelector: `${CALICO_NAMESPACE_NAME} == '${KUBE_DNS.namespace}'`,
        selector: Object.entries(KUBE_DNS.podLabels).map(([k, v]) => `${k} == '${v}'`).join(' && '),
        ports: [53],
      },
    });
    gnp('Dns', CLUSTER_POLICY.dns, { order: 100, namespaceSelector: calicoNamespaces(baseline), types: ['Egress'], egress: [toDns('UDP'), toDns('TCP')] });
  }
}

/**
 * The cluster-wide policies of the CNI mode (REFERENCE.md): they add what NetworkPolicy cannot
 * (a deny that app teams' policies cannot override, DNS through Cilium's proxy) and never
 * replace the baseline. Modes without such an API get none.
 */
export class ClusterWideManifests extends Chart {
  constructor(scope: Construct, id: string, cluster: ResolvedCluster) {
    super(scope, id, { disableResourceNameHashes: true });
    const api = cluster.cni.cell.clusterPolicies;
    if (api.kind === 'cilium') ciliumClusterPolicies(this, cluster, api);
    if (api.kind === 'calico') calicoClusterPolicies(this, cluster);
  }
}

const ciliumPorts = (ports: readonly ResolvedPort[]): CiliumPortRule => ({ ports: ports.map((p) => ({ port: String(p.port), protocol: p.protocol })) });

/**
 * The DNS-name egress allowances of one namespace, as a CiliumNetworkPolicy. It carries its own
 * DNS rule through the proxy, so the names resolve into the allow list even without the baseline.
 */
export function fqdnPolicy(scope: Construct, namespace: ResolvedNamespace): void {
  const allowances = namespace.egress.filter((e) => e.fqdns !== undefined);
  if (allowances.length === 0) return;
  const spec: CiliumPolicySpec = {
    description: 'polycluster: egress to the DNS names of namespaces[].egress',
    endpointSelector: {},
    egress: [
      { toEndpoints: [kubeDnsEndpoints], toPorts: [ciliumDnsPorts(true)] },
      ...allowances.map((e) => ({
        toFQDNs: e.fqdns!.map((name) => (name.startsWith('*.') ? { matchPattern: name } : { matchName: name })),
        toPorts: [ciliumPorts(e.ports)],
      })),
    ],
  };
  new ApiObject(scope, 'FqdnEgress', { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: FQDN_POLICY, namespace: namespace.name }, spec });
}
