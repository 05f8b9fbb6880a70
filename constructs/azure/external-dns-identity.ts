import { DataAzurermDnsZone } from '@cdktf/provider-azurerm/lib/data-azurerm-dns-zone';
import { DataAzurermPrivateDnsZone } from '@cdktf/provider-azurerm/lib/data-azurerm-private-dns-zone';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import type { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { TerraformStack } from 'cdktf';
import { EXTERNAL_DNS_RELEASE } from '../addons/ingress/external-dns';
import type { ResolvedCluster } from '../spec';
import { AZURE_ROLES, grantToIdentity } from './identities';
import { externalDnsIdentityName } from './names';
import type { AksNetwork } from './network';

/** The audience Entra ID expects in federated (workload identity) tokens. */
export const AZURE_TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** ExternalDNS's workload identity in the cluster stack, limited to the spec's zones. */
export interface AksExternalDnsIdentity {
  readonly identity: UserAssignedIdentity;
  readonly credential: FederatedIdentityCredential;
  /** ExternalDNS's provider: public zones for internet-facing ingress, private zones for internal. */
  readonly providerName: 'azure' | 'azure-private-dns';
  /** The zones, in spec order (the first one's resource group goes into ExternalDNS's settings). */
  readonly zones: readonly (DataAzurermDnsZone | DataAzurermPrivateDnsZone)[];
  /** One zone contributor grant per zone. */
  readonly grants: readonly RoleAssignment[];
}

/**
 * For a non-empty `ingress.externalDnsZones`: a user-assigned identity that ExternalDNS's service
 * account assumes through the cluster's OIDC issuer, with "DNS Zone Contributor" (public zones,
 * internet-facing ingress) or "Private DNS Zone Contributor" (private zones, internal ingress) on
 * each named zone alone. The zones are looked up by name in the subscription; they must exist.
 * Zone construct ids are numbered by position in the spec list.
 */
export function createExternalDnsIdentity(
  stack: TerraformStack,
  cluster: ResolvedCluster,
  network: AksNetwork,
  aks: KubernetesCluster,
): AksExternalDnsIdentity | undefined {
  const zoneNames = cluster.ingress.externalDnsZones;
  if (zoneNames.length === 0) return undefined;
  const identity = new UserAssignedIdentity(stack, 'ExternalDnsIdentity', {
    name: externalDnsIdentityName(cluster),
    resourceGroupName: network.resourceGroup.name,
    location: network.resourceGroup.location,
    tags: { ...cluster.tags },
  });
  // Only ExternalDNS's service account in this cluster can exchange its token for the identity.
  const credential = new FederatedIdentityCredential(stack, 'ExternalDnsFederatedCredential', {
    name: EXTERNAL_DNS_RELEASE.serviceAccount,
    resourceGroupName: network.resourceGroup.name,
    parentId: identity.id,
    issuer: aks.oidcIssuerUrl,
    subject: `system:serviceaccount:${EXTERNAL_DNS_RELEASE.namespace}:${EXTERNAL_DNS_RELEASE.serviceAccount}`,
    audience: [AZURE_TOKEN_EXCHANGE_AUDIENCE],
  });
  const isPublic = cluster.ingress.exposure === 'internet-facing';
  const role = isPublic ? AZURE_ROLES.dnsZoneContributor : AZURE_ROLES.privateDnsZoneContributor;
  const zones = zoneNames.map((name, i) =>
    isPublic ? new DataAzurermDnsZone(stack, `ExternalDnsZone${i}`, { name }) : new DataAzurermPrivateDnsZone(stack, `ExternalDnsZone${i}`, { name }),
  );
  const grants = zones.map((zone, i) => grantToIdentity(stack, `ExternalDnsZone${i}Contributor`, identity, role, zone.id));
  return { identity, credential, providerName: isPublic ? 'azure' : 'azure-private-dns', zones, grants };
}
