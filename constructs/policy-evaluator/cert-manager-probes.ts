import {
  API_SERVER_PORT,
  CERT_MANAGER,
  CERT_MANAGER_PODS,
  certManagerWebhookPort,
  controlPlaneAddresses,
  KUBE_DNS,
  METADATA_CIDR,
  WORKLOAD_IDENTITY_FROM_METADATA,
  type ResolvedCluster,
} from '../spec';
import { cidrContainsAddress, nthAddress } from '../spec/cidr';
import type { AddressEndpoint, Connection, Endpoint, PodEndpoint } from './model';
import { INTERNET_ADDRESSES, podAddress, sampleAddress, type Probe } from './probe-addresses';

/** The metrics port of cert-manager's components: open to no one until a scraper is named. */
const METRICS_PORT = 9402;

const connect = (from: Endpoint, to: Endpoint, port: number, protocol: Connection['protocol'] = 'TCP'): Connection => ({ from, to, port, protocol });

/** An address in the VPC that is neither a pod's nor the control plane's: a node, a database. */
function vpcHost(cluster: ResolvedCluster): AddressEndpoint {
  const { subnets } = cluster.network;
  const ip = sampleAddress(subnets.public[0] ?? subnets.nodes!);
  return { kind: 'address', ip, name: `vpc host ${ip}` };
}

/**
 * What cert-manager's namespace policies must allow and refuse, from the spec alone: the control
 * plane to the webhook (only its port, only the webhook), every component to the API server and
 * DNS, the controller to the internet only with ACME (443, and 80 for HTTP01), GKE's metadata
 * server only for DNS01's Workload Identity, and nothing to the VPC or to other pods.
 */
export function certManagerProbes(cluster: ResolvedCluster): Probe[] {
  if (!cluster.certManager.enabled) return [];
  const ip = podAddress(cluster);
  const component = (name: keyof typeof CERT_MANAGER_PODS): PodEndpoint => ({ kind: 'pod', namespace: CERT_MANAGER.namespace, labels: { ...CERT_MANAGER_PODS[name] }, ip, name: `${CERT_MANAGER.namespace}/${name}` });
  const controller = component('controller');
  const webhook = component('webhook');
  const cainjector = component('cainjector');
  const planeIp = sampleAddress(controlPlaneAddresses(cluster)[0]!.cidr);
  const controlPlane: AddressEndpoint = { kind: 'address', ip: planeIp, name: `control plane ${planeIp}` };
  // Where pods take addresses in the control plane's subnets (EKS VPC-IP modes), they pass as it.
  const podsLookLikeControlPlane = controlPlaneAddresses(cluster).some((a) => cidrContainsAddress(a.cidr, ip));
  const stranger: PodEndpoint = { kind: 'pod', namespace: 'default', labels: { 'app.kubernetes.io/name': 'client' }, ip, name: 'default/client' };
  const kubeDns: PodEndpoint = { kind: 'pod', namespace: KUBE_DNS.namespace, labels: { ...KUBE_DNS.podLabels }, ip, name: `${KUBE_DNS.namespace}/kube-dns` };
  const acme = cluster.certManager.acme;
  const internetIp = INTERNET_ADDRESSES[0]!;
  const internet: AddressEndpoint = { kind: 'address', ip: internetIp, name: `internet ${internetIp}` };
  const metadataIp = sampleAddress(METADATA_CIDR);
  const metadata: AddressEndpoint = { kind: 'address', ip: metadataIp, name: `metadata ${metadataIp}` };
  const metadataOpen = acme?.solver === 'dns01' && WORKLOAD_IDENTITY_FROM_METADATA[cluster.cloud];
  const webhookPort = certManagerWebhookPort(cluster);
  const serviceIp = nthAddress(cluster.network.serviceCidr, 1);
  const kubernetesService: AddressEndpoint = { kind: 'address', ip: serviceIp, name: `kubernetes Service ${serviceIp}` };

  return [
    { connection: connect(controlPlane, webhook, webhookPort), expected: true },
    { connection: connect(controlPlane, webhook, METRICS_PORT), expected: false },
    { connection: connect(controlPlane, controller, webhookPort), expected: false },
    { connection: connect(stranger, webhook, webhookPort), expected: podsLookLikeControlPlane },
    { connection: connect(stranger, controller, METRICS_PORT), expected: false },
    ...[controller, webhook, cainjector].map((pod) => ({ connection: connect(pod, controlPlane, API_SERVER_PORT), expected: true })),
    { connection: connect(controller, kubernetesService, API_SERVER_PORT), expected: true },
    { connection: connect(controller, kubernetesService, 80), expected: false },
    ...KUBE_DNS.ports.map((p) => ({ connection: connect(controller, kubeDns, p.port, p.protocol), expected: true })),
    { connection: connect(controller, internet, 443), expected: acme !== undefined },
    { connection: connect(controller, internet, 80), expected: acme?.solver === 'http01' },
    { connection: connect(webhook, internet, 443), expected: false },
    { connection: connect(controller, vpcHost(cluster), 443), expected: false },
    { connection: connect(controller, metadata, 80), expected: metadataOpen },
    { connection: connect(controller, stranger, 8080), expected: false },
  ];
}
