import {
  cidrContains,
  cidrProblem,
  cidrsOverlap,
  firstFreeBlock,
  prefixOf,
  RFC1918,
  SUGGESTION_POOLS,
} from '../cidr';
import type { Draft } from '../draft';
import type { Rule, RuleContext } from './context';

/** A named address range of the cluster. */
interface Range {
  readonly path: string;
  readonly cidr: string;
}

/** Ranges AKS refuses for services and pods. */
const AKS_FORBIDDEN = ['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24'] as const;

/** Where a replacement for a clashing range is looked for: ranges the cloud accepts there. */
function suggestionPools(cloud: Draft['cloud'], path: string): readonly string[] {
  if (path === 'network.podCidr') return SUGGESTION_POOLS;
  if (path === 'network.controlPlaneCidr' || (path === 'network.serviceCidr' && cloud === 'aws')) {
    return ['172.16.0.0/12', '10.0.0.0/8', '192.168.0.0/16'];
  }
  return ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
}

/** VPC/VNet prefix bounds per cloud. */
const VPC_PREFIX = { aws: [16, 28], gcp: [8, 29], azure: [8, 29] } as const;

/** Whether the CNI mode gives pods their own range (unknown mode: assume yes, to check it). */
export function hasPodRange(ctx: RuleContext): boolean {
  return ctx.cell === undefined || ctx.cell.podAddressing === 'pod-range';
}

/** The ranges this cluster uses, valid ones only, in blame order (earlier ones are kept). */
export function clusterRanges(ctx: RuleContext): Range[] {
  const { draft } = ctx;
  const ranges: Range[] = [{ path: 'network.vpcCidr', cidr: draft.vpcCidr }];
  if (hasPodRange(ctx)) ranges.push({ path: 'network.podCidr', cidr: draft.podCidr });
  ranges.push({ path: 'network.serviceCidr', cidr: draft.serviceCidr });
  if (draft.cloud === 'gcp') ranges.push({ path: 'network.controlPlaneCidr', cidr: draft.controlPlaneCidr });
  return ranges.filter((r) => cidrProblem(r.cidr) === undefined);
}

export const cidrSyntaxRule: Rule = (ctx) => {
  const { draft, problems } = ctx;
  const check = (path: string, value: string): void => {
    const problem = cidrProblem(value);
    if (problem) problems.add(path, value, problem, 'write an IPv4 CIDR whose address is the first of its range, e.g. 10.0.0.0/16');
  };
  check('network.vpcCidr', draft.vpcCidr);
  check('network.serviceCidr', draft.serviceCidr);
  if (hasPodRange(ctx)) check('network.podCidr', draft.podCidr);
  if (draft.cloud === 'gcp') check('network.controlPlaneCidr', draft.controlPlaneCidr);
};

export const unusedRangesRule: Rule = (ctx) => {
  const { draft, problems, cell } = ctx;
  const written = draft.spec.network;
  if (cell && cell.podAddressing === 'vpc' && written?.podCidr !== undefined) {
    problems.add(
      'network.podCidr',
      written.podCidr,
      `is not used: pods take VPC addresses with ${cell.kind} mode ${cell.mode}`,
      'remove network.podCidr, or choose an overlay mode',
    );
  }
  if (draft.cloud !== 'gcp' && written?.controlPlaneCidr !== undefined) {
    problems.add('network.controlPlaneCidr', written.controlPlaneCidr, `is only used by GKE, not ${draft.cloud}`, 'remove network.controlPlaneCidr');
  }
};

export const disjointRangesRule: Rule = (ctx) => {
  const ranges = clusterRanges(ctx);
  ranges.forEach((range, i) => {
    const clash = ranges.slice(0, i).find((earlier) => cidrsOverlap(earlier.cidr, range.cidr));
    if (!clash) return;
    const others = ranges.filter((r) => r !== range).map((r) => r.cidr);
    const suggestion = firstFreeBlock(prefixOf(range.cidr), suggestionPools(ctx.draft.cloud, range.path), others);
    ctx.problems.add(
      range.path,
      range.cidr,
      `overlaps ${clash.path} ${clash.cidr}`,
      suggestion ? `choose a disjoint range such as ${suggestion}` : 'choose a disjoint range',
    );
  });
};

export const vpcRule: Rule = ({ draft, problems }) => {
  if (cidrProblem(draft.vpcCidr)) return;
  const [widest, narrowest] = VPC_PREFIX[draft.cloud];
  const prefix = prefixOf(draft.vpcCidr);
  if (prefix < widest || prefix > narrowest) {
    problems.add('network.vpcCidr', draft.vpcCidr, `has prefix /${prefix}; ${draft.cloud} accepts /${widest} to /${narrowest}`, `use a prefix from /${widest} to /${narrowest}, e.g. /16`);
  }
};

