import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { Construct } from 'constructs';
import type { ResolvedCluster, ResolvedNodePool, TaintSpec } from '../spec';
import { SURGE_NODES_PER_ZONE } from '../spec/capacity';
import { UPPER_SNAKE_TAINT_EFFECTS } from '../taints';
import { NODE_HARDENING } from './gke-cluster';

/** A spec taint as a GKE node pool taint (GKE requires a value; none is the empty string). */
export function gkeTaint(taint: TaintSpec): {
  /** The taint key. */
  key: string;
  /** The taint value; empty when the spec gives none. */
  value: string;
  /** The effect in GKE's spelling, e.g. `NO_SCHEDULE`. */
  effect: string;
} {
  return { key: taint.key, value: taint.value ?? '', effect: UPPER_SNAKE_TAINT_EFFECTS[taint.effect] };
}

/**
 * GKE counts autoscaling limits and the initial size per zone. The resolved pool carries both
 * scopes: a `total` spec pool is divided by the zone count and rounded up (min 3, max 6 over three
 * zones become 1..2 per zone), a `perZone` spec pool is taken as written. The pool spans exactly
 * the cluster's `zoneCount` zones (see nodeZones), so per zone × zones is the pool's total.
 */
export function gkeAutoscaling(pool: ResolvedNodePool): {
  /** Minimum nodes per zone. */
  minNodeCount: number;
  /** Maximum nodes per zone. */
  maxNodeCount: number;
  /** Nodes per zone at creation. */
  initialNodeCount: number;
} {
  return { minNodeCount: pool.perZone.min, maxNodeCount: pool.perZone.max, initialNodeCount: pool.perZone.desired };
}

/**
 * The construct id of a pool: `general` → `PoolGeneral`, `gpu-a100` → `PoolGpuA100`. Only a
 * hyphen before a letter turns into an upper-case letter (pool names are lower case), others stay,
 * so two pool names never share an id (`pool-1-2` → `PoolPool-1-2`, `pool-12` → `PoolPool-12`).
 * The id is the pool's Terraform address: it follows the pool name, which GKE cannot change anyway.
 */
export function nodePoolId(name: string): string {
  return `Pool${name.replace(/^[a-z]/, (c) => c.toUpperCase()).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}`;
}

/** Nodes added during an upgrade before old ones go; capacity planning counts one per zone. */
export const UPGRADE_SURGE = { strategy: 'SURGE', maxSurge: SURGE_NODES_PER_ZONE, maxUnavailable: 0 } as const;

/** Properties of `NodePools`. */
export interface NodePoolsProps {
  /** The resolved cluster: the only input. */
  readonly cluster: ResolvedCluster;
  /** The GKE cluster's id (a cross-stack reference from the cluster stack). */
  readonly clusterId: string;
  /** The dedicated node service account's e-mail. */
  readonly serviceAccount: string;
  /** The zones the pools span (see nodeZones). */
  readonly nodeZones: string[];
  /** The network tag the control-plane firewall rule targets. */
  readonly nodeTag: string;
}

/**
 * One GKE node pool per spec pool, all with the hardened node settings (shielded nodes with
 * secure boot and integrity monitoring, GKE metadata server, COS, the dedicated service account,
 * kubelet read-only port off), auto repair and auto upgrade, and the cluster autoscaler between
 * the per-zone limits. Construct ids and pool names come from the spec's pool names: renaming a
 * pool replaces it (GKE cannot rename pools).
 */
export class NodePools extends Construct {
  /** One node pool per spec pool, in spec order. */
  readonly pools: ContainerNodePool[];

  constructor(scope: Construct, id: string, props: NodePoolsProps) {
    super(scope, id);
    const { cluster } = props;
    this.pools = cluster.nodePools.map((pool) => {
      const scaling = gkeAutoscaling(pool);
      return new ContainerNodePool(this, nodePoolId(pool.name), {
        name: pool.name,
        cluster: props.clusterId,
        location: cluster.region,
        nodeLocations: props.nodeZones,
        initialNodeCount: scaling.initialNodeCount,
        autoscaling: { minNodeCount: scaling.minNodeCount, maxNodeCount: scaling.maxNodeCount, locationPolicy: 'BALANCED' },
        maxPodsPerNode: pool.maxPods,
        management: { autoRepair: true, autoUpgrade: true },
        upgradeSettings: { ...UPGRADE_SURGE },
        nodeConfig: {
          ...NODE_HARDENING,
          oauthScopes: [...NODE_HARDENING.oauthScopes],
          serviceAccount: props.serviceAccount,
          machineType: pool.machineType,
          diskSizeGb: pool.diskSizeGiB,
          diskType: 'pd-balanced',
          spot: pool.spot,
          labels: { ...pool.labels },
          taint: pool.taints.map(gkeTaint),
          tags: [props.nodeTag],
          resourceLabels: { ...cluster.tags },
          kubeletConfig: { insecureKubeletReadonlyPortEnabled: 'FALSE' },
        },
        // The autoscaler owns the size after creation; initial_node_count would replace the pool.
        lifecycle: { ignoreChanges: ['initial_node_count', 'node_count'] },
      });
    });
  }
}
