import type { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import type { TerraformStack } from 'cdktf';
import { installIngressController } from '../addons/ingress';
import type { ResolvedCluster } from '../spec';
import { installExternalDns } from './external-dns';
import type { AksExternalDnsIdentity } from './external-dns-identity';
import type { AksIngressIp } from './ingress-ip';

/** What the platform stack uses from the cluster stack. */
export interface AksPlatformInputs {
  /** Present for internet-facing ingress. */
  readonly ingressIp?: AksIngressIp;
  /** Present when `ingress.externalDnsZones` is non-empty. */
  readonly externalDns?: AksExternalDnsIdentity;
  readonly client: DataAzurermClientConfig;
}

/**
 * The platform stack of an AKS cluster: the spec's ingress controller (Traefik by default; AKS
 * has no cloud controller), whose Service the Azure cloud provider gives an internal load
 * balancer in the node subnet or the public load balancer on the static ingress address; then
 * ExternalDNS for the spec's zones.
 */
export function buildPlatformStack(stack: TerraformStack, cluster: ResolvedCluster, inputs: AksPlatformInputs): void {
  installIngressController(stack, cluster, inputs.ingressIp ? { serviceAnnotations: inputs.ingressIp.serviceAnnotations } : {});
  if (inputs.externalDns) installExternalDns(stack, cluster, inputs.externalDns, inputs.client);
}
