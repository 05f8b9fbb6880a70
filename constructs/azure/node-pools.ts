import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import type { TerraformStack } from 'cdktf';
import type { ResolvedCluster, ResolvedNodePool, TaintSpec } from '../spec';
import { maxSurge } from './aks-cluster';
import { pascalCase } from '../naming';
import { osDiskType } from './os-disk';

/** What user pools attach to; values from the cluster stack arrive through remote state. */
export interface NodePoolTarget {
  /** The AKS cluster's resource id. */
  readonly clusterId: string;
  /** The node subnet's resource id. */
  readonly nodeSubnetId: string;
}

/**
 * The label and taint AKS puts on every spot node. azurerm expects them in the configuration
 * too, or every plan wants to remove them.
 */
export const SPOT_LABEL = { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot' } as const;
/** The taint AKS puts on every spot node (see `SPOT_LABEL`). */
export const SPOT_TAINT: TaintSpec = { key: SPOT_LABEL.key, value: SPOT_LABEL.value, effect: 'NoSchedule' };

/** `key=value:Effect`, or `key:Effect` without a value, as AKS writes taints. */
export function taintString(taint: TaintSpec): string {
  return `${taint.key}${taint.value !== undefined ? `=${taint.value}` : ''}:${taint.effect}`;
}

/** A temporary pool name for replacements (AKS pool names: `^[a-z][a-z0-9]{0,11}$`). */
export function temporaryPoolName(name: string): string {
  return `${name.slice(0, 9)}tmp`;
}

function userPool(stack: TerraformStack, cluster: ResolvedCluster, pool: ResolvedNodePool, target: NodePoolTarget): KubernetesClusterNodePool {
  const taints = [...pool.taints, ...(pool.spot ? [SPOT_TAINT] : [])].map(taintString);
  const labels = { ...pool.labels, ...(pool.spot ? { [SPOT_LABEL.key]: SPOT_LABEL.value } : {}) };
  // The construct id is the pool's Terraform address: renaming a pool replaces it.
  return new KubernetesClusterNodePool(stack, `NodePool${pascalCase(pool.name)}`, {
    name: pool.name,
    kubernetesClusterId: target.clusterId,
    mode: 'User',
    vmSize: pool.machineType,
    // AKS counts the whole pool, spread over the zones.
    autoScalingEnabled: true,
    minCount: pool.total.min,
    maxCount: pool.total.max,
    nodeCount: pool.total.desired,
    zones: [...(cluster.zones.names ?? [])],
    vnetSubnetId: target.nodeSubnetId,
    maxPods: pool.maxPods,
    osDiskSizeGb: pool.diskSizeGiB,
    osDiskType: osDiskType(pool.machineType, pool.diskSizeGiB),
    hostEncryptionEnabled: cluster.security.hostEncryption,
    nodePublicIpEnabled: false,
    ...(Object.keys(labels).length > 0 ? { nodeLabels: labels } : {}),
    ...(taints.length > 0 ? { nodeTaints: taints } : {}),
    temporaryNameForRotation: temporaryPoolName(pool.name),
    ...(pool.spot
      ? // Evicted spot nodes are deleted (the autoscaler replaces them); -1 pays up to the
        // on-demand price, so nodes are evicted for capacity only, never for price.
        { priority: 'Spot', evictionPolicy: 'Delete', spotMaxPrice: -1 }
      : // Spot pools cannot surge; regular pools surge one node per zone, as the address checks reserve.
        { priority: 'Regular', upgradeSettings: { maxSurge: maxSurge(cluster) } }),
    tags: { ...cluster.tags },
    // The cluster autoscaler owns the node count after creation.
    lifecycle: { ignoreChanges: ['node_count'] },
  });
}

/** The user node pools of the nodes stack, one per `nodePools` entry, in spec order. */
export function createUserPools(stack: TerraformStack, cluster: ResolvedCluster, target: NodePoolTarget): KubernetesClusterNodePool[] {
  return cluster.nodePools.map((pool) => userPool(stack, cluster, pool, target));
}
