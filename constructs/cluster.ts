import type { Construct } from 'constructs';
import { addonsFor, checkAddons, type AddonSelection, type PreparedAddon } from './addons/addon-contract';
import { installExtraAddons } from './addons/extra-addons';
import { applyManifests } from './applied-manifests';
import { cloudDispatcher, type CloudDispatcher } from './cloud-dispatch';
import { polyclusterManifests } from './manifests/addon-manifests';
import type { ManifestFile } from './manifests/cluster-manifests';
import { KubernetesLabels } from './kubernetes-labels';
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
import { withoutTokenStackTraces } from './token-stack-traces';

/** A cluster made by `defineCluster`: its resolved spec, its phase stacks and its manifests. */
export interface PolyCluster {
  /** The spec after validation, with every default applied. */
  readonly resolved: ResolvedCluster;
  /** The cluster's phase stacks, in deploy order. */
  readonly stacks: PhaseStacks;
  /** The Kubernetes objects the policies stack applies, by file of `dist/manifests/<cluster>/`. */
  readonly manifests: readonly ManifestFile[];
}

/** Options shared by `defineCluster` and `defineFleet`. */
export interface DefineOptions {
  /** The dispatcher to build with; tests and embedders pass their own. */
  readonly dispatcher?: CloudDispatcher;
  /**
   * Extra Helm add-ons (see `PolyClusterAddon`), for every cluster or chosen per cluster by a
   * function of the resolved cluster. Checked with the specs, before anything is built; installed
   * in each cluster's platform stack after the built-in releases.
   * @default none
   */
  readonly addons?: AddonSelection;
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
  const addons = checkAddons(analysis.resolved, addonsFor(options.addons, analysis.resolved));
  if (!addons.ok) throw new SpecValidationError(addons.problems.map((p) => ({ ...p, prefix: analysis.resolved.name })));
  return withoutTokenStackTraces(() => build(scope, analysis.resolved, options.dispatcher ?? cloudDispatcher, addons.addons));
}

/**
 * A fleet: organisation defaults merged under every cluster (see `mergeSpecs`), every cluster
 * validated before anything is built (one error listing every problem of every cluster), then
 * only the clouds the fleet uses are loaded and the clusters are built in order.
 *
 * Precedence, highest first: a value written in the cluster's spec; the organisation's
 * `defaults` (its `aws`/`gcp`/`azure` blocks only for clusters on that cloud); the profile's
 * relaxations (`development`); `DEFAULTS`. Objects (tags, `kubernetesLabels`, labels, mirrors)
 * merge key by key; node pools and namespaces merge by name; admins and a namespace's
 * allowances add up. Extra add-ons (`options.addons`) are checked with the specs and installed
 * after the built-in ones.
 */
export async function defineFleet(scope: Construct, fleet: FleetSpec, options: DefineOptions = {}): Promise<PolyCluster[]> {
  const dispatcher = options.dispatcher ?? cloudDispatcher;
  const resolved: ResolvedCluster[] = [];
  const prepared: (readonly PreparedAddon[])[] = [];
  const problems: LocatedProblem[] = [];
  const merged = fleet.clusters.map((cluster) => mergeSpecs(fleet.defaults, cluster));
  merged.forEach((spec, i) => {
    const analysis = analyseSpec(spec);
    if (analysis.ok) {
      resolved.push(analysis.resolved);
      const addons = checkAddons(analysis.resolved, addonsFor(options.addons, analysis.resolved));
      if (addons.ok) prepared.push(addons.addons);
      else problems.push(...addons.problems.map((p) => ({ ...p, prefix: `clusters[${i}]` })));
    } else problems.push(...analysis.problems.map((p) => ({ ...p, prefix: `clusters[${i}]` })));
    const firstUse = merged.findIndex((other) => other.name === spec.name);
    if (firstUse !== i && typeof spec.name === 'string') {
      problems.push({ prefix: `clusters[${i}]`, path: 'name', value: spec.name, rule: `is already used by clusters[${firstUse}]`, fix: 'give every cluster its own name: stack names and state keys derive from it' });
    }
  });
  if (problems.length > 0) throw new SpecValidationError(problems);
  await dispatcher.load(resolved.map((c) => c.cloud));
  return withoutTokenStackTraces(() => resolved.map((cluster, i) => build(scope, cluster, dispatcher, prepared[i])));
}

function build(scope: Construct, spec: ResolvedCluster, dispatcher: CloudDispatcher, addons: readonly PreparedAddon[] = []): PolyCluster {
  // Add-on namespaces get their policies in the policies stack, which a cluster without
  // cert-manager or managed namespaces would not have otherwise.
  const resolved: ResolvedCluster = addons.length > 0 && !spec.phases.includes('policies') ? { ...spec, phases: [...spec.phases, 'policies'] } : spec;
  const builder = dispatcher.builderFor(resolved.cloud);
  const stacks = new PhaseStacks(scope, resolved);
  const built = builder.build(stacks, resolved);
  const { files: manifests, addonNamespaces } = polyclusterManifests(resolved, addons.map((a) => a.addon));
  if (stacks.platform) installExtraAddons(stacks.platform, addons, addonNamespaces);
  if (stacks.policies) applyManifests(stacks.policies, manifests, built.applyTimeValues);
  KubernetesLabels.applyTo(stacks.all(), resolved.kubernetesLabels);
  return { resolved, stacks, manifests };
}
