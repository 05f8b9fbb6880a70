import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import type { TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';
import { networkName, virtualNetworkName } from './names';

/** The cluster's network: resource group, VNet, subnets and their security groups. */
export interface AksNetwork {
  /** The resource group created for the cluster. */
  readonly resourceGroup: ResourceGroup;
  /** The cluster's VNet. */
  readonly virtualNetwork: VirtualNetwork;
  /** Nodes (pods use the overlay pod range, or the self-installed CNI's range). */
  readonly nodeSubnet: Subnet;
  /** Delegated to AKS for API Server VNet Integration. */
  readonly apiServerSubnet: Subnet;
  /** The node subnet's security group (ours, not AKS-managed). */
  readonly nodeSecurityGroup: NetworkSecurityGroup;
  /** The associations; the cluster is created only after them. */
  readonly securityGroupAssociations: readonly SubnetNetworkSecurityGroupAssociation[];
}

/** The delegation API Server VNet Integration needs on its subnet. */
export const API_SERVER_DELEGATION = {
  name: 'aks-api-server',
  serviceDelegation: {
    name: 'Microsoft.ContainerService/managedClusters',
    actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
  },
};

/**
 * Builds the network in the cluster stack. Construct ids are Terraform addresses: renaming one
 * replaces the resource (and a subnet cannot be replaced while nodes use it).
 */
export function createNetwork(stack: TerraformStack, cluster: ResolvedCluster): AksNetwork {
  const azure = cluster.azure!;
  const tags = { ...cluster.tags };
  const subnets = cluster.network.subnets;
  if (!subnets.nodes || !subnets.apiServer) {
    throw new Error(`polycluster: the address plan of ${cluster.name} has no Azure node or API server subnet`);
  }

  const resourceGroup = new ResourceGroup(stack, 'ResourceGroup', { name: azure.resourceGroupName, location: cluster.region, tags });
  const common = { resourceGroupName: resourceGroup.name, location: resourceGroup.location, tags };
  const virtualNetwork = new VirtualNetwork(stack, 'VirtualNetwork', {
    ...common,
    name: virtualNetworkName(cluster),
    addressSpace: [cluster.network.vpcCidr],
  });
  const inVnet = { resourceGroupName: resourceGroup.name, virtualNetworkName: virtualNetwork.name };
  const nodeSubnet = new Subnet(stack, 'NodeSubnet', {
    ...inVnet,
    name: 'nodes',
    addressPrefixes: [subnets.nodes],
    // No implicit internet egress: nodes leave through the NAT gateway only.
    defaultOutboundAccessEnabled: false,
  });
  const apiServerSubnet = new Subnet(stack, 'ApiServerSubnet', {
    ...inVnet,
    name: 'api-server',
    addressPrefixes: [subnets.apiServer],
    defaultOutboundAccessEnabled: false,
    delegation: [API_SERVER_DELEGATION],
  });

  const nodeSecurityGroup = new NetworkSecurityGroup(stack, 'NodeSecurityGroup', { ...common, name: networkName(cluster, '-nodes-nsg') });
  const apiServerSecurityGroup = new NetworkSecurityGroup(stack, 'ApiServerSecurityGroup', {
    ...common,
    name: networkName(cluster, '-api-server-nsg'),
  });
  // The default rules already allow VNet-internal traffic (nodes to the API server on 443/4443)
  // and Azure Load Balancer probes, and deny everything else inbound from the internet.
  if (cluster.access.deployer.publicEndpoint) {
    // With VNet integration the public endpoint's traffic reaches the API server subnet with the
    // client's address: open 443 to the deployer CIDRs only, as authorized_ip_ranges does.
    new NetworkSecurityRule(stack, 'ApiServerDeployerIngress', {
      ...inboundTcp(resourceGroup),
      name: 'allow-deployer-https',
      networkSecurityGroupName: apiServerSecurityGroup.name,
      priority: 100,
      sourceAddressPrefixes: [...cluster.access.deployer.publicCidrs],
      destinationAddressPrefix: subnets.apiServer,
      destinationPortRange: '443',
    });
  }
  const securityGroupAssociations = [
    new SubnetNetworkSecurityGroupAssociation(stack, 'NodeSubnetSecurityGroup', {
      subnetId: nodeSubnet.id,
      networkSecurityGroupId: nodeSecurityGroup.id,
    }),
    new SubnetNetworkSecurityGroupAssociation(stack, 'ApiServerSubnetSecurityGroup', {
      subnetId: apiServerSubnet.id,
      networkSecurityGroupId: apiServerSecurityGroup.id,
    }),
  ];
  return { resourceGroup, virtualNetwork, nodeSubnet, apiServerSubnet, nodeSecurityGroup, securityGroupAssociations };
}

/** The common part of our inbound TCP allow rules. */
function inboundTcp(resourceGroup: ResourceGroup) {
  return { resourceGroupName: resourceGroup.name, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*' };
}

/**
 * Opens HTTP and HTTPS from the internet to the ingress load balancer's public address on the
 * node subnet's NSG. A subnet NSG brought by us is not managed by AKS, and public load balancers
 * keep the client address, so the ingress ports must be open here. The destination is the
 * public frontend address, not the node subnet: AKS load-balancing rules use floating IP, so
 * packets reach the nodes with the frontend IP still as their destination (the Azure cloud
 * provider writes its own NSG rules with the frontend IPs as destination for the same reason).
 * It also keeps the rule narrow: no other listener in the subnet becomes reachable.
 * The construct id is the rule's Terraform address: keep it.
 */
export function allowInternetIngress(stack: TerraformStack, network: AksNetwork, destinationAddress: string): NetworkSecurityRule {
  return new NetworkSecurityRule(stack, 'NodeInternetIngress', {
    ...inboundTcp(network.resourceGroup),
    name: 'allow-internet-http-https',
    networkSecurityGroupName: network.nodeSecurityGroup.name,
    priority: 100,
    sourceAddressPrefix: 'Internet',
    destinationAddressPrefix: destinationAddress,
    destinationPortRanges: ['80', '443'],
  });
}
