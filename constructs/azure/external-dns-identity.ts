import type { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import type { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Fn, Op, type TerraformStack } from 'cdktf';
import { EXTERNAL_DNS_RELEASE } from '../addons/ingress/external-dns';
import { EXTERNAL_DNS_ZONE_VISIBILITY, type ResolvedCluster } from '../spec';
import { grantCustomRole } from './custom-role';
import { dnsZoneReaderRoleName, externalDnsIdentityName } from './names';
import type { AksNetwork } from './network';
import { createWorkloadIdentity, grantZoneContributor, type AksDnsZone } from './workload-identity';

/** ExternalDNS's workload identity in the cluster stack, limited to the spec's zones. */
export interface AksExternalDnsIdentity {
  /** The user-assigned identity ExternalDNS acts as. */
  readonly identity: UserAssignedIdentity;
  /** Binds the identity to ExternalDNS's service account. */
  readonly credential: FederatedIdentityCredential;
  /** ExternalDNS's provider: public zones for internet-facing ingress, private zones for internal. */
  readonly providerName: 'azure' | 'azure-private-dns';
  /** The zones, in spec order (the first one's resource group goes into ExternalDNS's settings). */
  readonly zones: readonly AksDnsZone[];
  /** One zone contributor grant per zone, then the zone reader grant on their resource group. */
  readonly grants: readonly RoleAssignment[];
}

/** The only action of ExternalDNS's zone reader role, per zone kind. */
export const DNS_ZONE_READ_ACTION = { public: 'Microsoft.Network/dnszones/read', private: 'Microsoft.Network/privateDnsZones/read' } as const;

/**
 * ExternalDNS's Azure providers find their zones by listing the zones of one resource group, which
 * the grants on the zones alone do not allow: a custom role that only reads zones, on the first
 * zone's resource group. The plan stops if the zones are spread over several resource groups,
 * since ExternalDNS would silently ignore all but the first's.
 */
function zoneListing(
  stack: TerraformStack,
  cluster: ResolvedCluster,
  identity: UserAssignedIdentity,
  zones: readonly AksDnsZone[],
  isPublic: boolean,
): RoleAssignment {
  // A zone id is /subscriptions/<id>/resourceGroups/<name>/providers/...: its group is the first five segments.
  const zoneGroup = Fn.join('/', Fn.slice(Fn.split('/', zones[0]!.id), 0, 5));
  return grantCustomRole(stack, {
    ids: { role: 'ExternalDnsZoneReaderRole', assignment: 'ExternalDnsZoneReader' },
    name: dnsZoneReaderRoleName(cluster),
    description: `Lists the DNS zones of ExternalDNS in ${cluster.name}`,
    scope: zoneGroup,
    actions: [isPublic ? DNS_ZONE_READ_ACTION.public : DNS_ZONE_READ_ACTION.private],
    identity,
    lifecycle: {
      precondition: [
        {
          condition: Op.eq(Fn.lengthOf(Fn.distinct(zones.map((z) => z.resourceGroupName))), 1),
          errorMessage: `ingress.externalDnsZones of ${cluster.name} must all be in one resource group: ExternalDNS's Azure provider reads a single one`,
        },
      ],
    },
  });
}

/**
 * For a non-empty `ingress.externalDnsZones`: a user-assigned identity that ExternalDNS's service
 * account assumes through the cluster's OIDC issuer, with "DNS Zone Contributor" (public zones,
 * internet-facing ingress) or "Private DNS Zone Contributor" (private zones, internal ingress) on
 * each named zone alone, plus the zone listing ExternalDNS needs. The zones are looked up by name
 * in the subscription; they must exist. Zone construct ids are numbered by position in the spec list.
 */
export function createExternalDnsIdentity(
  stack: TerraformStack,
  cluster: ResolvedCluster,
  network: AksNetwork,
  aks: KubernetesCluster,
): AksExternalDnsIdentity | undefined {
  const zoneNames = cluster.ingress.externalDnsZones;
  if (zoneNames.length === 0) return undefined;
  // Construct ids are Terraform addresses: renaming them replaces the identity and its grants.
  const { identity, credential } = createWorkloadIdentity(stack, cluster, network, aks, {
    ids: { identity: 'ExternalDnsIdentity', credential: 'ExternalDnsFederatedCredential' },
    name: externalDnsIdentityName(cluster),
    namespace: EXTERNAL_DNS_RELEASE.namespace,
    serviceAccount: EXTERNAL_DNS_RELEASE.serviceAccount,
  });
  const visibility = EXTERNAL_DNS_ZONE_VISIBILITY[cluster.ingress.exposure];
  const { zones, grants } = grantZoneContributor(stack, 'ExternalDns', identity, zoneNames, visibility);
  const isPublic = visibility === 'public';
  return {
    identity,
    credential,
    providerName: isPublic ? 'azure' : 'azure-private-dns',
    zones,
    grants: [...grants, zoneListing(stack, cluster, identity, zones, isPublic)],
  };
}
