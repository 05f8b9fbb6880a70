import { OVERRIDES_OUTPUT, type RecordedOverride } from '../escape-hatch';
import type { ExplainedProbe } from '../policy-evaluator/explain';
import type { Cloud } from '../spec';
import { diffManifests, type ObjectChange } from './manifest-diff';
import { networkDiagram } from './network-diagram';
import { clusterPosture, postureChanges, type ClusterPosture } from './posture';
import { diffReachability, judgedProbes, type ReachabilityChange } from './reachability-diff';
import { replacementsOf, type Replacement } from './replacements';
import { diffStacks, type StackDiff } from './resource-diff';
import { clusterOfStack, type Synthesis, type TerraformJson } from './synthesis';

/** Everything the report says about one cluster. */
export interface ClusterReview {
  /** The cluster's name. */
  readonly name: string;
  /** From the cluster record (head's, else base's), else inferred from the managed-cluster resource; absent when neither tells. */
  readonly cloud?: Cloud;
  /** From the cluster record (head's, else base's); absent without one. */
  readonly region?: string;
  /** Present on the base side, the head side, or both. */
  readonly presence: 'both' | 'added' | 'removed';
  /** The stack diffs of the cluster's phase stacks, in name order. */
  readonly stacks: readonly StackDiff[];
  /** The risky changes of those stack diffs (destroys, replacements, node rolls), stack by stack. */
  readonly replacements: readonly Replacement[];
  /** The security posture of head's stacks (base's when the cluster is removed). */
  readonly posture: ClusterPosture;
  /** Posture rows and declared exceptions that differ from base, one line each; empty unless the cluster is on both sides. */
  readonly postureChanges: readonly string[];
  /** Escape-hatch overrides the head's stacks declare (`polycluster_overrides` outputs). */
  readonly overrides: readonly (RecordedOverride & {
    /** The stack whose output records the override. */
    readonly stack: string;
  })[];
  /** The Kubernetes objects of the cluster's manifests that differ between base and head, in key order. */
  readonly manifests: readonly ObjectChange[];
  /** Head's probes, judged (the full table when describing). */
  readonly probes: ReadonlyMap<string, ExplainedProbe>;
  /** The probes whose verdict differs between base and head; empty when a side with stacks has no cluster record (see `reachabilityNote`). */
  readonly reachability: readonly ReachabilityChange[];
  /** Why reachability could not be compared, when it could not. */
  readonly reachabilityNote?: string;
  /** Head's network as a Mermaid flowchart; absent without head's cluster record. */
  readonly diagram?: string;
  /** Base's diagram, when it differs from head's. */
  readonly baseDiagram?: string;
  /** Anything differs between base and head. */
  readonly changed: boolean;
}

/** A synthesis with nothing in it: the base when the report describes the head alone. */
export const EMPTY_SYNTHESIS: Synthesis = { root: '(none)', stacks: new Map(), clusters: new Map() };

function clusterNames(...syntheses: readonly Synthesis[]): string[] {
  const names = new Set(syntheses.flatMap((s) => [...s.clusters.keys()]));
  for (const s of syntheses) for (const stack of s.stacks.keys()) names.add(clusterOfStack(stack, names));
  return [...names].sort();
}

const stacksOfCluster = (synthesis: Synthesis, name: string, names: readonly string[]): Map<string, TerraformJson> =>
  new Map([...synthesis.stacks].filter(([stack]) => clusterOfStack(stack, names) === name));

function overridesOf(stacks: ReadonlyMap<string, TerraformJson>): ClusterReview['overrides'] {
  return [...stacks].flatMap(([stack, json]) => ((json.output?.[OVERRIDES_OUTPUT]?.value ?? []) as RecordedOverride[]).map((o) => ({ stack, ...o })));
}

/** Compares one cluster's parts of two syntheses. */
export function reviewCluster(name: string, base: Synthesis, head: Synthesis, names: readonly string[] = clusterNames(base, head)): ClusterReview {
  const baseStacks = stacksOfCluster(base, name, names);
  const headStacks = stacksOfCluster(head, name, names);
  const baseCluster = base.clusters.get(name);
  const headCluster = head.clusters.get(name);
  const stacks = diffStacks(baseStacks, headStacks);
  const posture = clusterPosture(headStacks.size > 0 ? headStacks : baseStacks);
  const basePosture = baseStacks.size > 0 ? clusterPosture(baseStacks) : undefined;
  const probes = judgedProbes(headCluster);
  const baseProbes = judgedProbes(baseCluster);
  const missingRecord = [baseStacks.size > 0 && !baseCluster?.resolved ? 'base' : undefined, headStacks.size > 0 && !headCluster?.resolved ? 'head' : undefined].filter((s) => s);
  const resolved = headCluster?.resolved ?? baseCluster?.resolved;
  const diagram = headCluster?.resolved ? networkDiagram(headCluster.resolved) : undefined;
  const baseDiagram = baseCluster?.resolved ? networkDiagram(baseCluster.resolved) : undefined;
  const review = {
    name,
    ...(resolved ? { cloud: resolved.cloud, region: resolved.region } : posture.cloud ? { cloud: posture.cloud } : {}),
    presence: baseStacks.size === 0 ? 'added' : headStacks.size === 0 ? 'removed' : 'both',
    stacks,
    replacements: stacks.flatMap(replacementsOf),
    posture,
    // A new or removed cluster's posture is its table; changes are for clusters on both sides.
    postureChanges: basePosture && headStacks.size > 0 ? postureChanges(basePosture, posture) : [],
    overrides: overridesOf(headStacks),
    manifests: diffManifests(baseCluster, headCluster),
    probes,
    reachability: missingRecord.length > 0 ? [] : diffReachability(baseProbes, probes),
    ...(missingRecord.length > 0 ? { reachabilityNote: `no cluster record (dist/clusters/${name}.json) in the ${missingRecord.join(' and ')} synthesis: synthesized by an older polycluster, reachability not compared` } : {}),
    ...(diagram ? { diagram } : {}),
    ...(baseDiagram && baseDiagram !== diagram ? { baseDiagram } : {}),
  } as const;
  const changed =
    stacks.some((s) => s.status !== 'unchanged') || review.manifests.length > 0 || review.reachability.length > 0 || review.postureChanges.length > 0 || 'baseDiagram' in review;
  return { ...review, changed };
}

/** Every cluster of either synthesis, reviewed, in name order. */
export function reviewSyntheses(base: Synthesis, head: Synthesis): ClusterReview[] {
  const names = clusterNames(base, head);
  return names.map((name) => reviewCluster(name, base, head, names));
}
