import type { TerraformStack } from 'cdktf';
import { Fn } from 'cdktf';
import { CHARTS } from '../addons/charts';
import { CILIUM_INSTALLABLE_MODES, CILIUM_RELEASE, ciliumValues } from '../addons/cni/cilium';
import { HelmAddon } from '../addons/helm-addon';
import type { ResolvedCluster } from '../spec';
import type { EksClusterStack } from './cluster-stack';

/**
 * The self-installed CNI of an EKS cluster, in the cni stack. `wait = false`: the stack runs
 * before any node exists, so nothing the chart starts can become ready yet.
 */
export function installAwsCni(stack: TerraformStack, cluster: ResolvedCluster, built: EksClusterStack): void {
  const cell = `${cluster.cloud}/${cluster.cni.mode}`;
  if (cluster.cni.kind !== 'cilium' || !CILIUM_INSTALLABLE_MODES.includes(cell)) {
    throw new Error(
      `polycluster: ${cluster.name}: cni.kind ${cluster.cni.kind} mode ${cluster.cni.mode} on aws has no installer in this version; ` +
        `self-installed CNIs available on aws: cilium mode eni. Use cni.kind cloud (the VPC CNI with network policy) or cilium.`,
    );
  }
  const operatorRole = built.roles.ciliumOperator?.role.arn;
  new HelmAddon(stack, 'Cilium', {
    chart: CHARTS.cilium,
    releaseName: CILIUM_RELEASE.name,
    namespace: CILIUM_RELEASE.namespace,
    createNamespace: false,
    values: ciliumValues(cluster, {
      apiServerHost: Fn.replace(built.controlPlane.cluster.endpoint, 'https://', ''),
      ...(operatorRole ? { operatorServiceAccountAnnotations: { 'eks.amazonaws.com/role-arn': operatorRole } } : {}),
    }),
    wait: false,
  });
}
