import type { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import type { TerraformStack } from 'cdktf';
import { installCertManager, type CertManagerIdentity } from '../addons/cert-manager';
import { installIngressController } from '../addons/ingress';
import type { ResolvedCluster } from '../spec';
import type { AksCertManagerIdentity } from './cert-manager-identity';
import { installExternalDns } from './external-dns';
import type { AksExternalDnsIdentity } from './external-dns-identity';
import type { AksIngressIp } from './ingress-ip';

/** What the platform stack uses from the cluster stack. */
export interface AksPlatformInputs {
  /** Present for internet-facing ingress. */
  readonly ingressIp?: AksIngressIp;
  /** Present when `ingress.externalDnsZones` is non-empty. */
  readonly externalDns?: AksExternalDnsIdentity;
  /** Present when cert-manager is on with the DNS01 solver. */
  readonly certManager?: AksCertManagerIdentity;
  /** The deploying client's tenant and subscription, for the add-ons' Azure configuration. */
  readonly client: DataAzurermClientConfig;
}

/**
 * cert-manager's controller with AKS workload identity: the service account names the identity's
 * client id, and the `azure.workload.identity/use` label on the pods (the webhook only injects the
 * federated token into labelled pods) and on the service account.
 */
function certManagerWorkloadIdentity(dns: AksCertManagerIdentity): CertManagerIdentity {
  const use = { 'azure.workload.identity/use': 'true' };
  return {
    serviceAccountAnnotations: { 'azure.workload.identity/client-id': dns.identity.clientId },
    serviceAccountLabels: use,
    podLabels: use,
  };
}

/**
 * The platform stack of an AKS cluster: the spec's ingress controller (Traefik by default; AKS
 * has no cloud controller), whose Service the Azure cloud provider gives an internal load
 * balancer in the node subnet or the public load balancer on the static ingress address; then
 * ExternalDNS for the spec's zones; then cert-manager with its CRDs (the policies stack's
 * ClusterIssuers need them), running as its managed identity for DNS01.
 */
export function buildPlatformStack(stack: TerraformStack, cluster: ResolvedCluster, inputs: AksPlatformInputs): void {
  installIngressController(stack, cluster, inputs.ingressIp ? { serviceAnnotations: inputs.ingressIp.serviceAnnotations } : {});
  if (inputs.externalDns) installExternalDns(stack, cluster, inputs.externalDns, inputs.client);
  installCertManager(stack, cluster, inputs.certManager ? certManagerWorkloadIdentity(inputs.certManager) : undefined);
}
