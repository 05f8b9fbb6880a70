import type { CniCell } from './cni-matrix';
import type { Draft } from './draft';
import type { NodeCounts, ResolvedNodePool } from './resolved';
import type { SizeScope, TaintSpec } from './types';

/**
 * Converts a pool's counts to both scopes. Per-zone counts multiply by the zone count; total
 * counts divide by it and round up, so a converted pool never has fewer nodes than asked (and
 * may have up to zones - 1 more: GKE can only count per zone).
 */
export function countsInBothScopes(
  scope: SizeScope,
  c: NodeCounts,
  zoneCount: number,
): { total: NodeCounts; perZone: NodeCounts } {
  const zones = Math.max(zoneCount, 1);
  if (scope === 'perZone') {
    return { perZone: c, total: { min: c.min * zones, max: c.max * zones, desired: c.desired * zones } };
  }
  const up = (n: number): number => Math.ceil(n / zones);
  return { total: c, perZone: { min: up(c.min), max: up(c.max), desired: up(c.desired) } };
}

/** Taints every node of a self-installed Cilium starts with, so pods wait for the agent. */
export const CILIUM_AGENT_NOT_READY: TaintSpec = {
  key: 'node.cilium.io/agent-not-ready',
  value: 'true',
  effect: 'NoExecute',
};

/** The taints the CNI needs on new nodes. */
export function cniStartupTaints(cell: CniCell | undefined): readonly TaintSpec[] {
  return cell?.kind === 'cilium' && cell.provisioning === 'self-installed' ? [CILIUM_AGENT_NOT_READY] : [];
}

/** The pools with counts in both scopes and the CNI's startup taints. */
export function resolvePools(draft: Draft, cell: CniCell | undefined): ResolvedNodePool[] {
  const startup = cniStartupTaints(cell);
  return draft.nodePools.map((pool) => {
    const { total, perZone } = countsInBothScopes(pool.sizeScope, pool.counts, draft.zoneCount);
    return {
      name: pool.name,
      machineType: pool.machineType,
      sizeScope: pool.sizeScope,
      total,
      perZone,
      labels: pool.labels,
      taints: [...pool.taints, ...startup.filter((t) => !pool.taints.some((own) => own.key === t.key))],
      maxPods: pool.maxPods,
      diskSizeGiB: pool.diskSizeGiB,
      spot: pool.spot,
    };
  });
}

/**
 * The AKS system pool as a pool, for address demand: it takes node and pod addresses like any
 * other pool. Undefined on other clouds.
 */
export function systemPoolDemand(draft: Draft): ResolvedNodePool | undefined {
  if (!draft.azure) return undefined;
  const { min, max, machineType, maxPods, diskSizeGiB } = draft.azure.systemPool;
  return {
    name: 'system',
    machineType,
    sizeScope: 'total',
    ...countsInBothScopes('total', { min, max, desired: min }, draft.zoneCount),
    labels: {},
    taints: [],
    maxPods,
    diskSizeGiB,
    spot: false,
  };
}
