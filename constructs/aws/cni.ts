import type { TerraformStack } from 'cdktf';
import { Fn } from 'cdktf';
import { CiliumAddon } from '../addons/cni/cilium';
import type { ResolvedCluster } from '../spec';
import type { EksClusterStack } from './cluster-stack';

/**
 * The self-installed CNI of an EKS cluster, in the cni stack. Validation lets only installable
 * cells through (`CNI_INSTALLERS`); on EKS these are the Cilium modes.
 */
export function installAwsCni(stack: TerraformStack, cluster: ResolvedCluster, built: EksClusterStack): void {
  const operatorRole = built.roles.ciliumOperator?.role.arn;
  new CiliumAddon(stack, 'Cilium', cluster, {
    apiServerHost: Fn.replace(built.controlPlane.cluster.endpoint, 'https://', ''),
    ...(operatorRole ? { operatorServiceAccountAnnotations: { 'eks.amazonaws.com/role-arn': operatorRole } } : {}),
  });
}
