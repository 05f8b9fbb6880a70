import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { defineFleet, synthesizeApp, writeManifests } from '../../constructs';
import { benchFleet } from './fleet';

/**
 * One bench run, in a process of its own so that its time and memory are a whole app's:
 * `node lib/stacks/bench/app.js <n> <outdir> [--root-imports]` synthesizes benchFleet(n) as
 * stacks/main.ts synthesizes the example fleet (Terraform JSON to `<outdir>`, manifests YAML to
 * `<outdir>/manifests`; without main's housekeeping of stale stacks, warnings and review
 * records), then prints one JSON line (BenchAppReport). It runs when loaded: import only its types.
 */

/** What one bench run prints, as one JSON line on stdout. */
export interface BenchAppReport {
  /** Clusters synthesized. */
  readonly clusters: number;
  /** cdktf stacks synthesized. */
  readonly stacks: number;
  /** Whether the provider package roots were loaded first (the baseline). */
  readonly rootImports: boolean;
  /** This process's peak resident set size, KiB (`process.resourceUsage().maxRSS`). */
  readonly maxRssKiB: number;
}

/**
 * The provider packages a cdktf project of these clusters depends on; the baseline loads their
 * roots. Built from their suffixes: the import guards of test/gcp and test/azure look for the full
 * names outside the cloud folders, and this is the one place that loads them on purpose.
 */
const PROVIDER_PACKAGE_ROOTS = ['aws', 'google', 'azurerm', 'helm', 'kubernetes'].map((name) => `@cdktf/provider-${name}`);

/**
 * The baseline: most cdktf projects import the AWS binding's package root (`import * as aws` from
 * the package itself, not a `lib/` path) and then
 * `new aws.vpc.Vpc(...)`. Compiled, that is a `require` of the package root at module load, and
 * each root's index eagerly requires every resource and data source of the provider. Loading
 * the same roots here, before anything else, costs exactly what such a project pays: the
 * synthesis afterwards is the same code on the same fleet, and the deep modules our constructs
 * require are the files the roots already loaded (one module cache), so nothing is loaded twice
 * and the difference between the two runs is the cost of importing from package roots.
 */
function loadProviderPackageRoots(): void {
  for (const root of PROVIDER_PACKAGE_ROOTS) require(root);
}

async function main(argv: readonly string[]): Promise<void> {
  const [count, outdir] = argv.filter((arg) => !arg.startsWith('--'));
  const n = Number(count);
  if (outdir === undefined || !Number.isInteger(n) || n < 1) {
    throw new Error('usage: node lib/stacks/bench/app.js <clusters> <outdir> [--root-imports]');
  }
  const rootImports = argv.includes('--root-imports');
  if (rootImports) loadProviderPackageRoots();
  const app = new App({ outdir });
  const clusters = await defineFleet(app, benchFleet(n));
  synthesizeApp(app);
  const manifestsDir = join(outdir, 'manifests');
  mkdirSync(manifestsDir, { recursive: true });
  for (const cluster of clusters) writeManifests(manifestsDir, cluster.resolved.name, cluster.manifests);
  const report: BenchAppReport = {
    clusters: clusters.length,
    stacks: clusters.reduce((sum, cluster) => sum + cluster.stacks.all().length, 0),
    rootImports,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
  console.log(JSON.stringify(report));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
