import type { Construct } from 'constructs';
import { applyManifests } from './applied-manifests';
import { cloudDispatcher, type CloudDispatcher } from './cloud-dispatch';
import { clusterManifests, type ManifestFile } from './manifests/cluster-manifests';
import { PhaseStacks } from './phase-stacks';
import {
  analyseSpec,
  mergeSpecs,
  SpecValidationError,
  type ClusterSpec,
  type FleetSpec,
  type LocatedProblem,
  type ResolvedCluster,
} from './spec';

/** A cluster made by `defineCluster`: its resolved spec, its phase stacks and its manifests. */
export interface PolyCluster {
  readonly resolved: ResolvedCluster;
  readonly stacks: PhaseStacks;
  /** The Kubernetes objects the policies stack applies, by file of `dist/manifests/<cluster>/`. */
  readonly manifests: readonly ManifestFile[];
}

/** Options shared by `defineCluster` and `defineFleet`. */
export interface DefineOptions {
  /** The dispatcher to build with; tests and embedders pass their own. */
  readonly dispatcher?: CloudDispatcher;
}

/**
 * Validates and resolves one spec (throwing once with every problem), then builds its phase
 * stacks with the cloud's builder, which must already be loaded or registered.
 */
export function defineCluster(scope: Construct, spec: ClusterSpec, options: DefineOptions = {}): PolyCluster {
  const analysis = analyseSpec(spec);
  if (!analysis.ok) {
    const prefix = typeof spec?.name === 'string' && spec.name !== '' ? spec.name : 'spec';
    throw new SpecValidationError(analysis.problems.map((p) => ({ ...p, prefix })));
  }
  return build(scope, analysis.resolved, options.dispatcher ?? cloudDispatcher);
}

/**
 * A fleet: organisation defaults merged under every cluster (see `mergeSpecs`), every cluster
 * validated before anything is built (one error listing every problem of every cluster), then
 * only the clouds the fleet uses are loaded and the clusters are built in order.
 */
export async function defineFleet(scope: Construct, fleet: FleetSpec, options: DefineOptions = {}): Promise<PolyCluster[]> {
  const dispatcher = options.dispatcher ?? cloudDispatcher;
  const resolved: ResolvedCluster[] = [];
  const problems: LocatedProblem[] = [];
  const merged = fleet.clusters.map((cluster) => mergeSpecs(fleet.defaults, cluster));
  merged.forEach((spec, i) => {
    const analysis = analyseSpec(spec);
    if (analysis.ok) resolved.push(analysis.resolved);
    else problems.push(...analysis.problems.map((p) => ({ ...p, prefix: `clusters[${i}]` })));
    const firstUse = merged.findIndex((other) => other.name === spec.name);
    if (firstUse !== i && typeof spec.name === 'string') {
      problems.push({ prefix: `clusters[${i}]`, path: 'name', value: spec.name, rule: `is already used by clusters[${firstUse}]`, fix: 'give every cluster its own name: stack names and state keys derive from it' });
    }
  });
  if (problems.length > 0) throw new SpecValidationError(problems);
  await dispatcher.load(resolved.map((c) => c.cloud));
  return resolved.map((cluster) => build(scope, cluster, dispatcher));
}

function build(scope: Construct, resolved: ResolvedCluster, dispatcher: CloudDispatcher): PolyCluster {
  const builder = dispatcher.builderFor(resolved.cloud);
  const stacks = new PhaseStacks(scope, resolved);
  const built = builder.build(stacks, resolved);
  const manifests = clusterManifests(resolved);
  if (stacks.policies) applyManifests(stacks.policies, manifests, built.applyTimeValues);
  return { resolved, stacks, manifests };
}
