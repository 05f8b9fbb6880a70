import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { defineFleet, type DefineOptions, type FleetSpec, type PolyCluster } from '../../constructs';
import type { StackJson } from '../support/synth';

/**
 * `synthFleet` of test/support with define options (extra add-ons) and a hook that runs on the
 * built clusters before the app synthesizes (escape hatches).
 */
export async function synthWith(
  fleet: FleetSpec,
  options: DefineOptions = {},
  beforeSynth: (clusters: PolyCluster[]) => void = () => {},
): Promise<{ clusters: PolyCluster[]; stacks: Record<string, StackJson> }> {
  const outdir = mkdtempSync(join(tmpdir(), 'polycluster-ext-'));
  try {
    const app = Testing.app({ outdir });
    const clusters = await defineFleet(app, fleet, options);
    beforeSynth(clusters);
    app.synth();
    const stacks: Record<string, StackJson> = {};
    for (const name of readdirSync(join(outdir, 'stacks')).sort()) stacks[name] = JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
    return { clusters, stacks };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Every `kubernetes_manifest` object of a stack, by Terraform name. */
export function manifestsOf(stack: StackJson | undefined): Record<string, any> {
  return Object.fromEntries(Object.entries<any>(stack?.resource?.kubernetes_manifest ?? {}).map(([name, r]) => [name, r.manifest]));
}
