import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { installCni } from '../addons/cni';
import { APPLY_TIME, type ApplyTimeValues } from '../apply-time-values';
import type { BuiltCluster, CloudBuilder } from '../cloud-builder';
import type { PhaseStacks } from '../phase-stacks';
import type { ResolvedCluster } from '../spec';
import { createAksCluster } from './aks-cluster';
import { createCertManagerIdentity, type AksCertManagerIdentity } from './cert-manager-identity';
import { grantClusterAdmins } from './cluster-admins';
import { createExternalDnsIdentity } from './external-dns-identity';
import { createIdentities } from './identities';
import { createIngressIp } from './ingress-ip';
import { createEtcdEncryption } from './key-vault';
import { connectAksStacks } from './kube-access';
import { createContainerInsights, createControlPlaneDiagnostics, createKeyVaultDiagnostics, createLogAnalytics } from './monitoring';
import { createEgress } from './nat-gateway';
import { allowInternetIngress, createNetwork } from './network';
import { createUserPools } from './node-pools';
import { createOutputs } from './outputs';
import { buildPlatformStack } from './platform';
import { configureAzurerm } from './provider';

/**
 * Fills the phase stacks of an AKS cluster: network, NAT, identities, KMS, monitoring, the
 * cluster with its system pool, the ingress address and add-on identities in `<name>-cluster`;
 * user pools in `<name>-nodes`; the ingress controller, ExternalDNS and cert-manager in
 * `<name>-platform`; kubelogin providers in the Kubernetes-facing stacks. Resources sit directly
 * in their stack, so their construct ids are their Terraform addresses. Returns what the DNS01
 * ClusterIssuers need from Terraform.
 */
export function buildAks(stacks: PhaseStacks, cluster: ResolvedCluster): BuiltCluster {
  if (!cluster.azure) throw new Error(`polycluster: ${cluster.name} has no resolved Azure settings`);
  const stack = stacks.cluster;
  configureAzurerm(stack, cluster);
  // The identity running Terraform: tenant for Entra ID, deployer for grants.
  const client = new DataAzurermClientConfig(stack, 'ClientConfig', {});

  const network = createNetwork(stack, cluster);
  const egress = createEgress(stack, cluster, network);
  const identities = createIdentities(stack, cluster, network);
  const encryption = createEtcdEncryption(stack, cluster, network, identities, client);
  const logAnalytics = createLogAnalytics(stack, cluster, network);
  const aks = createAksCluster(stack, cluster, { network, egress, identities, encryption, logAnalytics, client });
  createControlPlaneDiagnostics(stack, aks, logAnalytics);
  createKeyVaultDiagnostics(stack, encryption.vault, logAnalytics);
  createContainerInsights(stack, cluster, aks, logAnalytics);
  grantClusterAdmins(stack, cluster, aks, client);
  const ingressIp = createIngressIp(stack, cluster, network, identities);
  if (ingressIp) allowInternetIngress(stack, network, ingressIp.publicIp.ipAddress);
  const externalDns = createExternalDnsIdentity(stack, cluster, network, aks);
  const certManager = createCertManagerIdentity(stack, cluster, network, aks);
  createOutputs(stack, cluster, { aks, network, egress, identities, encryption, ...(ingressIp ? { ingressIp } : {}) });

  configureAzurerm(stacks.nodes, cluster);
  createUserPools(stacks.nodes, cluster, { clusterId: aks.id, nodeSubnetId: network.nodeSubnet.id });

  connectAksStacks(stacks, aks);
  // BYO CNI (`network_plugin = none`): Cilium or Calico in the cni stack. kube-proxy stays (the
  // azurerm provider cannot disable it), so the CNI needs no API server address.
  if (stacks.cni) installCni(stacks.cni, cluster, {});
  if (stacks.platform) {
    buildPlatformStack(stacks.platform, cluster, {
      client,
      ...(ingressIp ? { ingressIp } : {}),
      ...(externalDns ? { externalDns } : {}),
      ...(certManager ? { certManager } : {}),
    });
  }
  return { applyTimeValues: certManager ? dns01Values(certManager, client) : {} };
}

/**
 * The azureDNS solver's settings only Terraform knows: the provider's subscription, the managed
 * identity's client id, and each ACME zone's resource group (zones may sit in different groups).
 */
function dns01Values(certManager: AksCertManagerIdentity, client: DataAzurermClientConfig): ApplyTimeValues {
  return {
    [APPLY_TIME.azureSubscriptionId]: client.subscriptionId,
    [APPLY_TIME.certManagerClientId]: certManager.identity.clientId,
    ...Object.fromEntries(certManager.zones.map((zone, i) => [APPLY_TIME.dns01ZoneResourceGroup(i), zone.resourceGroupName])),
  };
}

/** The AKS cloud builder. */
export const builder: CloudBuilder = { cloud: 'azure', build: buildAks };
