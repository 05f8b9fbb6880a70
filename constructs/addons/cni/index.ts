import type { Construct } from 'constructs';
import { cellKey, type ResolvedCluster } from '../../spec';
import type { HelmAddon } from '../helm-addon';
import { CalicoAddon, CALICO_INSTALLABLE_CELLS } from './calico';
import { CiliumAddon, CILIUM_INSTALLABLE_CELLS, type CiliumCloudInputs } from './cilium';

/** Cloud facts a self-installed CNI may need, as values or Terraform references. */
export type CniCloudInputs = CiliumCloudInputs;

/** Every matrix cell polycluster installs itself (`<cloud>/<kind>/<mode>`). */
export const CNI_INSTALLER_CELLS: readonly string[] = [...CILIUM_INSTALLABLE_CELLS, ...CALICO_INSTALLABLE_CELLS];

/**
 * The cluster's self-installed CNI as a helm release in the cni stack. Only self-installed cells
 * get here (the cni stack exists for no other), and each has an installer (tested).
 */
export function installCni(stack: Construct, cluster: ResolvedCluster, cloud: CniCloudInputs): HelmAddon {
  switch (cluster.cni.kind) {
    case 'cilium':
      return new CiliumAddon(stack, 'Cilium', cluster, cloud);
    case 'calico':
      return new CalicoAddon(stack, 'Calico', cluster);
    default:
      throw new Error(`polycluster: internal: no installer for ${cellKey(cluster.cni.cell)}`);
  }
}
