import { blockSize } from './cidr';
import type { PodBlock } from './cni-matrix';
import type { ResolvedNodePool } from './resolved';

/**
 * Address demand of the node pools, so that subnets and pod ranges are checked against the
 * node and pod counts the spec asks for. Each pool may add one surge node per zone during
 * rolling upgrades, so every count below includes it.
 */

/** Surge nodes a pool may add per zone while it upgrades. */
export const SURGE_NODES_PER_ZONE = 1;

/** Max nodes of a pool in one zone, surge included. */
export function peakNodesPerZone(pool: ResolvedNodePool): number {
  return pool.perZone.max + SURGE_NODES_PER_ZONE;
}

/** Max nodes of a pool over all zones, surge included. */
export function peakNodesTotal(pool: ResolvedNodePool, zoneCount: number): number {
  return pool.total.max + SURGE_NODES_PER_ZONE * zoneCount;
}

/** The per-node pod block prefix GKE uses: the smallest block with twice the max pods. */
export function gkePodBlockPrefix(maxPods: number): number {
  const addresses = 2 * maxPods;
  return 32 - Math.ceil(Math.log2(addresses));
}

/** Addresses one node takes from the pod range. */
export function podAddressesPerNode(block: PodBlock, maxPods: number): bigint {
  switch (block.kind) {
    case 'per-node':
      return blockSize(block.prefix);
    case 'gke':
      return blockSize(gkePodBlockPrefix(maxPods));
    case 'blocks':
      return BigInt(Math.ceil(maxPods / Number(blockSize(block.prefix)))) * blockSize(block.prefix);
  }
}

/** Addresses the pod range must hold for these pools. */
export function podRangeDemand(pools: readonly ResolvedNodePool[], block: PodBlock, zoneCount: number): bigint {
  return pools.reduce((sum, pool) => sum + BigInt(peakNodesTotal(pool, zoneCount)) * podAddressesPerNode(block, pool.maxPods), 0n);
}

/**
 * Addresses one zonal node subnet must hold. In VPC-IP modes every pod takes a subnet address
 * too (max pods plus the node's own).
 */
export function zonalSubnetDemand(pools: readonly ResolvedNodePool[], podsInSubnet: boolean): number {
  return pools.reduce((sum, pool) => sum + peakNodesPerZone(pool) * (podsInSubnet ? pool.maxPods + 1 : 1), 0);
}

/** Addresses a regional node subnet must hold (nodes only). */
export function regionalSubnetDemand(pools: readonly ResolvedNodePool[], zoneCount: number): number {
  return pools.reduce((sum, pool) => sum + peakNodesTotal(pool, zoneCount), 0);
}
