import { mkdirSync } from 'node:fs';
import { App } from 'cdktf';
import { defineFleet, pruneStaleStacks, synthWarnings, writeManifests } from '../constructs';

const MANIFESTS_DIR = 'dist/manifests';
import { fleet } from './fleet';

/** Synthesizes the fleet: Terraform JSON to cdktf.out/, Kubernetes YAML to dist/manifests/. */
async function main(): Promise<void> {
  const app = new App();
  const clusters = await defineFleet(app, fleet);
  app.synth();
  pruneStaleStacks(app);
  for (const warning of synthWarnings(app)) console.warn(`Warning: ${warning}`);
  mkdirSync(MANIFESTS_DIR, { recursive: true });
  for (const cluster of clusters) writeManifests(MANIFESTS_DIR, cluster.resolved.name, cluster.manifests);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
