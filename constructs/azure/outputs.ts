import type { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { TerraformOutput, type TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';
import { skuTier } from './aks-cluster';
import type { AksIdentities } from './identities';
import type { AksIngressIp } from './ingress-ip';
import type { AksEtcdEncryption } from './key-vault';
import type { AksEgress } from './nat-gateway';
import type { AksNetwork } from './network';

/** What the cluster stack reports: ids to wire other systems to, the egress and ingress addresses. */
export interface AksOutputsInputs {
  /** The AKS cluster. */
  readonly aks: KubernetesCluster;
  /** The cluster's resource group, VNet and subnets. */
  readonly network: AksNetwork;
  /** The NAT gateway and its static egress addresses. */
  readonly egress: AksEgress;
  /** The control-plane identity. */
  readonly identities: AksIdentities;
  /** The etcd encryption key and its vault. */
  readonly encryption: AksEtcdEncryption;
  /** Present for internet-facing ingress. */
  readonly ingressIp?: AksIngressIp;
}

/** The cluster stack's outputs. Output names are part of the interface: keep them stable. */
export function createOutputs(stack: TerraformStack, cluster: ResolvedCluster, inputs: AksOutputsInputs): void {
  const { aks, network, egress, identities, encryption, ingressIp } = inputs;
  const output = (id: string, value: unknown, description: string): void => {
    new TerraformOutput(stack, id, { value, description });
  };
  output('cluster_id', aks.id, 'Resource id of the AKS cluster');
  output('cluster_name', aks.name, 'Name of the AKS cluster');
  output('resource_group_name', network.resourceGroup.name, 'Resource group of the cluster and its network');
  output('api_server_fqdn', cluster.access.deployer.publicEndpoint ? aks.fqdn : aks.privateFqdn, 'Host name of the API server');
  output('oidc_issuer_url', aks.oidcIssuerUrl, 'OIDC issuer for workload identity federated credentials');
  output('egress_ips', egress.publicIps.map((ip) => ip.ipAddress), 'Static egress addresses of the nodes (NAT gateway), for partner allowlists');
  if (ingressIp) output('ingress_ip', ingressIp.publicIp.ipAddress, 'Static public address of the ingress load balancer, for DNS records and allowlists');
  output('vnet_id', network.virtualNetwork.id, 'Resource id of the VNet');
  output('node_subnet_id', network.nodeSubnet.id, 'Resource id of the node subnet');
  output('api_server_subnet_id', network.apiServerSubnet.id, 'Resource id of the API server (VNet integration) subnet');
  output('control_plane_identity_principal_id', identities.controlPlane.principalId, 'Principal id of the control-plane identity');
  output('kubelet_identity_object_id', aks.kubeletIdentity.objectId, 'Object id of the kubelet identity (grant it AcrPull on registries)');
  output('key_vault_id', encryption.vault.id, 'Key Vault holding the etcd encryption key');
  output('aks_sku_tier', skuTier(cluster), 'AKS tier: Standard (uptime SLA) in production, Free (no SLA) in the development profile');
}
