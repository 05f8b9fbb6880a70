import type { FleetSpec, SpecDefaults } from '../constructs';

/**
 * Organisation defaults for every cluster of this repository, merged under each spec by
 * defineFleet (see mergeSpecs for the rules).
 */
export const organisationDefaults: SpecDefaults = {
  profile: 'production',
  tags: { owner: 'platform-team', 'managed-by': 'polycluster' },
};

/**
 * The clusters this repository deploys. A cloud's example clusters join this list together
 * with its cloud folder (constructs/aws, constructs/gcp, constructs/azure): defineFleet loads a
 * cloud's folder only for the clusters that use it.
 */
export const fleet: FleetSpec = {
  defaults: organisationDefaults,
  clusters: [],
};
