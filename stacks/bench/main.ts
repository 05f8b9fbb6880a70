import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchAppReport } from './app';
import { BUDGET, budgetMisses, formatTable, machineDescription, median, type BenchRow, type Measured } from './report';

/**
 * `npm run bench`: synthesizes bench fleets of several sizes, each run in a fresh node process
 * (lib/stacks/bench/app.js), once as the app is written (deep provider imports) and once with
 * the provider package roots loaded first (the baseline), and prints a Markdown table.
 *
 *   node lib/stacks/bench/main.js [--sizes 1,10,50,200] [--runs 3] [--check]
 *
 * `--check` exits with 1, naming what was missed, when the fleet-scale budget (BUDGET) is not
 * held. Runs go one at a time; other work on the machine shows in the wall times.
 */

const DEFAULT_SIZES: readonly number[] = [1, 10, 50, 200];
const DEFAULT_RUNS = 3;
const APP = join(__dirname, 'app.js');

interface Options {
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly check: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i === -1 ? undefined : argv[i + 1];
  };
  const sizes = (value('--sizes')?.split(',') ?? DEFAULT_SIZES.map(String)).map(Number);
  const runs = Number(value('--runs') ?? DEFAULT_RUNS);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`--sizes takes positive integers separated by commas, got ${value('--sizes')}`);
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a positive integer, got ${value('--runs')}`);
  return { sizes: [...new Set(sizes)].sort((a, b) => a - b), runs, check: argv.includes('--check') };
}

/** One app process: wall time from spawn to exit and its report. Its outdir is removed after. */
function runOnce(clusters: number, rootImports: boolean): Promise<{ wallSeconds: number; report: BenchAppReport }> {
  const outdir = mkdtempSync(join(tmpdir(), 'polycluster-bench-'));
  const args = [APP, String(clusters), outdir, ...(rootImports ? ['--root-imports'] : [])];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      rmSync(outdir, { recursive: true, force: true });
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || line === '') {
        reject(new Error(`the bench app (${clusters} clusters${rootImports ? ', root imports' : ''}) exited with ${code}: ${stderr.trim()}`));
        return;
      }
      resolve({ wallSeconds, report: JSON.parse(line) as BenchAppReport });
    });
  });
}

/** The medians of `runs` runs of one app at one size. */
async function measure(clusters: number, rootImports: boolean, runs: number): Promise<Measured> {
  const done: { wallSeconds: number; report: BenchAppReport }[] = [];
  for (let i = 0; i < runs; i++) done.push(await runOnce(clusters, rootImports));
  return {
    stacks: done[0]!.report.stacks,
    wallSeconds: median(done.map((r) => r.wallSeconds)),
    peakMiB: median(done.map((r) => r.report.maxRssKiB / 1024)),
  };
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseOptions(argv);
  console.log(`Machine: ${machineDescription()}`);
  console.log(`Median of ${options.runs} run(s) per cell, each a fresh node process, one at a time.\n`);
  const rows: BenchRow[] = [];
  for (const clusters of options.sizes) {
    const deep = await measure(clusters, false, options.runs);
    const baseline = await measure(clusters, true, options.runs);
    rows.push({ clusters, deep, baseline });
    console.error(`${clusters} clusters: ${deep.wallSeconds.toFixed(2)} s, baseline ${baseline.wallSeconds.toFixed(2)} s`);
  }
  console.log(formatTable(rows));
  console.log(
    [
      '',
      'wall s: spawn to exit of the app process (module loading, validation, constructs, cdktf synth, manifests YAML).',
      "peak MiB: the process's maximum resident set (process.resourceUsage().maxRSS).",
      `ms/cluster: total/n is wall time over clusters; marginal is the extra time per cluster over the ${rows[0]!.clusters}-cluster fleet.`,
      "baseline: the same app with the provider package roots loaded first, as an `import * as aws` of a provider package root does; speed-up = baseline wall / wall.",
    ].join('\n'),
  );
  if (!options.check) return;
  const misses = budgetMisses(rows);
  if (misses.length === 0) {
    console.log(`\nBudget held at ${BUDGET.clusters} clusters: under ${BUDGET.wallSeconds} s and ${BUDGET.peakMiB} MiB, at least ${BUDGET.speedUp}× faster than the baseline.`);
    return;
  }
  console.error(`\nBudget missed at ${BUDGET.clusters} clusters:\n${misses.map((m) => `- ${m}`).join('\n')}`);
  process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
