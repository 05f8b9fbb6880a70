import { mkdirSync, rmSync } from 'node:fs';
import { App } from 'cdktf';
import { defineFleet, pruneStaleStacks, synthesizeApp, synthWarnings, writeManifests } from '../constructs';
import { CLUSTERS_DIR, writeClusterRecord } from '../constructs/review/cluster-record';
import { fleet } from './fleet';

const MANIFESTS_DIR = 'dist/manifests';

/**
 * Synthesizes the fleet: Terraform JSON to cdktf.out/, Kubernetes YAML to dist/manifests/, and
 * each resolved spec to dist/clusters/ for `npm run review`.
 */
async function main(): Promise<void> {
  const app = new App();
  const clusters = await defineFleet(app, fleet);
  synthesizeApp(app);
  pruneStaleStacks(app);
  for (const warning of synthWarnings(app)) console.warn(`Warning: ${warning}`);
  mkdirSync(MANIFESTS_DIR, { recursive: true });
  rmSync(CLUSTERS_DIR, { recursive: true, force: true });
  for (const cluster of clusters) {
    writeManifests(MANIFESTS_DIR, cluster.resolved.name, cluster.manifests);
    writeClusterRecord(CLUSTERS_DIR, cluster.resolved);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
