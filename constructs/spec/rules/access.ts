import { cidrContains, cidrProblem, cidrsOverlap, NON_PUBLIC, prefixOf, RFC1918 } from '../cidr';
import type { Cloud } from '../types';
import type { ProblemList } from '../problems';
import type { Rule } from './context';
import { GUID } from './patterns';

/** Principal formats per cloud. */
const PRINCIPALS: { readonly [C in Cloud]: { readonly pattern: RegExp; readonly text: string; readonly example: string } } = {
  aws: {
    pattern: /^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/,
    text: 'an IAM role or user ARN',
    example: 'arn:aws:iam::123456789012:role/platform-admins',
  },
  gcp: {
    pattern: /^(user|group|serviceAccount):[^\s@]+@[^\s@]+\.[^\s@]+$/,
    text: 'an IAM member (user:, group: or serviceAccount: followed by an e-mail)',
    example: 'group:platform@example.com',
  },
  azure: { pattern: GUID, text: 'an Entra object id (a GUID)', example: '00000000-0000-0000-0000-000000000000' },
};

/** How many CIDRs each cloud accepts on the public endpoint. */
const MAX_PUBLIC_CIDRS: { readonly [C in Cloud]: number } = { aws: 40, gcp: 50, azure: 200 };

export const adminsRule: Rule = ({ draft, problems }) => {
  const format = PRINCIPALS[draft.cloud];
  draft.admins.forEach((admin, i) => {
    if (!format.pattern.test(admin)) {
      problems.add(`access.admins[${i}]`, admin, `is not ${format.text}`, `use e.g. ${format.example}`);
    }
    if (draft.admins.indexOf(admin) !== i) problems.add(`access.admins[${i}]`, admin, 'is listed twice', 'list each admin once');
  });
  const principal = draft.deployerPrincipal;
  if (principal !== undefined && !format.pattern.test(principal)) {
    problems.add('access.deployer.principal', principal, `is not ${format.text}`, `use e.g. ${format.example}`);
  }
};

export const deployerCidrsRule: Rule = ({ draft, problems }) => {
  const network = draft.deployerNetwork;
  if (network.from === 'network') {
    privateCidrsRule(network.privateCidrs, problems);
    return;
  }
  if (network.cidrs.length === 0) {
    problems.add('access.deployer.network.cidrs', [], 'is empty, so nothing could reach the public endpoint', "list the deployer's public CIDRs, or use { from: 'network' }");
  }
  const max = MAX_PUBLIC_CIDRS[draft.cloud];
  if (network.cidrs.length > max) {
    problems.add('access.deployer.network.cidrs', network.cidrs.length, `lists more than the ${max} CIDRs ${draft.cloud} accepts on the API endpoint`, 'merge ranges, or deploy from inside the network');
  }
  network.cidrs.forEach((cidr, i) => {
    const path = `access.deployer.network.cidrs[${i}]`;
    const problem = cidrProblem(cidr);
    if (problem) {
      problems.add(path, cidr, problem, "write an IPv4 CIDR of the deployer's public address, e.g. 81.2.69.160/32");
      return;
    }
    if (prefixOf(cidr) === 0) {
      problems.add(path, cidr, 'would open the API endpoint to the whole internet', "list the deployer's own public addresses, or use { from: 'network' }");
    } else if (prefixOf(cidr) < 8) {
      problems.add(path, cidr, 'opens the API endpoint to a large part of the internet', "list the deployer's own public addresses (a /8 at the widest)");
    } else if (NON_PUBLIC.some((r) => cidrsOverlap(r, cidr))) {
      problems.add(path, cidr, 'is not a public range; the public endpoint only sees public addresses', "deployers inside the network use { from: 'network' } (private endpoint)");
    }
  });
};

/** Where VPCs and VNets take their addresses: RFC 1918 and the shared (CGNAT) range. */
const PRIVATE_RANGES = [...RFC1918, '100.64.0.0/10'];

/** The deployer's private ranges: real private CIDRs, never the internet. */
function privateCidrsRule(cidrs: readonly string[] | undefined, problems: ProblemList): void {
  if (cidrs === undefined) return;
  if (cidrs.length === 0) {
    problems.add('access.deployer.network.privateCidrs', [], 'is empty, so no runner could reach the private endpoint', 'list the runner ranges, or leave privateCidrs out to admit the VPC range');
  }
  cidrs.forEach((cidr, i) => {
    const path = `access.deployer.network.privateCidrs[${i}]`;
    const problem = cidrProblem(cidr);
    if (problem) problems.add(path, cidr, problem, 'write an IPv4 CIDR of the runner subnet, e.g. 10.50.0.0/24');
    else if (!PRIVATE_RANGES.some((range) => cidrContains(range, cidr))) {
      problems.add(path, cidr, 'is not a private range; the private endpoint is reached from inside the network', "list the runners' private ranges, or use { from: 'cidrs' } for public addresses");
    }
  });
}
