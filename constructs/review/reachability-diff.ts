import type { ManifestFile } from '../manifests/cluster-manifests';
import { explainCluster, verdictReason, type ExplainedProbe } from '../policy-evaluator/explain';
import type { SynthesizedCluster } from './synthesis';

/** One reachability question whose answer differs between base and head (or exists on one side only). */
export interface ReachabilityChange {
  /** `payments/checkout -> shop/web TCP/8443`. */
  readonly probe: string;
  /** Undefined when base did not ask the question (the namespace or app is new). */
  readonly before?: boolean;
  /** Undefined when head no longer asks it. */
  readonly after?: boolean;
  /** Head's verdict differs from what head's spec implies: a defect in the generated policies. */
  readonly unexpected: boolean;
  /** The policies that admit it, or the side that denies it (head's, else base's). */
  readonly why: string;
}

/** The cluster's synthesized YAML as the evaluator's input. */
export function manifestFiles(cluster: SynthesizedCluster): ManifestFile[] {
  return [...cluster.manifests].map(([fileName, objects]) => ({ fileName, objects }));
}

/** The probe's label; repeated labels get a counter so that no probe hides another. */
function keyed(rows: readonly ExplainedProbe[]): Map<string, ExplainedProbe> {
  const out = new Map<string, ExplainedProbe>();
  for (const row of rows) {
    const { from, to, protocol, port } = row.connection;
    const label = `${from.name} -> ${to.name} ${protocol}/${port}`;
    let key = label;
    for (let n = 2; out.has(key); n++) key = `${label} (#${n})`;
    out.set(key, row);
  }
  return out;
}

/** Every probe of the cluster, judged on its synthesized policies; empty without a cluster record. */
export function judgedProbes(cluster: SynthesizedCluster | undefined): Map<string, ExplainedProbe> {
  if (!cluster?.resolved) return new Map();
  return keyed(explainCluster(cluster.resolved, manifestFiles(cluster)));
}

/**
 * The questions whose answers changed. Both sides are judged by this commit's evaluator on their
 * own resolved spec and YAML, so the change shown is the change in policies, not in the evaluator.
 */
export function diffReachability(base: ReadonlyMap<string, ExplainedProbe>, head: ReadonlyMap<string, ExplainedProbe>): ReachabilityChange[] {
  const out: ReachabilityChange[] = [];
  for (const probe of [...new Set([...base.keys(), ...head.keys()])].sort()) {
    const a = base.get(probe);
    const b = head.get(probe);
    if (a && b && a.verdict.allowed === b.verdict.allowed && !(b.verdict.allowed !== b.expected)) continue;
    out.push({
      probe,
      ...(a ? { before: a.verdict.allowed } : {}),
      ...(b ? { after: b.verdict.allowed } : {}),
      unexpected: b !== undefined && b.verdict.allowed !== b.expected,
      why: verdictReason((b ?? a)!.verdict),
    });
  }
  return out;
}
