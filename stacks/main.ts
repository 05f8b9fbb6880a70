import { mkdirSync } from 'node:fs';
import { App } from 'cdktf';
import { defineFleet, pruneStaleStacks, synthWarnings } from '../constructs';
import { fleet } from './fleet';

/** Synthesizes the fleet: Terraform JSON to cdktf.out/, Kubernetes YAML to dist/manifests/. */
async function main(): Promise<void> {
  const app = new App();
  await defineFleet(app, fleet);
  app.synth();
  pruneStaleStacks(app);
  for (const warning of synthWarnings(app)) console.warn(`Warning: ${warning}`);
  mkdirSync('dist/manifests', { recursive: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
