import type { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KubernetesCluster, type KubernetesClusterDefaultNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import type { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import type { ITerraformDependable, TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';
import { SURGE_NODES_PER_ZONE } from '../spec/capacity';
import type { AksIdentities } from './identities';
import type { AksEtcdEncryption } from './key-vault';
import { KMS_KEY_VAULT_NETWORK_ACCESS } from './key-vault';
import type { AksEgress } from './nat-gateway';
import type { AksNetwork } from './network';
import { networkProfile } from './network-profile';
import { osDiskType } from './os-disk';

/** Patch releases of the pinned minor, applied automatically in the maintenance window. */
export const AUTOMATIC_UPGRADE_CHANNEL = 'patch';
/** Weekly node images (OS security patches) from AKS, applied by reimaging in the window. */
export const NODE_OS_UPGRADE_CHANNEL = 'NodeImage';

/** Maintenance windows, UTC: Kubernetes patches on Sunday night, node images on Saturday night. */
export const MAINTENANCE_WINDOWS = {
  autoUpgrade: { frequency: 'Weekly', interval: 1, dayOfWeek: 'Sunday', startTime: '01:00', utcOffset: '+00:00', duration: 4 },
  nodeOs: { frequency: 'Weekly', interval: 1, dayOfWeek: 'Saturday', startTime: '01:00', utcOffset: '+00:00', duration: 4 },
} as const;

/** The system pool's name and the temporary name AKS uses while it replaces the pool. */
export const SYSTEM_POOL = { name: 'system', temporaryName: 'systemtmp' } as const;

/**
 * The uptime-SLA tier. `Free` has no SLA and fewer control-plane resources: only the
 * development profile gets it (shown in the `aks_sku_tier` output).
 */
export function skuTier(cluster: ResolvedCluster): 'Standard' | 'Free' {
  return cluster.profile === 'production' ? 'Standard' : 'Free';
}

/** Surge nodes per upgrade: one per zone, which the subnet and pod-range checks reserve. */
export function maxSurge(cluster: ResolvedCluster): string {
  return String(SURGE_NODES_PER_ZONE * cluster.zones.count);
}

/** What the cluster is built from. */
export interface AksClusterInputs {
  /** The resource group, VNet and subnets the cluster joins. */
  readonly network: AksNetwork;
  /** The NAT gateway the nodes' outbound traffic leaves through. */
  readonly egress: AksEgress;
  /** The control-plane identity and its network grants. */
  readonly identities: AksIdentities;
  /** The Key Vault key that encrypts secrets in etcd. */
  readonly encryption: AksEtcdEncryption;
  /** The workspace that receives Container Insights and control-plane logs. */
  readonly logAnalytics: LogAnalyticsWorkspace;
  /** The deploying client's tenant, for Entra ID RBAC. */
  readonly client: DataAzurermClientConfig;
}

/**
 * The default pool is the system pool: critical add-ons only (the `CriticalAddonsOnly` taint),
 * so workloads run on the user pools of the nodes stack. Its counts and pods match what the
 * address checks reserved for it (`azure.systemPool`, the default max pods and disk).
 */
function systemPool(cluster: ResolvedCluster, inputs: AksClusterInputs): KubernetesClusterDefaultNodePool {
  const pool = cluster.azure!.systemPool;
  const { diskSizeGiB } = pool;
  return {
    name: SYSTEM_POOL.name,
    temporaryNameForRotation: SYSTEM_POOL.temporaryName,
    vmSize: pool.machineType,
    onlyCriticalAddonsEnabled: true,
    autoScalingEnabled: true,
    minCount: pool.min,
    maxCount: pool.max,
    nodeCount: pool.min,
    zones: [...(cluster.zones.names ?? [])],
    vnetSubnetId: inputs.network.nodeSubnet.id,
    maxPods: pool.maxPods,
    osDiskSizeGb: diskSizeGiB,
    osDiskType: osDiskType(pool.machineType, diskSizeGiB),
    hostEncryptionEnabled: cluster.security.hostEncryption,
    nodePublicIpEnabled: false,
    upgradeSettings: { maxSurge: maxSurge(cluster) },
    tags: { ...cluster.tags },
  };
}

/**
 * The AKS cluster, secure by default (REFERENCE.md "Secure defaults", AKS). The construct id
 * `Cluster` is its Terraform address: renaming it replaces the cluster.
 */
export function createAksCluster(stack: TerraformStack, cluster: ResolvedCluster, inputs: AksClusterInputs): KubernetesCluster {
  const azure = cluster.azure!;
  const { network, identities, encryption } = inputs;
  const deployer = cluster.access.deployer;
  const dependsOn: ITerraformDependable[] = [
    // AKS checks at creation that the node subnet egresses through a NAT gateway with addresses.
    ...inputs.egress.ready,
    ...network.securityGroupAssociations,
    // The identity must hold its grants before AKS uses it, or creation fails.
    ...identities.networkGrants,
    encryption.controlPlaneGrant,
  ];
  return new KubernetesCluster(stack, 'Cluster', {
    name: cluster.name,
    location: network.resourceGroup.location,
    resourceGroupName: network.resourceGroup.name,
    dnsPrefix: azure.dnsPrefix,
    kubernetesVersion: cluster.kubernetesVersion,
    skuTier: skuTier(cluster),
    identity: { type: 'UserAssigned', identityIds: [identities.controlPlane.id] },

    // API server: projected into the delegated subnet; private, or public for the deployer's
    // CIDRs only (validation refuses 0.0.0.0/0 and private ranges).
    privateClusterEnabled: !deployer.publicEndpoint,
    privateClusterPublicFqdnEnabled: false,
    apiServerAccessProfile: {
      virtualNetworkIntegrationEnabled: true,
      subnetId: network.apiServerSubnet.id,
      ...(deployer.publicEndpoint ? { authorizedIpRanges: [...deployer.publicCidrs] } : {}),
    },

    // Authentication by Entra ID only, authorization by Azure RBAC (cluster-admins.ts).
    roleBasedAccessControlEnabled: true,
    azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, tenantId: inputs.client.tenantId },
    localAccountDisabled: true,

    oidcIssuerEnabled: true,
    workloadIdentityEnabled: true,

    keyManagementService: { keyVaultKeyId: encryption.key.id, keyVaultNetworkAccess: KMS_KEY_VAULT_NETWORK_ACCESS },
    keyVaultSecretsProvider: { secretRotationEnabled: true, secretRotationInterval: '2m' },
    azurePolicyEnabled: true,

    automaticUpgradeChannel: AUTOMATIC_UPGRADE_CHANNEL,
    nodeOsUpgradeChannel: NODE_OS_UPGRADE_CHANNEL,
    maintenanceWindowAutoUpgrade: { ...MAINTENANCE_WINDOWS.autoUpgrade },
    maintenanceWindowNodeOs: { ...MAINTENANCE_WINDOWS.nodeOs },

    omsAgent: { logAnalyticsWorkspaceId: inputs.logAnalytics.id, msiAuthForMonitoringEnabled: true },

    defaultNodePool: systemPool(cluster, inputs),
    networkProfile: networkProfile(cluster),
    tags: { ...cluster.tags },
    // The cluster autoscaler owns the node count after creation.
    lifecycle: { ignoreChanges: ['default_node_pool[0].node_count'] },
    dependsOn,
  });
}
