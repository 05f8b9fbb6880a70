import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';
import type { AksNetwork } from './network';
import { AZURE_NAME_LIMITS, withSuffix } from './names';

/** The control plane's identity and the grants the cluster needs before it is created. */
export interface AksIdentities {
  /**
   * User-assigned, not system-assigned: its grants (subnets, the KMS key) must exist before the
   * cluster, which a system-assigned identity cannot (it appears with the cluster).
   */
  readonly controlPlane: UserAssignedIdentity;
  /** Network Contributor on the node and API server subnets. */
  readonly networkGrants: readonly RoleAssignment[];
}

/** Built-in roles, by the names Azure gives them. */
export const AZURE_ROLES = {
  networkContributor: 'Network Contributor',
  keyVaultCryptoUser: 'Key Vault Crypto User',
  keyVaultCryptoOfficer: 'Key Vault Crypto Officer',
  aksRbacClusterAdmin: 'Azure Kubernetes Service RBAC Cluster Admin',
  dnsZoneContributor: 'DNS Zone Contributor',
  privateDnsZoneContributor: 'Private DNS Zone Contributor',
} as const;

/**
 * A grant to a managed identity. `principalType` is set so Azure does not look the new identity
 * up in Entra ID, where it may not have replicated yet.
 */
export function grantToIdentity(stack: TerraformStack, id: string, identity: UserAssignedIdentity, role: string, scope: string): RoleAssignment {
  return new RoleAssignment(stack, id, { scope, roleDefinitionName: role, principalId: identity.principalId, principalType: 'ServicePrincipal' });
}

/** The control plane's user-assigned identity, with Network Contributor on the node and API server subnets. */
export function createIdentities(stack: TerraformStack, cluster: ResolvedCluster, network: AksNetwork): AksIdentities {
  const controlPlane = new UserAssignedIdentity(stack, 'ControlPlaneIdentity', {
    name: withSuffix(cluster.name, '-control-plane', AZURE_NAME_LIMITS.userAssignedIdentity),
    resourceGroupName: network.resourceGroup.name,
    location: network.resourceGroup.location,
    tags: { ...cluster.tags },
  });
  // Scoped to the two subnets, not the VNet or resource group: AKS joins nodes and the API
  // server's load balancer to them and reads the node subnet's NAT gateway. The node subnet
  // grant also covers internal `Service type=LoadBalancer`: the Azure cloud provider runs as
  // this identity and takes internal frontends from the node subnet (subnets/join/action).
  const networkGrants = [
    grantToIdentity(stack, 'ControlPlaneNodeSubnetNetworkContributor', controlPlane, AZURE_ROLES.networkContributor, network.nodeSubnet.id),
    grantToIdentity(stack, 'ControlPlaneApiServerSubnetNetworkContributor', controlPlane, AZURE_ROLES.networkContributor, network.apiServerSubnet.id),
  ];
  return { controlPlane, networkGrants };
}
