import type { ClusterSpec, FleetSpec, SpecDefaults } from '../constructs';

/**
 * Organisation defaults for every cluster of this repository, merged under each spec by
 * defineFleet (see mergeSpecs for the rules).
 */
export const organisationDefaults: SpecDefaults = {
  profile: 'production',
  tags: { owner: 'platform-team', 'managed-by': 'polycluster' },
};

/** EKS examples. */
export const awsClusters: readonly ClusterSpec[] = [];

/** GKE examples. */
export const gcpClusters: readonly ClusterSpec[] = [];

/** AKS examples. */
export const azureClusters: readonly ClusterSpec[] = [];

/**
 * The clusters this repository deploys: an example for every cloud and CNI. defineFleet loads a
 * cloud's folder only for the clusters that use it.
 */
export const fleet: FleetSpec = {
  defaults: organisationDefaults,
  clusters: [...awsClusters, ...gcpClusters, ...azureClusters],
};
