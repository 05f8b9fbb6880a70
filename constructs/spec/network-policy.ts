import { EXPOSED_NAMESPACE_LABEL, INGRESS_CONTROLLER_NAMESPACES } from './ingress';
import type { ResolvedCluster, ResolvedNamespace } from './resolved';
import type { PortSpec } from './types';

/**
 * What the baseline NetworkPolicies (REFERENCE.md) need to know about a cluster, as data: the
 * labels that select managed namespaces, where DNS runs, and the addresses that NetworkPolicy
 * must admit by range because no pod selector can name them (load balancers, the metadata server).
 */

/** Every namespace polycluster manages carries this label, so cluster-wide policies can select them. */
export const MANAGED_NAMESPACE_LABEL = 'polycluster.io/managed';

/** The pod label allowances select apps by (the Kubernetes recommended label). */
export const APP_LABEL = 'app.kubernetes.io/name';

/** The namespace label Kubernetes sets on every namespace (1.22+): selects a namespace by name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The cluster DNS pods on all three clouds (CoreDNS on EKS/AKS, kube-dns on GKE). */
export const KUBE_DNS = { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' }, ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] } as const;

/** The link-local metadata address of all three clouds. */
export const METADATA_CIDR = '169.254.169.254/32';

/** The GKE metadata server's own address (Workload Identity tokens on port 988). */
const GKE_METADATA_SERVER_CIDR = '169.254.169.252/32';

/** The addresses `denyMetadata` keeps pods from: the metadata address, and on GKE its server's. */
export function metadataCidrs(cloud: ResolvedCluster['cloud']): readonly string[] {
  return cloud === 'gcp' ? [METADATA_CIDR, GKE_METADATA_SERVER_CIDR] : [METADATA_CIDR];
}

/** A range NetworkPolicy must admit, with what sends from it (for tables and reviewers). */
export interface AddressSource {
  /** The range, in CIDR notation. */
  readonly cidr: string;
  /** What sends from (or listens at) the range, in words. */
  readonly what: string;
}

/** A destination by range and ports, with what listens there. */
export interface AddressDestination extends AddressSource {
  /** The ports listening there. */
  readonly ports: readonly Required<PortSpec>[];
}

/** Where traffic into an exposed namespace comes from. */
export interface ExposureSources {
  /** The in-cluster ingress controller's namespace; none when the cloud's load balancers reach pods directly. */
  readonly controllerNamespace?: string;
  /** Load balancer and health-check ranges (REFERENCE.md "Baseline NetworkPolicies"). */
  readonly addresses: readonly AddressSource[];
  /**
   * Pods take addresses inside `addresses` (EKS VPC-IP modes with internal load balancers, which
   * share the private subnets with pods): admitting the load balancers also admits those pods.
   */
  readonly podsShareAddresses: boolean;
}

/** Google front ends and health checkers (GKE load balancing and Gateway health checks). */
const GOOGLE_FRONT_ENDS: readonly AddressSource[] = [
  { cidr: '35.191.0.0/16', what: 'Google front ends and health checks' },
  { cidr: '130.211.0.0/22', what: 'Google front ends and health checks' },
];

/** Azure's virtual public address, the source of load balancer health probes. */
const AZURE_PROBES: AddressSource = { cidr: '168.63.129.16/32', what: 'Azure load balancer health probes' };

/**
 * The sources an exposed namespace admits. Services that keep client addresses
 * (`externalTrafficPolicy: Local`, passthrough load balancers) also need the clients' ranges,
 * which only the spec knows: `allow[].from.cidr`.
 */
export function exposureSources(cluster: ResolvedCluster): ExposureSources {
  const controllerNamespace = INGRESS_CONTROLLER_NAMESPACES[cluster.ingress.controller];
  const { subnets } = cluster.network;
  let addresses: AddressSource[];
  switch (cluster.cloud) {
    case 'aws': {
      // Load balancers live in the subnets of their scheme: public ones for internet-facing,
      // private ones (the nodes' subnets) for internal. On overlays they reach pods through the
      // nodes (instance targets), so the private subnets send too.
      const internetFacing = cluster.ingress.exposure === 'internet-facing';
      const viaNodes = cluster.cni.cell.podAddressing === 'pod-range';
      addresses = [
        ...(internetFacing ? subnets.public.map((cidr) => ({ cidr, what: 'AWS load balancers (public subnets)' })) : []),
        ...(!internetFacing || viaNodes ? subnets.private.map((cidr) => ({ cidr, what: internetFacing ? 'nodes forwarding for AWS load balancers' : 'AWS internal load balancers and nodes' })) : []),
      ];
      break;
    }
    case 'gcp':
      addresses = [
        ...GOOGLE_FRONT_ENDS,
        ...(subnets.proxyOnly ? [{ cidr: subnets.proxyOnly, what: 'regional Gateway proxies (proxy-only subnet)' }] : []),
      ];
      break;
    case 'azure':
      // Azure's load balancer forwards to nodes, which pass traffic on from their own addresses.
      addresses = [{ cidr: subnets.nodes!, what: 'Azure load balancer traffic through the nodes' }, AZURE_PROBES];
      break;
  }
  const podsShareAddresses = cluster.cloud === 'aws' && cluster.cni.cell.podAddressing === 'vpc' && cluster.ingress.exposure === 'internal';
  return { ...(controllerNamespace ? { controllerNamespace } : {}), addresses, podsShareAddresses };
}

/**
 * What `denyMetadata: false` opens: the metadata address on port 80, and on GKE also the GKE
 * metadata server's port for Workload Identity tokens (GKE's Workload Identity documentation).
 */
export function metadataDestinations(cluster: ResolvedCluster): readonly AddressDestination[] {
  const http: AddressDestination = { cidr: METADATA_CIDR, what: 'cloud metadata server', ports: [{ port: 80, protocol: 'TCP' }] };
  if (cluster.cloud !== 'gcp') return [http];
  return [
    { ...http, what: 'GKE metadata server' },
    { cidr: GKE_METADATA_SERVER_CIDR, what: 'GKE metadata server (Workload Identity)', ports: [{ port: 988, protocol: 'TCP' }] },
  ];
}

/** The labels of a managed namespace: the spec's, then polycluster's selection labels. */
export function namespaceLabels(namespace: ResolvedNamespace): Readonly<Record<string, string>> {
  return {
    ...namespace.labels,
    [MANAGED_NAMESPACE_LABEL]: 'true',
    ...(namespace.exposed ? { [EXPOSED_NAMESPACE_LABEL]: 'true' } : {}),
  };
}

/** Apps named in `allow[].to`: they receive only what their allowances list. Sorted. */
export function isolatedApps(namespace: ResolvedNamespace): string[] {
  return [...new Set(namespace.allow.map((a) => a.to.app))].sort();
}

/** An allowance seen from the calling namespace, which needs the matching egress rule. */
export interface OutgoingAllowance {
  /** The calling app; every pod of the namespace when absent. */
  readonly fromApp?: string;
  /** The namespace of the called app. */
  readonly toNamespace: string;
  /** The called app (its `app.kubernetes.io/name` label). */
  readonly toApp: string;
  /** The ports the allowance opens. */
  readonly ports: readonly Required<PortSpec>[];
}

/** Allowances of other managed namespaces whose callers are pods of `namespace`. */
export function outgoingAllowances(cluster: ResolvedCluster, namespace: string): OutgoingAllowance[] {
  return cluster.namespaces.flatMap((callee) =>
    callee.name === namespace
      ? []
      : callee.allow
          .filter((a) => a.from.cidr === undefined && a.from.namespace === namespace)
          .map((a) => ({ ...(a.from.app !== undefined ? { fromApp: a.from.app } : {}), toNamespace: callee.name, toApp: a.to.app, ports: a.ports })),
  );
}
