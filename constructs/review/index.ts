/**
 * The PR plan review: compares two syntheses (Terraform JSON, YAML and cluster records) and
 * writes a Markdown report. Loads no provider binding.
 *
 * @module polycluster/review
 */
export { CLUSTER_RECORD_FORMAT, CLUSTERS_DIR, writeClusterRecord, type ClusterRecord } from './cluster-record';
export { EMPTY_SYNTHESIS, reviewCluster, reviewSyntheses, type ClusterReview } from './cluster-review';
export { changedPaths, flatten, type AttributeChange } from './flatten';
export {
  REPLACEMENT_RULES,
  replacementEffect,
  type ConditionalReplacement,
  type MaybeReplacement,
  type PathChange,
  type ReplaceWhen,
  type ReplacementEffect,
  type ReplacementOptions,
  type ReplacementRule,
  type RiskCategory,
} from './force-new';
export { diffManifests, objectKey, type ObjectChange } from './manifest-diff';
export { fitReport } from './markdown';
export { networkDiagram } from './network-diagram';
export { clusterPosture, postureChanges, postureTable, type ClusterPosture, type PostureExceptionRecord, type PostureRow } from './posture';
export { diffReachability, judgedProbes, manifestFiles, type ReachabilityChange } from './reachability-diff';
export { renderReview, type RenderOptions } from './render-review';
export { replacementsOf, type Replacement } from './replacements';
export { diffStack, diffStacks, planCounts, type BlockAction, type BlockChange, type StackDiff } from './resource-diff';
export { clusterOfStack, PHASE_SUFFIXES, readSynthesis, stacksOf, SYNTHESIS_DIRS, type Synthesis, type SynthesizedCluster, type TerraformBlocks, type TerraformJson } from './synthesis';
export { reviewReport, type ReviewOptions } from './review-report';
