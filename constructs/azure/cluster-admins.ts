import type { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import type { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';
import { AZURE_ROLES } from './identities';

/**
 * Cluster admin through Azure RBAC ("Azure Kubernetes Service RBAC Cluster Admin" on the cluster)
 * for `access.admins` (Entra group or user object ids) and the deployer, whose kubelogin token
 * the cni, platform and policies stacks use. Without `access.deployer.principal` the identity
 * running Terraform is the deployer. Admin construct ids carry the object id, so reordering the
 * list changes nothing; removing an admin removes only that grant.
 */
export function grantClusterAdmins(
  stack: TerraformStack,
  cluster: ResolvedCluster,
  aks: KubernetesCluster,
  client: DataAzurermClientConfig,
): RoleAssignment[] {
  const grant = (id: string, principalId: string): RoleAssignment =>
    new RoleAssignment(stack, id, { scope: aks.id, roleDefinitionName: AZURE_ROLES.aksRbacClusterAdmin, principalId });
  // The admins and a named deployer, each once: Azure refuses a second identical assignment.
  const grants = cluster.access.clusterAdmins.map((objectId) => grant(`ClusterAdmin_${objectId}`, objectId));
  if (cluster.access.deployer.principal === undefined) grants.push(grant('DeployerClusterAdmin', client.objectId));
  return grants;
}
