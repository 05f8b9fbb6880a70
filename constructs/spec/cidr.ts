import { IPv4, IPv4CidrRange, IPv4Prefix, Validator } from 'ip-num';

/**
 * Thin, string-in string-out helpers over the ip-num library, so that the rest of the spec code
 * never does address arithmetic by hand. IPv4 only: every cloud here plans IPv4 clusters.
 */

/** A parsed CIDR with its first and last address as numbers. */
interface ParsedRange {
  readonly range: IPv4CidrRange;
  readonly first: bigint;
  readonly last: bigint;
}

/**
 * Parsed ranges by CIDR string. ip-num's parsing was half of validation's time in a large fleet,
 * where every cluster checks the same handful of ranges (RFC 1918, metadata, defaults) many times;
 * its ranges are immutable, so sharing them is safe. Bounded so that a long-lived process cannot
 * grow it without limit.
 */
const parsedRanges = new Map<string, ParsedRange>();
const PARSED_RANGES_LIMIT = 10_000;
/** CIDR strings `cidrProblem` found usable, for the same reason. */
const usableCidrs = new Set<string>();

/** The parsed range of a CIDR in valid notation (throws otherwise, like ip-num). */
function parsed(cidr: string): ParsedRange {
  let entry = parsedRanges.get(cidr);
  if (entry === undefined) {
    const range = IPv4CidrRange.fromCidr(cidr);
    entry = { range, first: range.getFirst().getValue(), last: range.getLast().getValue() };
    if (parsedRanges.size >= PARSED_RANGES_LIMIT) parsedRanges.clear();
    parsedRanges.set(cidr, entry);
  }
  return entry;
}

/** The ip-num range of a CIDR in valid notation. */
const rangeOf = (cidr: string): IPv4CidrRange => parsed(cidr).range;

/** Why a string is not a usable CIDR, or undefined when it is one (host bits zero). */
export function cidrProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'is not a CIDR string';
  if (usableCidrs.has(value)) return undefined;
  const [syntaxOk, syntaxErrors] = Validator.isValidIPv4CidrNotation(value);
  if (!syntaxOk) return `is not an IPv4 CIDR (${syntaxErrors[0] ?? 'bad notation'})`;
  const [rangeOk] = Validator.isValidIPv4CidrRange(value);
  if (!rangeOk) return `has host bits set (the range starts at ${canonicalCidr(value)})`;
  if (usableCidrs.size >= PARSED_RANGES_LIMIT) usableCidrs.clear();
  usableCidrs.add(value);
  return undefined;
}

/** `10.0.0.1/16` -> `10.0.0.0/16`. The input must be valid notation. */
export function canonicalCidr(cidr: string): string {
  const range = rangeOf(cidr);
  return `${range.getFirst().toString()}/${prefixOf(cidr)}`;
}

/** The prefix length of a CIDR. */
export function prefixOf(cidr: string): number {
  return Number(rangeOf(cidr).getPrefix().getValue());
}

/** Number of addresses in a CIDR. */
export function cidrSize(cidr: string): bigint {
  return rangeOf(cidr).getSize();
}

/** Addresses in a block of the given prefix length. */
export function blockSize(prefix: number): bigint {
  return 2n ** BigInt(32 - prefix);
}

/** Whether two CIDRs share any address. */
export function cidrsOverlap(a: string, b: string): boolean {
  // Compared by first and last address (taken from ip-num once per CIDR): inclusive bounds.
  const [x, y] = [parsed(a), parsed(b)];
  return x.first <= y.last && y.first <= x.last;
}

/** Whether `inner` lies entirely inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const [o, i] = [parsed(outer), parsed(inner)];
  return o.first <= i.first && i.last <= o.last;
}

/** Whether an address (dotted quad) lies inside a CIDR. */
export function cidrContainsAddress(cidr: string, address: string): boolean {
  return rangeOf(cidr).contains(IPv4.fromString(address));
}

/** Whether a string is a dotted-quad IPv4 address. */
export function isIPv4Address(value: string): boolean {
  return Validator.isValidIPv4String(value)[0];
}

/**
 * The `index`-th block of length `prefix` inside `parent`, counting from the parent's first
 * address; undefined when it does not fit.
 */
export function subnetAt(parent: string, prefix: number, index: number): string | undefined {
  const range = rangeOf(parent);
  const parentPrefix = Number(range.getPrefix().getValue());
  if (prefix < parentPrefix || prefix > 32 || index < 0) return undefined;
  const offset = BigInt(index) * blockSize(prefix);
  if (offset + blockSize(prefix) > range.getSize()) return undefined;
  const first = IPv4.fromNumber(range.getFirst().getValue() + offset);
  return new IPv4CidrRange(first, IPv4Prefix.fromNumber(BigInt(prefix))).toCidrString();
}

/** The address `n` places after the first address of a CIDR (0 = the network address). */
export function nthAddress(cidr: string, n: number): string {
  const range = rangeOf(cidr);
  return IPv4.fromNumber(range.getFirst().getValue() + BigInt(n)).toString();
}

/**
 * The first block of length `prefix` inside any of `pools` that overlaps none of `taken`:
 * used to suggest a fix in validation messages.
 */
export function firstFreeBlock(
  prefix: number,
  pools: readonly string[],
  taken: readonly string[],
): string | undefined {
  for (const pool of pools) {
    if (prefix < prefixOf(pool)) continue;
    const count = Number(cidrSize(pool) / blockSize(prefix));
    // Step through candidates a whole taken block at a time to stay fast for large pools.
    for (let i = 0; i < count; i++) {
      const candidate = subnetAt(pool, prefix, i);
      if (candidate === undefined) break;
      const clash = taken.find((t) => cidrsOverlap(t, candidate));
      if (clash === undefined) return candidate;
      const skipTo = Number(
        (rangeOf(clash).getLast().getValue() - rangeOf(pool).getFirst().getValue()) /
          blockSize(prefix),
      );
      if (skipTo > i) i = skipTo;
    }
  }
  return undefined;
}

/** RFC 1918 private ranges. */
export const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

/** Ranges that are never public internet addresses (private, shared, loopback, link-local, ...). */
export const NON_PUBLIC = [
  '0.0.0.0/8',
  ...RFC1918,
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
] as const;

/** Where suggestions for private ranges come from, most conventional first. */
export const SUGGESTION_POOLS = ['100.64.0.0/10', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;
