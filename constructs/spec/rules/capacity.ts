import { blockSize, cidrProblem, cidrSize, prefixOf } from '../cidr';
import { planSubnets, smallestVpcPrefix, subnetBlocks, usableAddresses } from '../cidr-plan';
import { podRangeDemand, regionalSubnetDemand, zonalSubnetDemand } from '../capacity';
import { systemPoolDemand } from '../node-pools';
import type { ResolvedNodePool } from '../resolved';
import type { Rule, RuleContext } from './context';
import { subnetPrefixBounds } from './network';

/** The longest prefix whose block holds `addresses` usable addresses after `reserved`. */
function prefixFor(addresses: bigint, reserved = 0): number {
  let prefix = 32;
  while (prefix > 0 && blockSize(prefix) - BigInt(reserved) < addresses) prefix--;
  return prefix;
}

/** Every pool that takes addresses: the spec's pools and, on AKS, the system pool. */
function demandPools({ draft, pools }: RuleContext): ResolvedNodePool[] {
  const system = systemPoolDemand(draft);
  return [...pools, ...(system ? [system] : [])];
}

/** Whether the inputs the capacity checks read are valid; otherwise other rules report them. */
function checkable(ctx: RuleContext): boolean {
  const { draft } = ctx;
  const system = draft.azure?.systemPool;
  const poolsValid =
    draft.nodePools.every((p) => p.counts.min <= p.counts.max && p.maxPods >= 1) && (!system || system.min <= system.max);
  const prefixesValid = subnetPrefixBounds(draft).every((b) => b.value >= b.widest && b.value <= b.narrowest);
  return ctx.cell !== undefined && cidrProblem(draft.vpcCidr) === undefined && poolsValid && prefixesValid && draft.zoneCount >= 1;
}

export const subnetPlanRule: Rule = (ctx) => {
  if (!checkable(ctx)) return;
  const { draft, problems } = ctx;
  const blocks = subnetBlocks(draft.cloud, draft.subnets, { proxyOnly: draft.ingress.proxyOnlySubnet });
  const result = planSubnets(draft.vpcCidr, blocks, draft.zoneCount);
  if (!result.ok) {
    problems.add(
      'network.vpcCidr',
      draft.vpcCidr,
      `cannot hold the subnet layout (the ${result.role} subnets end ${result.neededAddresses} addresses into a range of ${cidrSize(draft.vpcCidr)})`,
      `use a /${smallestVpcPrefix(blocks)} or wider range, or longer prefixes under network.subnets`,
    );
  }
};

export const nodeCapacityRule: Rule = (ctx) => {
  if (!checkable(ctx)) return;
  const { draft, problems, cell } = ctx;
  const pools = demandPools(ctx);
  const s = draft.subnets;
  const short = (path: string, prefix: number, have: number, need: number, what: string): void => {
    problems.add(
      path,
      prefix,
      `gives ${have} usable addresses, fewer than the ${need} that ${what} need at peak (max nodes plus one surge node per zone${cell!.podAddressing === 'vpc' ? ', each with its pods' : ''})`,
      `use /${prefixFor(BigInt(need), have === 0 ? 0 : Number(blockSize(prefix)) - have)} or wider (this renumbers the subnets), or lower nodePools max or maxPods`,
    );
  };
  if (draft.cloud === 'aws') {
    const need = zonalSubnetDemand(pools, cell!.podAddressing === 'vpc');
    const have = usableAddresses('aws', s.privatePrefix);
    if (have < need) short('network.subnets.privatePrefix', s.privatePrefix, have, need, 'the node pools of one zone');
  } else {
    const need = regionalSubnetDemand(pools, draft.zoneCount);
    const have = usableAddresses(draft.cloud, s.nodePrefix);
    if (have < need) short('network.subnets.nodePrefix', s.nodePrefix, have, need, 'the node pools');
  }
};

export const podCapacityRule: Rule = (ctx) => {
  if (!checkable(ctx)) return;
  const { draft, problems, cell } = ctx;
  if (cell!.podAddressing !== 'pod-range' || !cell!.podBlock || cidrProblem(draft.podCidr)) return;
  const need = podRangeDemand(demandPools(ctx), cell!.podBlock, draft.zoneCount);
  const have = cidrSize(draft.podCidr);
  if (have < need) {
    problems.add(
      'network.podCidr',
      draft.podCidr,
      `holds ${have} addresses, fewer than the ${need} that max nodes (plus surge) × the per-node pod block need`,
      `use a /${prefixFor(need)} or wider range (now /${prefixOf(draft.podCidr)}), or lower nodePools max or maxPods`,
    );
  }
};
