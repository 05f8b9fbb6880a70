import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Yaml } from 'cdk8s';
import type { ManifestObject } from '../manifests/cluster-manifests';
import type { ResolvedCluster } from '../spec';
import { CLUSTER_RECORD_FORMAT, CLUSTERS_DIR, type ClusterRecord } from './cluster-record';

/** A block of a Terraform JSON document: `resource.<type>.<name>` or `data.<type>.<name>`. */
export type TerraformBlocks = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;

/** The parts of a synthesized `cdk.tf.json` the review reads. */
export interface TerraformJson {
  /** The stack's resources, by type and name. */
  readonly resource?: TerraformBlocks;
  /** The stack's data sources, by type and name. */
  readonly data?: TerraformBlocks;
  /** The stack's outputs, by name. */
  readonly output?: Readonly<
    Record<
      string,
      {
        /** The output's value (token expressions as `${...}` strings). */
        readonly value: unknown;
        /** The output's description. */
        readonly description?: string;
        /** Whether Terraform hides the value in its own output. */
        readonly sensitive?: boolean;
      }
    >
  >;
  readonly [key: string]: unknown;
}

/** One cluster of a synthesis: its resolved spec (when the synth recorded it) and its YAML. */
export interface SynthesizedCluster {
  /** The cluster's name (its folder of `dist/manifests/` or its record's file name). */
  readonly name: string;
  /** Absent when the synthesis predates cluster records or used another record format. */
  readonly resolved?: ResolvedCluster;
  /** Objects per file of `dist/manifests/<cluster>/`, files sorted by name. */
  readonly manifests: ReadonlyMap<string, readonly ManifestObject[]>;
}

/** What `npm run synth` wrote in one checkout: Terraform JSON per stack, YAML and records per cluster. */
export interface Synthesis {
  /** The checkout the synthesis was read from (`(none)` for the empty synthesis). */
  readonly root: string;
  /** Stack name to its Terraform JSON, sorted by name. */
  readonly stacks: ReadonlyMap<string, TerraformJson>;
  /** Cluster name to its synthesized parts, sorted by name. */
  readonly clusters: ReadonlyMap<string, SynthesizedCluster>;
}

/** Where a synthesis keeps its outputs, relative to the checkout. */
export const SYNTHESIS_DIRS = { stacks: join('cdktf.out', 'stacks'), manifests: join('dist', 'manifests'), clusters: CLUSTERS_DIR } as const;

const sortedEntries = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** Reads the synthesis under `root` (a checkout after `npm run synth`). */
export function readSynthesis(root: string): Synthesis {
  const stacksDir = join(root, SYNTHESIS_DIRS.stacks);
  if (!existsSync(stacksDir)) {
    throw new Error(`polycluster review: ${stacksDir} does not exist: run \`npm run synth\` in ${root} first`);
  }
  const stacks = new Map<string, TerraformJson>();
  for (const name of sortedEntries(stacksDir)) {
    const file = join(stacksDir, name, 'cdk.tf.json');
    if (existsSync(file)) stacks.set(name, JSON.parse(readFileSync(file, 'utf8')) as TerraformJson);
  }
  const manifestsDir = join(root, SYNTHESIS_DIRS.manifests);
  const recordsDir = join(root, SYNTHESIS_DIRS.clusters);
  const names = new Set([...sortedEntries(manifestsDir), ...sortedEntries(recordsDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length))]);
  const clusters = new Map<string, SynthesizedCluster>();
  for (const name of [...names].sort()) {
    const manifests = new Map<string, readonly ManifestObject[]>();
    for (const file of sortedEntries(join(manifestsDir, name)).filter((f) => f.endsWith('.yaml'))) {
      manifests.set(file, Yaml.load(join(manifestsDir, name, file)) as ManifestObject[]);
    }
    const resolved = readRecord(join(recordsDir, `${name}.json`));
    clusters.set(name, resolved ? { name, resolved, manifests } : { name, manifests });
  }
  return { root, stacks, clusters };
}

function readRecord(file: string): ResolvedCluster | undefined {
  if (!existsSync(file)) return undefined;
  const record = JSON.parse(readFileSync(file, 'utf8')) as ClusterRecord;
  return record.format === CLUSTER_RECORD_FORMAT ? record.resolved : undefined;
}

/** The stacks of one cluster (`<cluster>-<phase>`), in the order given. */
export function stacksOf(synthesis: Synthesis, cluster: string): Map<string, TerraformJson> {
  const out = new Map<string, TerraformJson>();
  for (const [name, json] of synthesis.stacks) {
    if (clusterOfStack(name, synthesis.clusters.keys()) === cluster) out.set(name, json);
  }
  return out;
}

/** The phase suffixes of stack names (DESIGN.md). */
export const PHASE_SUFFIXES = ['-cluster', '-cni', '-nodes', '-platform', '-policies'] as const;

/** The cluster a stack belongs to: the longest known cluster name it starts with, else its name without the phase. */
export function clusterOfStack(stack: string, clusters: Iterable<string>): string {
  const known = [...clusters].filter((c) => PHASE_SUFFIXES.some((s) => stack === `${c}${s}`));
  if (known.length > 0) return known.sort((a, b) => b.length - a.length)[0]!;
  const suffix = PHASE_SUFFIXES.find((s) => stack.endsWith(s));
  return suffix ? stack.slice(0, -suffix.length) : stack;
}
