import type { ClusterSpec } from '../../constructs';

/** Minimal valid specs per cloud, the starting point of most tests. */
export const MINIMAL: { readonly aws: ClusterSpec; readonly gcp: ClusterSpec; readonly azure: ClusterSpec } = {
  aws: { name: 'eks-test', cloud: 'aws', region: 'eu-west-1' },
  gcp: { name: 'gke-test', cloud: 'gcp', region: 'europe-west1', gcp: { project: 'acme-platform' } },
  azure: { name: 'aks-test', cloud: 'azure', region: 'westeurope' },
};

/** ECR pull-through caches for every registry the charts use: what `egress.nat: none` needs. */
export const MIRRORS: Readonly<Record<string, string>> = {
  'quay.io': '111122223333.dkr.ecr.eu-west-1.amazonaws.com/quay',
  'registry.k8s.io': '111122223333.dkr.ecr.eu-west-1.amazonaws.com/k8s',
  'public.ecr.aws': '111122223333.dkr.ecr.eu-west-1.amazonaws.com/ecr-public',
  'docker.io': '111122223333.dkr.ecr.eu-west-1.amazonaws.com/docker-hub',
};

/** A spec with fields replaced (shallow per top-level field). */
export function withSpec(base: ClusterSpec, change: Partial<ClusterSpec>): ClusterSpec {
  return { ...base, ...change };
}
