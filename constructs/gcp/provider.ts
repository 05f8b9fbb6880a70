import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import type { TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';
import { projectOf } from './names';

/**
 * The Google provider of one stack: the cluster's project and region, and its tags as default
 * labels on every resource that takes labels. Every stack with Google resources or data sources
 * (cluster, nodes, and the Kubernetes-facing stacks for their access token) has one.
 */
export function googleProvider(stack: TerraformStack, cluster: ResolvedCluster): GoogleProvider {
  const provider = new GoogleProvider(stack, 'Google', { project: projectOf(cluster), region: cluster.region });
  // cdktf snake-cases every key of a provider block, map keys included (`polycluster-cluster`
  // would become `polycluster_cluster`, a different label); an override is written verbatim.
  provider.addOverride('default_labels', { ...cluster.tags });
  return provider;
}
