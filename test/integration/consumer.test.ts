import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Another repository using polycluster as its construct library: the packed tarball installed
// into a fresh project next to the peers it needs, an app written against the public API,
// type-checked with TypeScript 7 against the installed .d.ts, run with plain node, synthesized.

const ROOT = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
  peerDependencies: Record<string, string>;
};
const peer = (name: string): Record<string, string> => ({ [name]: pkg.peerDependencies[name]! });
const REQUIRED_PEERS = { ...peer('cdktf'), ...peer('constructs'), ...peer('@cdktf/provider-helm'), ...peer('@cdktf/provider-kubernetes') };
const GOOGLE = '@cdktf/provider-google';
const AZURE = '@cdktf/provider-azurerm';
const AWS = '@cdktf/provider-aws';

const work = mkdtempSync(join(tmpdir(), 'polycluster-consumer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** `npm install` without blocking the event loop, so both consumer projects install at once. */
function npmInstall(cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm install failed in ${cwd}:\n${output}`))));
  });
}

// Loaded before the app: on exit it records every package in the module cache (the cloud
// folders are imported dynamically; Node puts CommonJS modules loaded that way in it too) and
// the process's peak resident memory.
const PROBE = `
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  const packages = new Set();
  for (const file of Object.keys(require.cache)) {
    const names = [...file.matchAll(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/g)];
    if (names.length > 0) packages.add(names[names.length - 1][1]);
  }
  writeFileSync(process.env.PROBE_OUT, JSON.stringify({ packages: [...packages].sort(), maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
});
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    lib: ['ES2022'],
    types: [],
    strict: true,
    skipLibCheck: true,
    rootDir: 'src',
    outDir: 'dist',
  },
  include: ['src'],
};

const SPEC = `{
  name: 'shop-prod',
  cloud: 'aws',
  region: 'eu-west-1',
  cni: { kind: 'cilium', mode: 'eni' },
  nodePools: [{ name: 'general', min: 3, max: 6 }],
  namespaces: [{ name: 'shop', exposed: true }],
}`;

/** The consumer's apps; each writes Terraform JSON to out-<app>/ and YAML to manifests-<app>/. */
const APPS: Record<string, string> = {
  // One AWS cluster: the root API plus the AWS entry point, which registers the EKS builder.
  aws: `import { App } from 'cdktf';
import { defineCluster, writeManifests, type ClusterSpec } from 'polycluster';
import 'polycluster/aws';
// Type-only: the other entry points' declarations resolve through the exports map, nothing loads.
import type { Verdict } from 'polycluster/policy-evaluator';
import type { ClusterRecord } from 'polycluster/review';

// @ts-expect-error the .d.ts reach the compiler: an unknown cloud is a type error
const wrong: ClusterSpec = { name: 'x', cloud: 'mars', region: 'x' };
const typed: { verdict?: Verdict; record?: ClusterRecord } = {};
void wrong;
void typed;

const spec: ClusterSpec = ${SPEC};
const app = new App({ outdir: 'out-aws' });
const cluster = defineCluster(app, spec);
app.synth();
writeManifests('manifests-aws', cluster.resolved.name, cluster.manifests);
`,
  // The same cluster through defineFleet, which imports the AWS folder itself (lazily), and
  // synthesized through synthesizeApp (the consumer's own cdktf gets the faster resolution).
  fleet: `import { App } from 'cdktf';
import { defineFleet, synthesizeApp, writeManifests } from 'polycluster';

async function main(): Promise<void> {
  const app = new App({ outdir: 'out-fleet' });
  const clusters = await defineFleet(app, { defaults: { tags: { owner: 'platform' } }, clusters: [${SPEC}] });
  synthesizeApp(app);
  for (const cluster of clusters) writeManifests('manifests-fleet', cluster.resolved.name, cluster.manifests);
}
void main();
`,
  // The AWS app of an installation that also imports the Google and Azure entry points.
  all: `import { App } from 'cdktf';
import { defineCluster, writeManifests, type ClusterSpec } from 'polycluster';
import 'polycluster/aws';
import 'polycluster/gcp';
import 'polycluster/azure';

const spec: ClusterSpec = ${SPEC};
const app = new App({ outdir: 'out-all' });
const cluster = defineCluster(app, spec);
app.synth();
writeManifests('manifests-all', cluster.resolved.name, cluster.manifests);
`,
};

type Consumer = { dir: string; apps: string[] };
const consumers: Record<'awsOnly' | 'allClouds', Consumer> = {
  awsOnly: { dir: join(work, 'aws-only'), apps: ['aws', 'fleet'] },
  allClouds: { dir: join(work, 'all-clouds'), apps: ['aws', 'all'] },
};

type Packed = { filename: string; files: { path: string }[] };
let packed: Packed;

beforeAll(async () => {
  // prepack builds lib/ first; the JSON report is the last thing npm prints.
  const stdout = run('npm', ['pack', '--json', '--pack-destination', work], ROOT);
  packed = (JSON.parse(stdout.slice(stdout.search(/^\[$/m))) as Packed[])[0]!;
  const tarball = join(work, packed.filename);
  const providers = { awsOnly: { ...peer(AWS) }, allClouds: { ...peer(AWS), ...peer(GOOGLE), ...peer(AZURE) } };
  for (const [name, consumer] of Object.entries(consumers) as [keyof typeof consumers, Consumer][]) {
    mkdirSync(join(consumer.dir, 'src'), { recursive: true });
    const manifest = { name: `consumer-${name}`, private: true, type: 'commonjs', dependencies: { polycluster: `file:${tarball}`, ...REQUIRED_PEERS, ...providers[name] } };
    writeFileSync(join(consumer.dir, 'package.json'), JSON.stringify(manifest, null, 2));
    writeFileSync(join(consumer.dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    writeFileSync(join(consumer.dir, 'probe.cjs'), PROBE);
    for (const app of consumer.apps) writeFileSync(join(consumer.dir, 'src', `${app}.ts`), APPS[app]!);
  }
  await Promise.all(Object.values(consumers).map((c) => npmInstall(c.dir)));
  // The repository's own TypeScript 7 compiles each app against the installed declarations.
  for (const consumer of Object.values(consumers)) run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', consumer.dir], consumer.dir);
}, 300_000);

type Run = { ms: number; maxRssMiB: number; packages: string[] };

/** Runs a compiled app with plain node (as cdktf.json's app does) and the probe. */
function runApp(consumer: Consumer, app: string): Run {
  const probeOut = join(consumer.dir, `probe-${app}.json`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', './probe.cjs', `dist/${app}.js`], {
    cwd: consumer.dir,
    encoding: 'utf8',
    env: { ...process.env, PROBE_OUT: probeOut },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node dist/${app}.js failed:\n${result.stdout}${result.stderr}`);
  return { ms, ...(JSON.parse(readFileSync(probeOut, 'utf8')) as Omit<Run, 'ms'>) };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function synthesizedStacks(consumer: Consumer, app: string): string[] {
  const manifest = JSON.parse(readFileSync(join(consumer.dir, `out-${app}`, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
  return Object.keys(manifest.stacks).sort();
}

describe('the packed tarball', () => {
  it('holds the compiled library, its declarations, the README and the licence, nothing else', () => {
    const paths = packed.files.map((f) => f.path);
    const stray = paths.filter((p) => !/^lib\/constructs\/.+\.(js|d\.ts)$/.test(p) && !['package.json', 'README.md', 'LICENSE'].includes(p));
    expect(stray).toEqual([]);
    // package.json says Apache-2.0; npm ships LICENSE whatever `files` says.
    expect(paths).toContain('LICENSE');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    for (const target of Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [t] : [t.types, t.default]))) {
      expect(paths, target).toContain(target.replace(/^\.\//, ''));
    }
    // No output of a deleted source file ships (a stale lib/ would put one there).
    const orphans = paths
      .filter((p) => p.endsWith('.js'))
      .map((p) => p.replace(/^lib\//, '').replace(/\.js$/, '.ts'))
      .filter((source) => !existsSync(join(ROOT, source)));
    expect(orphans, 'stale files in lib/: run `npm run clean` before packing').toEqual([]);
  });
});

describe('a consumer project with only the AWS provider', () => {
  const consumer = consumers.awsOnly;

  it('installs without the optional Google and Azure peers', () => {
    const modules = join(consumer.dir, 'node_modules');
    expect(existsSync(join(modules, 'polycluster/lib/constructs/index.js'))).toBe(true);
    expect(existsSync(join(modules, AWS))).toBe(true);
    expect(existsSync(join(modules, GOOGLE))).toBe(false);
    expect(existsSync(join(modules, AZURE))).toBe(false);
  });

  it.each(['aws', 'fleet'])('synthesizes the %s app without loading the Google or Azure bindings', (app) => {
    const result = runApp(consumer, app);
    expect(result.packages).toContain(AWS);
    expect(result.packages).not.toContain(GOOGLE);
    expect(result.packages).not.toContain(AZURE);
    expect(synthesizedStacks(consumer, app)).toEqual(['shop-prod-cluster', 'shop-prod-cni', 'shop-prod-nodes', 'shop-prod-platform', 'shop-prod-policies']);
    const cluster = JSON.parse(readFileSync(join(consumer.dir, `out-${app}`, 'stacks/shop-prod-cluster/cdk.tf.json'), 'utf8'));
    expect(Object.keys(cluster.resource.aws_eks_cluster)).toHaveLength(1);
    expect(readdirSync(join(consumer.dir, `manifests-${app}`, 'shop-prod')).length).toBeGreaterThan(0);
    // A package-root import of a provider alone costs about 500 MiB (REFERENCE.md).
    expect(result.maxRssMiB).toBeLessThan(400);
  });
});

describe('load cost: AWS only vs. all three clouds', () => {
  it('measures the same AWS synth with and without the Google and Azure entry points loaded', () => {
    const consumer = consumers.allClouds;
    const runs: Record<string, Run[]> = { aws: [], all: [] };
    // Interleaved, so a busy moment of the machine hits both sides alike.
    for (let i = 0; i < 3; i++) for (const app of ['aws', 'all']) runs[app]!.push(runApp(consumer, app));
    const [aws, all] = [runs.aws!, runs.all!];
    expect(aws.every((r) => !r.packages.includes(GOOGLE) && !r.packages.includes(AZURE))).toBe(true);
    expect(all.every((r) => r.packages.includes(GOOGLE) && r.packages.includes(AZURE))).toBe(true);
    // Both write the same cluster: only the loaded bindings differ.
    expect(synthesizedStacks(consumer, 'all')).toEqual(synthesizedStacks(consumer, 'aws'));
    const summary = (r: Run[]): string => `${median(r.map((x) => x.ms)).toFixed(0)} ms, ${median(r.map((x) => x.maxRssMiB)).toFixed(0)} MiB peak RSS`;
    console.log(`consumer synth of one EKS cluster (median of 3): AWS only ${summary(aws)}; with polycluster/gcp and polycluster/azure also loaded ${summary(all)}`);
    expect(median(aws.map((r) => r.maxRssMiB))).toBeLessThan(median(all.map((r) => r.maxRssMiB)));
  });
});
