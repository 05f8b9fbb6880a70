import { certManagerRule, egressRule, ingressRule } from './addons';
import { adminsRule, deployerCidrsRule } from './access';
import { stateBackendRule } from './backend';
import { nodeCapacityRule, podCapacityRule, subnetPlanRule } from './capacity';
import { cniOptionsRule } from './cni';
import type { Rule } from './context';
import { cloudSettingsRule, nameRule, regionRule, versionRule, zonesRule } from './identity';
import { kubernetesLabelsRule } from './kubernetes-labels';
import { namespacesRule } from './namespaces';
import {
  cidrSyntaxRule,
  controlPlaneRangeRule,
  disjointRangesRule,
  podRangeRule,
  serviceRangeRule,
  subnetPrefixRule,
  unusedRangesRule,
  vpcRule,
} from './network';
import { nodePoolsRule } from './node-pools';
import { tagsRule } from './tags';

export type { Rule, RuleContext } from './context';

/** Every semantic rule, in the order their problems are reported. */
export const RULES: readonly Rule[] = [
  nameRule,
  regionRule,
  zonesRule,
  versionRule,
  cloudSettingsRule,
  cniOptionsRule,
  cidrSyntaxRule,
  unusedRangesRule,
  vpcRule,
  serviceRangeRule,
  podRangeRule,
  controlPlaneRangeRule,
  disjointRangesRule,
  subnetPrefixRule,
  subnetPlanRule,
  nodeCapacityRule,
  podCapacityRule,
  adminsRule,
  deployerCidrsRule,
  nodePoolsRule,
  egressRule,
  ingressRule,
  certManagerRule,
  namespacesRule,
  tagsRule,
  kubernetesLabelsRule,
  stateBackendRule,
];
