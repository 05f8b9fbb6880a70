import { DataAzurermDnsZone } from '@cdktf/provider-azurerm/lib/data-azurerm-dns-zone';
import { DataAzurermPrivateDnsZone } from '@cdktf/provider-azurerm/lib/data-azurerm-private-dns-zone';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import type { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';
import { AZURE_ROLES, grantToIdentity } from './identities';
import type { AksNetwork } from './network';

/**
 * The workload identity of an add-on that writes DNS records (ExternalDNS, cert-manager's DNS01
 * solver): a user-assigned identity one Kubernetes service account assumes through the cluster's
 * OIDC issuer, and its contributor grants on the DNS zones it may write to.
 */

/** The audience Entra ID expects in federated (workload identity) tokens. */
export const AZURE_TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** The Kubernetes service account that may assume an identity, and the construct ids of what binds them. */
export interface WorkloadIdentityProps {
  /** Construct ids (Terraform addresses) of the identity and of its federated credential. */
  readonly ids: {
    /** Construct id of the user-assigned identity. */
    readonly identity: string;
    /** Construct id of the federated credential. */
    readonly credential: string;
  };
  /** The identity's name (see names.ts). */
  readonly name: string;
  /** The namespace of the service account. */
  readonly namespace: string;
  /** The service account that may assume the identity. */
  readonly serviceAccount: string;
}

/** A user-assigned identity and the federated credential that binds it to one service account. */
export interface AksWorkloadIdentity {
  /** The user-assigned identity. */
  readonly identity: UserAssignedIdentity;
  /** The federated credential that trusts the cluster's OIDC issuer for the service account. */
  readonly credential: FederatedIdentityCredential;
}

/**
 * A user-assigned identity in the cluster's resource group that only the named service account of
 * this cluster can exchange its projected token for: the credential pins issuer, subject and
 * audience, so no other service account and no other cluster gets it.
 */
export function createWorkloadIdentity(
  stack: TerraformStack,
  cluster: ResolvedCluster,
  network: AksNetwork,
  aks: KubernetesCluster,
  props: WorkloadIdentityProps,
): AksWorkloadIdentity {
  const identity = new UserAssignedIdentity(stack, props.ids.identity, {
    name: props.name,
    resourceGroupName: network.resourceGroup.name,
    location: network.resourceGroup.location,
    tags: { ...cluster.tags },
  });
  const credential = new FederatedIdentityCredential(stack, props.ids.credential, {
    name: props.serviceAccount,
    resourceGroupName: network.resourceGroup.name,
    parentId: identity.id,
    issuer: aks.oidcIssuerUrl,
    subject: `system:serviceaccount:${props.namespace}:${props.serviceAccount}`,
    audience: [AZURE_TOKEN_EXCHANGE_AUDIENCE],
  });
  return { identity, credential };
}

/** Azure DNS (public) or Azure Private DNS. */
export type DnsZoneVisibility = 'public' | 'private';

/** A zone looked up by name, public or private. */
export type AksDnsZone = DataAzurermDnsZone | DataAzurermPrivateDnsZone;

/** The built-in role that writes records in a zone, per zone kind. */
export const ZONE_CONTRIBUTOR_ROLE: { readonly [V in DnsZoneVisibility]: string } = {
  public: AZURE_ROLES.dnsZoneContributor,
  private: AZURE_ROLES.privateDnsZoneContributor,
};

/** The zones an identity may write to, and one grant per zone. */
export interface ZoneContributorGrants {
  /** The zones, in the order of the names given. */
  readonly zones: readonly AksDnsZone[];
  /** One contributor grant per zone, in the same order. */
  readonly grants: readonly RoleAssignment[];
}

/**
 * Looks the named zones up in the subscription (wherever their resource groups are; they must
 * exist) and grants the identity the zone contributor role on each zone alone, never on a resource
 * group. Construct ids are `<prefix>Zone<i>` and `<prefix>Zone<i>Contributor`, numbered by
 * position in `names`.
 */
export function grantZoneContributor(
  stack: TerraformStack,
  idPrefix: string,
  identity: UserAssignedIdentity,
  names: readonly string[],
  visibility: DnsZoneVisibility,
): ZoneContributorGrants {
  const zones = names.map((name, i) =>
    visibility === 'public'
      ? new DataAzurermDnsZone(stack, `${idPrefix}Zone${i}`, { name })
      : new DataAzurermPrivateDnsZone(stack, `${idPrefix}Zone${i}`, { name }),
  );
  const grants = zones.map((zone, i) => grantToIdentity(stack, `${idPrefix}Zone${i}Contributor`, identity, ZONE_CONTRIBUTOR_ROLE[visibility], zone.id));
  return { zones, grants };
}
