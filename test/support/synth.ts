import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { defineFleet, synthesizeApp, type ClusterSpec, type FleetSpec, type Phase, type PolyCluster } from '../../constructs';

/** A synthesized stack's Terraform JSON. */
export type StackJson = Record<string, any>;

/** One synthesized cluster: its resolved spec and the JSON of each phase stack. */
export interface SynthesizedCluster {
  readonly cluster: PolyCluster;
  readonly stacks: Partial<Record<Phase, StackJson>>;
}

/**
 * Synthesizes a fleet through the real app path (defineFleet with the lazy cloud folders, then a
 * full app synth, so cross-stack references become remote state exactly as in `npm run synth`)
 * and returns every stack's cdk.tf.json bytes, keyed by stack name in sorted order.
 */
export async function synthStackFiles(fleet: FleetSpec): Promise<{ clusters: PolyCluster[]; files: Map<string, string> }> {
  const outdir = mkdtempSync(join(tmpdir(), 'polycluster-synth-'));
  try {
    const app = Testing.app({ outdir });
    const clusters = await defineFleet(app, fleet);
    synthesizeApp(app);
    const files = new Map<string, string>();
    for (const name of readdirSync(join(outdir, 'stacks')).sort()) {
      files.set(name, readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
    }
    return { clusters, files };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Like `synthStackFiles`, with every stack parsed. */
export async function synthFleet(fleet: FleetSpec): Promise<{ clusters: PolyCluster[]; stacks: Record<string, StackJson> }> {
  const { clusters, files } = await synthStackFiles(fleet);
  const stacks: Record<string, StackJson> = {};
  for (const [name, text] of files) stacks[name] = JSON.parse(text);
  return { clusters, stacks };
}

/** Synthesizes one spec and returns its phase stacks by phase. */
export async function synthCluster(spec: ClusterSpec): Promise<SynthesizedCluster> {
  const { clusters, stacks } = await synthFleet({ clusters: [spec] });
  const cluster = clusters[0]!;
  const byPhase: Partial<Record<Phase, StackJson>> = {};
  for (const phase of cluster.resolved.phases) byPhase[phase] = stacks[`${cluster.resolved.name}-${phase}`];
  return { cluster, stacks: byPhase };
}

/** The resources of one type in a stack, keyed by their Terraform name. */
export function resourcesOf(stack: StackJson | undefined, type: string): Record<string, any> {
  return stack?.resource?.[type] ?? {};
}

/** The single resource of a type; fails the test when there is not exactly one. */
export function onlyResource(stack: StackJson | undefined, type: string): any {
  const all = Object.values(resourcesOf(stack, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** The data sources of one type in a stack. */
export function dataOf(stack: StackJson | undefined, type: string): Record<string, any> {
  return stack?.data?.[type] ?? {};
}

/** The helm release of a stack with this release name; fails the test when there is not exactly one. */
export function releaseNamed(stack: StackJson | undefined, name: string): any {
  const all = Object.values(resourcesOf(stack, 'helm_release')).filter((r: any) => r.name === name);
  if (all.length !== 1) throw new Error(`expected one helm_release named ${name}, found ${all.length}`);
  return all[0];
}
