import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';
import { grantCustomRole } from './custom-role';
import { AZURE_ROLES, grantToIdentity, type AksIdentities } from './identities';
import { ingressIpName, publicIpReaderRoleName } from './names';
import type { AksNetwork } from './network';

/** The static public address of an internet-facing ingress, and what lets AKS use it. */
export interface AksIngressIp {
  /** The static public address the ingress controller's load balancer uses. */
  readonly publicIp: PublicIp;
  /** The control plane's grants: Network Contributor on the address, listing the group's addresses. */
  readonly grants: readonly RoleAssignment[];
  /** Annotations that put the ingress controller's Service on this address. */
  readonly serviceAnnotations: Readonly<Record<string, string>>;
}

/** The only action of the public IP reader role. */
export const PUBLIC_IP_READ_ACTION = 'Microsoft.Network/publicIPAddresses/read';

/**
 * For `ingress.exposure: internet-facing`: a static, zone-redundant Standard IPv4 address in the
 * cluster's resource group, so the ingress address outlives the Service and DNS can point at it.
 * The Azure cloud provider creates the Service's load balancer as the control-plane identity, so
 * that identity gets:
 * - Network Contributor on this address only: the cloud provider reads it and joins it to the
 *   load balancer's frontend (`publicIPAddresses/join/action`);
 * - a custom role with `publicIPAddresses/read` alone on the resource group: the cloud provider
 *   finds the address by listing the public IPs of the resource group named in the Service
 *   annotation (its public IP cache is filled by a List per resource group), and a grant on the
 *   address alone does not allow that List. Listing reveals addresses, nothing else.
 * Returns undefined for internal exposure: internal frontends come from the node subnet, which
 * the control plane already holds Network Contributor on.
 */
export function createIngressIp(stack: TerraformStack, cluster: ResolvedCluster, network: AksNetwork, identities: AksIdentities): AksIngressIp | undefined {
  if (cluster.ingress.exposure !== 'internet-facing') return undefined;
  const name = ingressIpName(cluster);
  const publicIp = new PublicIp(stack, 'IngressIp', {
    name,
    resourceGroupName: network.resourceGroup.name,
    location: network.resourceGroup.location,
    tags: { ...cluster.tags },
    sku: 'Standard',
    allocationMethod: 'Static',
    ipVersion: 'IPv4',
    zones: [...(cluster.zones.names ?? [])],
  });
  const grants = [
    grantToIdentity(stack, 'ControlPlaneIngressIpNetworkContributor', identities.controlPlane, AZURE_ROLES.networkContributor, publicIp.id),
    grantCustomRole(stack, {
      ids: { role: 'PublicIpReaderRole', assignment: 'ControlPlanePublicIpReader' },
      name: publicIpReaderRoleName(cluster),
      description: `Lists the public IPs of ${cluster.name}'s resource group, for the AKS cloud provider`,
      scope: network.resourceGroup.id,
      actions: [PUBLIC_IP_READ_ACTION],
      identity: identities.controlPlane,
    }),
  ];
  // Plain names, not references: the platform stack's Helm values stay readable in review, and
  // the cluster stack (with the address and grants) is always deployed before it.
  const serviceAnnotations = {
    'service.beta.kubernetes.io/azure-pip-name': name,
    'service.beta.kubernetes.io/azure-load-balancer-resource-group': cluster.azure!.resourceGroupName,
  };
  return { publicIp, grants, serviceAnnotations };
}
