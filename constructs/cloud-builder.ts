import type { ApplyTimeValues } from './apply-time-values';
import type { PhaseStacks } from './phase-stacks';
import type { Cloud, ResolvedCluster } from './spec';

/**
 * What a cloud folder (constructs/aws, constructs/gcp, constructs/azure) provides: it fills the
 * phase stacks of a resolved cluster with that cloud's resources. It is the only code that
 * imports the cloud's provider bindings.
 */
export interface CloudBuilder {
  /** The cloud whose specs this builder builds. */
  readonly cloud: Cloud;
  /** Creates the cloud's resources of one cluster in its phase stacks. */
  build(stacks: PhaseStacks, cluster: ResolvedCluster): BuiltCluster;
}

/** What the cloud's resources give the cluster's manifests. */
export interface BuiltCluster {
  /** Terraform references for the manifests' apply-time placeholders (see apply-time-values.ts). */
  readonly applyTimeValues: ApplyTimeValues;
}

/** The shape of a cloud folder's entry module. */
export interface CloudModule {
  /** The cloud's builder, which the dispatcher registers. */
  readonly builder: CloudBuilder;
}
