import type { TerraformStack } from 'cdktf';
import { Fn } from 'cdktf';
import { installCni } from '../addons/cni';
import type { ResolvedCluster } from '../spec';
import type { EksClusterStack } from './cluster-stack';

/**
 * The self-installed CNI of an EKS cluster, in the cni stack: Cilium (eni, chaining, overlay) or
 * Calico (policy-only on the VPC CNI, or vxlan replacing it).
 */
export function installAwsCni(stack: TerraformStack, cluster: ResolvedCluster, built: EksClusterStack): void {
  const operatorRole = built.roles.ciliumOperator?.role.arn;
  installCni(stack, cluster, {
    apiServerHost: Fn.replace(built.controlPlane.cluster.endpoint, 'https://', ''),
    ...(operatorRole ? { operatorServiceAccountAnnotations: { 'eks.amazonaws.com/role-arn': operatorRole } } : {}),
  });
}
