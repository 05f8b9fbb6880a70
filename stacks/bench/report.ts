import { cpus } from 'node:os';

/**
 * The bench's arithmetic and its Markdown: pure functions over measured rows, kept apart from
 * the process spawning in main.ts so that tests can check them without running anything.
 */

/** The fleet-scale budget (issue 11): at `clusters` clusters, on a 2-core machine. */
export const BUDGET = { clusters: 50, wallSeconds: 3, peakMiB: 400, speedUp: 4 } as const;

/** The medians of a size's runs, for one of the two apps. */
export interface Measured {
  /** cdktf stacks the app synthesized. */
  readonly stacks: number;
  /** Median wall time from spawn to exit, seconds. */
  readonly wallSeconds: number;
  /** Median peak resident set of the app process, MiB. */
  readonly peakMiB: number;
}

/** One row of the table: one fleet size through both apps. */
export interface BenchRow {
  /** Clusters in the fleet. */
  readonly clusters: number;
  /** The app as written: deep provider imports. */
  readonly deep: Measured;
  /** The same app with the provider package roots loaded first. */
  readonly baseline: Measured;
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** How many times slower the baseline is. */
export const speedUp = (row: BenchRow): number => row.baseline.wallSeconds / row.deep.wallSeconds;

/**
 * The Markdown table, rows sorted by fleet size. Two per-cluster columns: total/n (wall time
 * over clusters, which includes the fixed start-up cost) and marginal (the extra wall time per
 * cluster over the smallest fleet, (t(n) - t(n0)) / (n - n0): what one more cluster costs).
 */
export function formatTable(rows: readonly BenchRow[]): string {
  const sorted = [...rows].sort((a, b) => a.clusters - b.clusters);
  const smallest = sorted[0];
  const marginal = (row: BenchRow): string =>
    smallest !== undefined && row.clusters > smallest.clusters
      ? (((row.deep.wallSeconds - smallest.deep.wallSeconds) * 1000) / (row.clusters - smallest.clusters)).toFixed(0)
      : '–';
  const cells = (row: BenchRow): string[] => [
    String(row.clusters),
    String(row.deep.stacks),
    row.deep.wallSeconds.toFixed(2),
    row.deep.peakMiB.toFixed(0),
    ((row.deep.wallSeconds * 1000) / row.clusters).toFixed(0),
    marginal(row),
    row.baseline.wallSeconds.toFixed(2),
    row.baseline.peakMiB.toFixed(0),
    `${speedUp(row).toFixed(1)}×`,
  ];
  return [
    '| clusters | stacks | wall s | peak MiB | ms/cluster (total/n) | ms/cluster (marginal) | baseline wall s | baseline peak MiB | speed-up |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...sorted.map((row) => `| ${cells(row).join(' | ')} |`),
  ].join('\n');
}

/** What the budget row misses, one sentence each; empty when the budget holds. */
export function budgetMisses(rows: readonly BenchRow[]): string[] {
  const row = rows.find((r) => r.clusters === BUDGET.clusters);
  if (row === undefined) return [`no ${BUDGET.clusters}-cluster run: include ${BUDGET.clusters} in --sizes to check the budget`];
  const misses: string[] = [];
  if (row.deep.wallSeconds >= BUDGET.wallSeconds) misses.push(`wall time ${row.deep.wallSeconds.toFixed(2)} s is not under ${BUDGET.wallSeconds} s`);
  if (row.deep.peakMiB >= BUDGET.peakMiB) misses.push(`peak memory ${row.deep.peakMiB.toFixed(0)} MiB is not under ${BUDGET.peakMiB} MiB`);
  if (speedUp(row) < BUDGET.speedUp) misses.push(`speed-up over the package-root baseline ${speedUp(row).toFixed(1)}× is under ${BUDGET.speedUp}×`);
  return misses;
}

/** `Intel(R) Xeon(R) Processor, 2 cores, node v20.20.2, linux/x64`. */
export function machineDescription(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, node ${process.version}, ${process.platform}/${process.arch}`;
}
