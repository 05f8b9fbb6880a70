import { blockSize, cidrSize, subnetAt } from './cidr';
import type { Cloud, SubnetLayoutSpec } from './types';

/**
 * Subnet planning. The VPC range is cut into one block per subnet role, in a fixed role order;
 * each block has room for `ZONE_SLOTS` zones (zonal roles) or one subnet (regional roles). A
 * subnet's address depends only on its role, its zone position and the prefixes of the roles
 * before it, so adding a zone or a node pool never renumbers an existing subnet, and roles added
 * by later features are appended after the existing blocks.
 */

/** Zones a VPC plan leaves room for; AWS regions rarely offer more usable zones. */
export const ZONE_SLOTS = 4;

/** Subnet roles in planning order. Append new roles; never reorder (it renumbers subnets). */
export type SubnetRole = 'private' | 'public' | 'nodes' | 'api-server' | 'proxy-only';

/** Addresses each cloud keeps for itself in every subnet. */
export const RESERVED_ADDRESSES: { readonly [C in Cloud]: number } = { aws: 5, gcp: 4, azure: 5 };

/** One role's block: `slots` subnets of length `prefix`. */
export interface SubnetBlock {
  /** What the subnets of the block are for. */
  readonly role: SubnetRole;
  /** The prefix length of each subnet. */
  readonly prefix: number;
  /** `zonal` roles get one subnet per zone; `regional` roles one subnet. */
  readonly scope: 'zonal' | 'regional';
}

/** The subnets of one cluster. Zonal roles list one CIDR per zone, in zone order. */
export interface SubnetPlan {
  /** AWS: node subnets per zone. */
  readonly private: readonly string[];
  /** AWS: load balancer and NAT subnets per zone. */
  readonly public: readonly string[];
  /** GCP and Azure: the regional node subnet. */
  readonly nodes?: string;
  /** Azure: the API server VNet-integration subnet. */
  readonly apiServer?: string;
  /** GCP: the proxy-only subnet of regional Gateways, when one is in use. */
  readonly proxyOnly?: string;
}

/**
 * The blocks a cloud plans, in order. Optional roles (GCP's proxy-only subnet) come last, so
 * turning one on later never moves the subnets before it.
 */
export function subnetBlocks(cloud: Cloud, layout: Required<SubnetLayoutSpec>, options: { readonly proxyOnly?: boolean } = {}): readonly SubnetBlock[] {
  switch (cloud) {
    case 'aws':
      return [
        { role: 'private', prefix: layout.privatePrefix, scope: 'zonal' },
        { role: 'public', prefix: layout.publicPrefix, scope: 'zonal' },
      ];
    case 'gcp':
      return [
        { role: 'nodes', prefix: layout.nodePrefix, scope: 'regional' },
        ...(options.proxyOnly ? [{ role: 'proxy-only', prefix: layout.proxyOnlyPrefix, scope: 'regional' } as const] : []),
      ];
    case 'azure':
      return [
        { role: 'nodes', prefix: layout.nodePrefix, scope: 'regional' },
        { role: 'api-server', prefix: layout.apiServerPrefix, scope: 'regional' },
      ];
  }
}

/** Where each block starts, or the first block that does not fit. */
interface Placement {
  readonly starts: ReadonlyMap<SubnetRole, number>;
  readonly overflow?: { readonly role: SubnetRole; readonly needed: bigint };
}

/** Places blocks one after another, each aligned to its subnet size. */
function place(vpcCidr: string, blocks: readonly SubnetBlock[]): Placement {
  const total = cidrSize(vpcCidr);
  const starts = new Map<SubnetRole, number>();
  let cursor = 0n;
  for (const block of blocks) {
    const size = blockSize(block.prefix);
    const aligned = ((cursor + size - 1n) / size) * size;
    const slots = BigInt(block.scope === 'zonal' ? ZONE_SLOTS : 1);
    const end = aligned + slots * size;
    if (end > total) return { starts, overflow: { role: block.role, needed: end } };
    starts.set(block.role, Number(aligned / size));
    cursor = end;
  }
  return { starts };
}

/** The outcome of planning: the plan, or why the layout does not fit the VPC. */
export type PlanResult =
  | {
      /** The layout fits. */
      readonly ok: true;
      /** The planned subnets. */
      readonly plan: SubnetPlan;
    }
  | {
      /** The layout does not fit the VPC. */
      readonly ok: false;
      /** The first role that found no room. */
      readonly role: SubnetRole;
      /** Addresses the layout needs up to and including that role. */
      readonly neededAddresses: bigint;
    };

/** Plans the subnets of a cluster with `zoneCount` zones (at most `ZONE_SLOTS`). */
export function planSubnets(vpcCidr: string, blocks: readonly SubnetBlock[], zoneCount: number): PlanResult {
  const placement = place(vpcCidr, blocks);
  if (placement.overflow) {
    return { ok: false, role: placement.overflow.role, neededAddresses: placement.overflow.needed };
  }
  const cidrsOf = (role: SubnetRole): string[] => {
    const block = blocks.find((b) => b.role === role);
    const start = placement.starts.get(role);
    if (block === undefined || start === undefined) return [];
    const count = block.scope === 'zonal' ? Math.min(zoneCount, ZONE_SLOTS) : 1;
    return Array.from({ length: count }, (_, zone) => subnetAt(vpcCidr, block.prefix, start + zone)!);
  };
  const nodes = cidrsOf('nodes')[0];
  const apiServer = cidrsOf('api-server')[0];
  const proxyOnly = cidrsOf('proxy-only')[0];
  return {
    ok: true,
    plan: {
      private: cidrsOf('private'),
      public: cidrsOf('public'),
      ...(nodes === undefined ? {} : { nodes }),
      ...(apiServer === undefined ? {} : { apiServer }),
      ...(proxyOnly === undefined ? {} : { proxyOnly }),
    },
  };
}

/** Usable addresses of a subnet on a cloud. */
export function usableAddresses(cloud: Cloud, prefix: number): number {
  return Number(blockSize(prefix)) - RESERVED_ADDRESSES[cloud];
}

/** The smallest VPC prefix that holds the blocks (for fix suggestions). */
export function smallestVpcPrefix(blocks: readonly SubnetBlock[]): number {
  for (let prefix = 28; prefix >= 8; prefix--) {
    if (!place(`0.0.0.0/${prefix}`, blocks).overflow) return prefix;
  }
  return 8;
}