export const serviceRangeRule: Rule = ({ draft, problems }) => {
  const cidr = draft.serviceCidr;
  if (cidrProblem(cidr)) return;
  const prefix = prefixOf(cidr);
  if (prefix > 28) {
    problems.add('network.serviceCidr', cidr, `has prefix /${prefix}, too small for the cluster DNS service at its tenth address and the services beside it`, 'use a /16 to /24, e.g. 172.20.0.0/16');
  }
  if (draft.cloud === 'aws') {
    if (!RFC1918.some((r) => cidrContains(r, cidr))) {
      problems.add('network.serviceCidr', cidr, 'is not inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, as EKS requires', 'use a private range such as 172.20.0.0/16');
    }
    if (prefix < 12 || prefix > 24) {
      problems.add('network.serviceCidr', cidr, `has prefix /${prefix}; EKS accepts /12 to /24`, 'use a prefix from /12 to /24, e.g. /16');
    }
  }
  if (draft.cloud === 'azure') {
    aksForbidden('network.serviceCidr', cidr, problems);
    if (prefix < 12) problems.add('network.serviceCidr', cidr, `has prefix /${prefix}; AKS accepts /12 or smaller`, 'use a prefix of /12 or longer, e.g. /16');
  }
  if (draft.cloud === 'gcp' && (prefix < 16 || prefix > 27)) {
    problems.add('network.serviceCidr', cidr, `has prefix /${prefix}; GKE service ranges are /16 to /27`, 'use a prefix from /16 to /27, e.g. /20');
  }
};

function aksForbidden(path: string, cidr: string, problems: RuleContext['problems']): void {
  const forbidden = AKS_FORBIDDEN.find((f) => cidrsOverlap(f, cidr));
  if (forbidden) {
    problems.add(path, cidr, `overlaps ${forbidden}, which AKS reserves`, 'choose a range outside 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24');
  }
}

export const podRangeRule: Rule = (ctx) => {
  const { draft, problems } = ctx;
  if (!hasPodRange(ctx) || cidrProblem(draft.podCidr)) return;
  if (draft.cloud === 'azure') aksForbidden('network.podCidr', draft.podCidr, problems);
};

export const controlPlaneRangeRule: Rule = ({ draft, problems }) => {
  if (draft.cloud !== 'gcp' || cidrProblem(draft.controlPlaneCidr)) return;
  const cidr = draft.controlPlaneCidr;
  if (prefixOf(cidr) !== 28) {
    problems.add('network.controlPlaneCidr', cidr, `has prefix /${prefixOf(cidr)}; GKE's control-plane range is exactly /28`, `use a /28 such as ${cidr.split('/')[0]}/28`);
  }
  if (!RFC1918.some((r) => cidrContains(r, cidr))) {
    problems.add('network.controlPlaneCidr', cidr, 'is not a private (RFC 1918) range, as GKE requires', 'use a private /28 such as 172.16.0.0/28');
  }
};

/** Subnet prefix bounds: [widest, narrowest] per layout field and cloud. */
export function subnetPrefixBounds(draft: Draft): { path: string; value: number; widest: number; narrowest: number }[] {
  const vpc = cidrProblem(draft.vpcCidr) ? 8 : prefixOf(draft.vpcCidr);
  const s = draft.subnets;
  switch (draft.cloud) {
    case 'aws':
      return [
        { path: 'network.subnets.privatePrefix', value: s.privatePrefix, widest: Math.max(vpc, 16), narrowest: 28 },
        { path: 'network.subnets.publicPrefix', value: s.publicPrefix, widest: Math.max(vpc, 16), narrowest: 28 },
      ];
    case 'gcp':
      return [
        { path: 'network.subnets.nodePrefix', value: s.nodePrefix, widest: Math.max(vpc, 8), narrowest: 29 },
        // Google's bounds for a proxy-only subnet; only checked when the subnet is planned.
        ...(draft.ingress.proxyOnlySubnet ? [{ path: 'network.subnets.proxyOnlyPrefix', value: s.proxyOnlyPrefix, widest: Math.max(vpc, 8), narrowest: 26 }] : []),
      ];
    case 'azure':
      return [
        { path: 'network.subnets.nodePrefix', value: s.nodePrefix, widest: vpc, narrowest: 29 },
        { path: 'network.subnets.apiServerPrefix', value: s.apiServerPrefix, widest: vpc, narrowest: 28 },
      ];
  }
}

export const subnetPrefixRule: Rule = ({ draft, problems }) => {
  for (const bound of subnetPrefixBounds(draft)) {
    if (bound.value < bound.widest || bound.value > bound.narrowest) {
      problems.add(bound.path, bound.value, `is outside /${bound.widest} to /${bound.narrowest} for this VPC range on ${draft.cloud}`, `use a prefix from ${bound.widest} to ${bound.narrowest}`);
    }
  }
};
