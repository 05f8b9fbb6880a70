/**
 * polycluster: typed constructs for EKS, GKE and AKS clusters with their networks, CNIs and
 * baseline policies, on CDK for Terraform. Cloud bindings load only for the clouds in use.
 *
 * @module polycluster
 */
export * from './spec';
export { defineCluster, defineFleet, type DefineOptions, type PolyCluster } from './cluster';
export { PhaseStacks } from './phase-stacks';
export { synthWarnings } from './warnings';
export { synthesizeApp } from './synthesize-app';
export { FULL_RESOLUTION_ENV, withPlainDataResolution } from './plain-data-resolution';
export { TOKEN_STACK_TRACES_ENV, withoutTokenStackTraces } from './token-stack-traces';
export { pruneStaleStacks } from './stale-stacks';
export { CloudDispatcher, cloudDispatcher, CLOUD_ENTRY_MODULES, DEFAULT_CLOUD_LOADERS, type CloudLoaders } from './cloud-dispatch';
export type { BuiltCluster, CloudBuilder, CloudModule } from './cloud-builder';
export { APPLY_TIME, applyTimeKeys, applyTimeValue, withApplyTimeValues, type ApplyTimeValues } from './apply-time-values';
export {
  CERT_MANAGER_FILE,
  clusterManifests,
  CLUSTER_WIDE_FILE,
  manifestYaml,
  namespaceFileName,
  writeManifests,
  type ManifestFile,
  type ManifestObject,
} from './manifests/cluster-manifests';
export { allowOutPolicyName, allowToPolicyName, BASELINE_POLICY, NamespaceManifests } from './manifests/baseline-network-policies';
export { CLUSTER_POLICY, ClusterWideManifests, FQDN_POLICY } from './manifests/cni-policies';
export { CERT_MANAGER_POLICY, certManagerPolicies } from './manifests/cert-manager-policies';
export { certManagerIssuers } from './manifests/cert-manager-issuers';
export { acmeSolvers, type AcmeSolver } from './manifests/acme-solvers';
export { CertManagerAddon, certManagerValues, installCertManager, type CertManagerIdentity } from './addons/cert-manager';
export { applyManifests, manifestId } from './applied-manifests';
export type { KubeExec } from './kube-providers';
export type { ExternalDnsAddon, ExternalDnsAddonOptions, ExternalDnsProvider } from './addons/ingress/external-dns';
export {
  addonContext,
  addonNamespaces,
  addonsFor,
  BUILT_IN_RELEASES,
  checkAddons,
  type AddonCheck,
  type AddonContext,
  type AddonNetwork,
  type AddonSelection,
  type AddonWebhook,
  type PolyClusterAddon,
  type PreparedAddon,
} from './addons/addon-contract';
export { ExtraAddon, installExtraAddons } from './addons/extra-addons';
export { HelmAddon, type HelmAddonProps } from './addons/helm-addon';
export type { HelmChart } from './addons/charts';
export { ADDON_POLICY, polyclusterManifests, type PolyClusterManifests } from './manifests/addon-manifests';
export { CHART_LABEL_KEYS, KubernetesLabels, labelObject, mergeLabels, withLabelsAt, type Labels } from './kubernetes-labels';
export { EXPRESSION_VALUE, overrideAttribute, OVERRIDES_OUTPUT, type OverrideTarget, type RecordedOverride } from './escape-hatch';
