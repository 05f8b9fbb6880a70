/**
 * polycluster/azure: AKS clusters with their network. The only folder that imports
 * @cdktf/provider-azurerm, always by deep path (the package root costs about 1.1 s and 400 MB).
 * Importing it registers the builder, so `defineCluster` works for Azure specs.
 *
 * @module polycluster/azure
 */
import { cloudDispatcher } from '../cloud-dispatch';
import { builder } from './builder';

cloudDispatcher.register(builder);

export { builder, buildAks } from './builder';
export { AUTOMATIC_UPGRADE_CHANNEL, MAINTENANCE_WINDOWS, NODE_OS_UPGRADE_CHANNEL, SYSTEM_POOL, createAksCluster, maxSurge, skuTier } from './aks-cluster';
export type { AksClusterInputs } from './aks-cluster';
export { createCertManagerIdentity, type AksCertManagerIdentity } from './cert-manager-identity';
export { grantClusterAdmins } from './cluster-admins';
export { EXTERNAL_DNS_AZURE_CONFIG, installExternalDns } from './external-dns';
export { DNS_ZONE_READ_ACTION, createExternalDnsIdentity, type AksExternalDnsIdentity } from './external-dns-identity';
export { AZURE_ROLES, createIdentities, type AksIdentities } from './identities';
export { PUBLIC_IP_READ_ACTION, createIngressIp, type AksIngressIp } from './ingress-ip';
export { ETCD_KEY_ROTATION, KMS_KEY_VAULT_NETWORK_ACCESS, SOFT_DELETE_RETENTION_DAYS, createEtcdEncryption, type AksEtcdEncryption } from './key-vault';
export { AKS_AAD_SERVER_APP_ID, KUBELOGIN_EXEC, connectAksStacks } from './kube-access';
export { CONTAINER_INSIGHTS_STREAMS, CONTROL_PLANE_LOG_CATEGORIES, createContainerInsights, createControlPlaneDiagnostics, createKeyVaultDiagnostics, createLogAnalytics } from './monitoring';
export { certManagerIdentityName, externalDnsIdentityName, ingressIpName, keyVaultName, publicIpReaderRoleName } from './names';
export { createEgress, type AksEgress } from './nat-gateway';
export { API_SERVER_DELEGATION, allowInternetIngress, createNetwork, type AksNetwork } from './network';
export { cniProfile, networkProfile, type CniProfile } from './network-profile';
export { SPOT_LABEL, SPOT_TAINT, createUserPools, taintString, type NodePoolTarget } from './node-pools';
export { osDiskType } from './os-disk';
export { createOutputs, type AksOutputsInputs } from './outputs';
export { buildPlatformStack, type AksPlatformInputs } from './platform';
export { configureAzurerm } from './provider';
export { AZURE_TOKEN_EXCHANGE_AUDIENCE, ZONE_CONTRIBUTOR_ROLE, createWorkloadIdentity, grantZoneContributor, type AksDnsZone, type AksWorkloadIdentity, type DnsZoneVisibility, type WorkloadIdentityProps, type ZoneContributorGrants } from './workload-identity';
