import { nthAddress } from './cidr';
import { metadataCidrs, metadataDestinations, type AddressDestination, type AddressSource } from './network-policy';
import type { ResolvedCluster } from './resolved';

/**
 * cert-manager as data: where it runs, how the chart labels its pods, the issuers polycluster
 * creates, and the addresses its NetworkPolicies must name because no pod selector reaches them
 * (the control plane, ACME, the cloud's DNS API).
 */

/** The release, its namespace and the controller's service account (the one workload identity binds). */
export const CERT_MANAGER = {
  release: 'cert-manager',
  namespace: 'cert-manager',
  serviceAccount: 'cert-manager',
  /** The webhook's port on the pod network: the chart's default, which GKE's control-plane firewall opens. */
  webhookPort: 10250,
} as const;

/** The labels the chart (v1.21) puts on each component's pods. */
export const CERT_MANAGER_PODS = {
  controller: { 'app.kubernetes.io/name': 'cert-manager', 'app.kubernetes.io/component': 'controller' },
  webhook: { 'app.kubernetes.io/name': 'webhook', 'app.kubernetes.io/component': 'webhook' },
  cainjector: { 'app.kubernetes.io/name': 'cainjector', 'app.kubernetes.io/component': 'cainjector' },
} as const;

/** The ClusterIssuers polycluster creates; Certificates name them in `issuerRef`. */
export const CLUSTER_ISSUERS = {
  selfSigned: 'polycluster-selfsigned',
  internalCa: 'polycluster-internal-ca',
  letsEncryptStaging: 'letsencrypt-staging',
  letsEncryptProduction: 'letsencrypt-production',
} as const;

/** The internal CA's own Certificate and the Secret holding its key, in cert-manager's namespace. */
export const INTERNAL_CA = { certificate: 'polycluster-internal-ca', secret: 'polycluster-internal-ca' } as const;

/** Let's Encrypt's ACME directories. */
export const ACME_SERVERS = {
  staging: 'https://acme-staging-v02.api.letsencrypt.org/directory',
  production: 'https://acme-v02.api.letsencrypt.org/directory',
} as const;

/**
 * Public DNS-over-HTTPS resolvers for the DNS01 self-check. They see the public zone even where the
 * VPC has a private zone of the same name (split horizon), and they keep cert-manager's egress
 * on 443: no DNS to arbitrary authoritative servers on 53.
 */
export const DNS01_SELF_CHECK_RESOLVERS = ['https://1.1.1.1/dns-query', 'https://1.0.0.1/dns-query'] as const;

/** HTTP01 goes through GKE's shared Gateway when the cluster has no IngressClass (GKE's own controller). */
export function http01ViaGateway(cluster: ResolvedCluster): boolean {
  return cluster.certManager.acme?.solver === 'http01' && cluster.ingress.classes.ingressClass === undefined;
}

/** The port the webhook listens on: its own host port when webhooks run on the host network. */
export function certManagerWebhookPort(cluster: ResolvedCluster): number {
  return cluster.cni.webhooks.hostNetwork ? cluster.cni.webhooks.hostPorts['cert-manager'] : CERT_MANAGER.webhookPort;
}

/**
 * Where the managed control plane sits on the network: it calls admission webhooks from there, and
 * the `kubernetes` Service's endpoints (the API server for pods) are there.
 * - EKS: the cross-account ENIs in the cluster's (private) subnets;
 * - GKE: the /28 control-plane range;
 * - AKS: the API server VNet-integration subnet.
 */
export function controlPlaneAddresses(cluster: ResolvedCluster): AddressSource[] {
  const { network } = cluster;
  switch (cluster.cloud) {
    case 'aws':
      return network.subnets.private.map((cidr) => ({ cidr, what: 'EKS control plane ENIs (private subnets)' }));
    case 'gcp':
      return [{ cidr: network.controlPlaneCidr!, what: 'GKE control plane' }];
    case 'azure':
      return [{ cidr: network.subnets.apiServer!, what: 'AKS API server subnet' }];
  }
}

/** The API server's port for pods on all three clouds. */
export const API_SERVER_PORT = 443;

/**
 * Where pods reach the API server: the `kubernetes` Service's address (the first of the service
 * range), since some enforcers (the VPC CNI's policy agent) check egress before the Service is
 * translated, and the control plane's own addresses for those that check after.
 */
export function apiServerAddresses(cluster: ResolvedCluster): AddressSource[] {
  return [{ cidr: `${nthAddress(cluster.network.serviceCidr, 1)}/32`, what: 'the kubernetes Service' }, ...controlPlaneAddresses(cluster)];
}

/**
 * Where the cert-manager controller talks outside the cluster, and nothing more:
 * - `internet`: ACME, the DNS01 self-check resolvers, the cloud's DNS API and its token exchange
 *   (STS, Entra ID) on 443, and on 80 for the HTTP01 self-check; only with `certManager.acme`.
 *   The cluster's own ranges and the metadata addresses are cut out.
 * - `metadata`: the GKE metadata server, which hands out Workload Identity tokens (DNS01 on GKE).
 */
export interface CertManagerEgress {
  /** Egress to the internet on 443 (and 80 for HTTP01), except the listed ranges; only with ACME issuers. */
  readonly internet?: AddressDestination & {
    /** The cluster's own ranges and the metadata addresses, cut out of the internet range. */
    readonly except: readonly string[];
  };
  /** Egress to the metadata server for Workload Identity tokens; empty where tokens are projected. */
  readonly metadata: readonly AddressDestination[];
}

/** Clouds whose workload identity gets its tokens from the metadata server rather than a projected token. */
export const WORKLOAD_IDENTITY_FROM_METADATA: Readonly<Record<ResolvedCluster['cloud'], boolean>> = { aws: false, gcp: true, azure: false };

/** Where the cert-manager controller of a cluster may connect outside the cluster. */
export function certManagerEgress(cluster: ResolvedCluster): CertManagerEgress {
  const acme = cluster.certManager.acme;
  if (!acme) return { metadata: [] };
  const { network } = cluster;
  const except = [network.vpcCidr, ...(network.podCidr ? [network.podCidr] : []), network.serviceCidr, ...metadataCidrs(cluster.cloud)];
  const ports = [{ port: 443, protocol: 'TCP' as const }, ...(acme.solver === 'http01' ? [{ port: 80, protocol: 'TCP' as const }] : [])];
  return {
    internet: { cidr: '0.0.0.0/0', what: "Let's Encrypt, DNS-over-HTTPS and the cloud's APIs", ports, except },
    metadata: acme.solver === 'dns01' && WORKLOAD_IDENTITY_FROM_METADATA[cluster.cloud] ? metadataDestinations(cluster) : [],
  };
}
