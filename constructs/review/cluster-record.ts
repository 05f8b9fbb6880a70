import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedCluster } from '../spec';

/**
 * The version of `dist/clusters/<cluster>.json`. The review compares two syntheses made by
 * different commits; it reads a record only when both agree on this number.
 */
export const CLUSTER_RECORD_FORMAT = 1;

/** Where the synth writes cluster records, relative to the checkout. */
export const CLUSTERS_DIR = join('dist', 'clusters');

/**
 * What the synth records of a cluster beside its Terraform JSON and YAML: the resolved spec, so a
 * review of two syntheses can evaluate both sides' NetworkPolicies and draw both networks without
 * running the other commit's code.
 */
export interface ClusterRecord {
  /** The record's format, `CLUSTER_RECORD_FORMAT` when written; a reader ignores a record of another format. */
  readonly format: number;
  /** The cluster's spec as the resolver returned it. */
  readonly resolved: ResolvedCluster;
}

/** Writes `<directory>/<cluster>.json` (stable key order: the resolver's). */
export function writeClusterRecord(directory: string, resolved: ResolvedCluster): void {
  mkdirSync(directory, { recursive: true });
  const record: ClusterRecord = { format: CLUSTER_RECORD_FORMAT, resolved };
  writeFileSync(join(directory, `${resolved.name}.json`), `${JSON.stringify(record, null, 2)}\n`);
}
