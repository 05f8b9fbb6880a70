/**
 * OS disk placement. An ephemeral OS disk lives on the VM's local storage: faster node starts
 * and reimages, no managed-disk cost, but it must fit that storage, or node creation fails.
 * polycluster uses it only for VM families whose local (temp) disk size it knows: the v5 sizes
 * with a local disk (`Standard_D4ds_v5`, `Standard_E8ads_v5`, ...) have 37.5 GiB per vCPU.
 * Every other size gets a managed OS disk.
 */

/** Local temp disk per vCPU of the D/E v5 sizes with a local disk (`d` in the name). */
const V5_TEMP_DISK_GIB_PER_VCPU = 37.5;
const V5_LOCAL_DISK_SIZE = /^Standard_[DE](\d+)a?ds_v5$/;

/** The local temp disk of a VM size in GiB, when polycluster knows it. */
export function knownTempDiskGiB(vmSize: string): number | undefined {
  const match = V5_LOCAL_DISK_SIZE.exec(vmSize);
  return match ? Number(match[1]) * V5_TEMP_DISK_GIB_PER_VCPU : undefined;
}

/** `Ephemeral` when the OS disk surely fits the VM's local disk, else `Managed`. */
export function osDiskType(vmSize: string, diskSizeGiB: number): 'Ephemeral' | 'Managed' {
  const temp = knownTempDiskGiB(vmSize);
  return temp !== undefined && diskSizeGiB <= temp ? 'Ephemeral' : 'Managed';
}
