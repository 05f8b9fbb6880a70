import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { defineFleet, synthesizeApp, writeManifests, type ClusterSpec, type FleetSpec, type PolyCluster } from '../../constructs';
import { CLUSTERS_DIR, writeClusterRecord } from '../../constructs/review/cluster-record';
import { SYNTHESIS_DIRS } from '../../constructs/review/synthesis';

/**
 * Synthesizes a fleet into a fresh directory laid out like a checkout after `npm run synth`
 * (cdktf.out/stacks, dist/manifests, dist/clusters), for review tests. Returns the directory.
 */
export async function synthesisDir(
  fleet: FleetSpec | readonly ClusterSpec[],
  options: { readonly records?: boolean; readonly beforeSynth?: (clusters: readonly PolyCluster[]) => void } = {},
): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'polycluster-review-'));
  const app = Testing.app({ outdir: join(root, 'cdktf.out') });
  const clusters = await defineFleet(app, Array.isArray(fleet) ? { clusters: fleet as ClusterSpec[] } : (fleet as FleetSpec));
  options.beforeSynth?.(clusters);
  synthesizeApp(app);
  mkdirSync(join(root, SYNTHESIS_DIRS.manifests), { recursive: true });
  for (const cluster of clusters) {
    writeManifests(join(root, SYNTHESIS_DIRS.manifests), cluster.resolved.name, cluster.manifests);
    if (options.records !== false) writeClusterRecord(join(root, CLUSTERS_DIR), cluster.resolved);
  }
  return root;
}
