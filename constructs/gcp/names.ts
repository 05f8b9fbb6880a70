import { boundedName } from '../naming';
import type { ResolvedCluster } from '../spec';

export { pascalCase } from '../naming';

/**
 * Names of GCP resources derived from the cluster name. Most GCP names are RFC 1035 labels of
 * at most 63 characters; service account ids stop at 30. A GKE cluster name has up to 40
 * characters, so long names are cut and hashed (see boundedName).
 */
export const gcpName = (cluster: string, suffix: string, limit = 63): string => boundedName(cluster, suffix, limit);

/** Service account ids: 6 to 30 characters. */
export const SERVICE_ACCOUNT_ID_LIMIT = 30;

/** The project id; validation requires it on GCP, so its absence is a programming error. */
export function projectOf(cluster: ResolvedCluster): string {
  const project = cluster.gcp?.project;
  if (project === undefined) throw new Error(`polycluster: ${cluster.name} is a GCP cluster without gcp.project`);
  return project;
}

/** The names of everything the cluster stacks create, in one place. */
export interface GkeNames {
  /** The VPC network. */
  readonly network: string;
  /** The regional node subnet. */
  readonly subnetwork: string;
  /** The subnet's secondary range for pods. */
  readonly podRange: string;
  /** The subnet's secondary range for Services. */
  readonly serviceRange: string;
  /** Network tag on every node: the target of the control-plane firewall rule. */
  readonly nodeTag: string;
  /** The Cloud Router. */
  readonly router: string;
  /** The Cloud NAT gateway. */
  readonly nat: string;
  /** Static NAT address `index`. */
  natAddress(index: number): string;
  /** The control-plane-to-webhooks firewall rule. */
  readonly webhookFirewall: string;
  /** The KMS key ring (permanent in GCP). */
  readonly keyRing: string;
  /** The crypto key that encrypts Secrets, inside the key ring. */
  readonly secretsKey: string;
  /** The log bucket with the cluster's retention. */
  readonly logBucket: string;
  /** The sink routing the cluster's logs to the bucket. */
  readonly logSink: string;
  /** The node service account id (at most 30 characters). */
  readonly nodeServiceAccount: string;
  /** The proxy-only subnet of regional Gateways (its Envoy proxies take their addresses from it). */
  readonly proxyOnlySubnetwork: string;
  /** The static global address of the internet-facing shared Gateway. */
  readonly ingressAddress: string;
  /** ExternalDNS's service account id (at most 30 characters). */
  readonly externalDnsServiceAccount: string;
  /** cert-manager's service account id for DNS01 (at most 30 characters). */
  readonly certManagerServiceAccount: string;
}

/** The GCP resource names of a cluster, derived from its name alone. */
export function gkeNames(cluster: string): GkeNames {
  return {
    network: gcpName(cluster, 'network'),
    subnetwork: gcpName(cluster, 'nodes'),
    podRange: gcpName(cluster, 'pods'),
    serviceRange: gcpName(cluster, 'services'),
    nodeTag: gcpName(cluster, 'node'),
    router: gcpName(cluster, 'router'),
    nat: gcpName(cluster, 'nat'),
    natAddress: (index) => gcpName(cluster, `nat-${index}`),
    webhookFirewall: gcpName(cluster, 'control-plane-webhooks'),
    keyRing: gcpName(cluster, 'gke'),
    secretsKey: 'secrets',
    logBucket: gcpName(cluster, 'logs'),
    logSink: gcpName(cluster, 'logs'),
    nodeServiceAccount: gcpName(cluster, 'nodes', SERVICE_ACCOUNT_ID_LIMIT),
    proxyOnlySubnetwork: gcpName(cluster, 'proxy-only'),
    ingressAddress: gcpName(cluster, 'ingress'),
    externalDnsServiceAccount: gcpName(cluster, 'external-dns', SERVICE_ACCOUNT_ID_LIMIT),
    certManagerServiceAccount: gcpName(cluster, 'cert-manager', SERVICE_ACCOUNT_ID_LIMIT),
  };
}
