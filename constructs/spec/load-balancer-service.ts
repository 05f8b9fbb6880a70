import type { ResolvedCluster } from './resolved';
import type { Exposure } from './types';

/** How a `Service` of type `LoadBalancer` asks the cloud for an L4 load balancer. */
export interface LoadBalancerService {
  /** `spec.loadBalancerClass`, where the cloud's controller claims Services by class (immutable once set). */
  readonly loadBalancerClass?: string;
  /** `metadata.annotations`. */
  readonly annotations: Readonly<Record<string, string>>;
}

/** Which load balancer targets reach the pods: the pods themselves, or every node's node port. */
export type LoadBalancerTargets = 'ip' | 'instance';

/**
 * Targets on EKS: pods with VPC addresses (VPC CNI, Cilium `eni` or chained, Calico policy-only)
 * are registered directly; overlay pods cannot be reached from the VPC, so traffic enters through
 * the nodes' node ports instead.
 */
export function loadBalancerTargets(cluster: Pick<ResolvedCluster, 'cni'>): LoadBalancerTargets {
  return cluster.cni.cell.podAddressing === 'vpc' ? 'ip' : 'instance';
}

/**
 * The `loadBalancerClass` and annotations of an internal or internet-facing L4 load balancer on
 * the cluster's cloud. Use them on your own Services; the platform stack's ingress controller
 * uses them with the spec's `ingress.exposure`.
 * - AWS: an NLB from the AWS Load Balancer Controller (never the in-tree Classic Load Balancer),
 *   in the scheme asked for, targeting pods or nodes per the CNI.
 * - GCP: an internal passthrough NLB, or the backend-service-based external passthrough NLB.
 * - Azure: the Azure cloud provider's internal load balancer in the node subnet, or the
 *   cluster's public Standard load balancer.
 */
export function loadBalancerService(cluster: Pick<ResolvedCluster, 'cloud' | 'cni'>, exposure: Exposure): LoadBalancerService {
  const internal = exposure === 'internal';
  switch (cluster.cloud) {
    case 'aws':
      return {
        loadBalancerClass: 'service.k8s.aws/nlb',
        annotations: {
          'service.beta.kubernetes.io/aws-load-balancer-scheme': exposure,
          'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': loadBalancerTargets(cluster),
        },
      };
    case 'gcp':
      return { annotations: internal ? { 'networking.gke.io/load-balancer-type': 'Internal' } : { 'cloud.google.com/l4-rbs': 'enabled' } };
    case 'azure':
      return { annotations: internal ? { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' } : {} };
  }
}
