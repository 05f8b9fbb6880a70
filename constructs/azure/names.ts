import { createHash } from 'node:crypto';
import type { ResolvedCluster } from '../spec';

/**
 * Azure resource names. Each is derived from the cluster name only (never from a position or a
 * timestamp), so synth output is deterministic; changing a name replaces the resource.
 */

/** Name length limits of the resource types named here. */
export const AZURE_NAME_LIMITS = {
  virtualNetwork: 64,
  logAnalyticsWorkspace: 63,
  keyVault: 24,
  /** Subnets, NSGs, public IPs, NAT gateways and most other network resources. */
  network: 80,
  userAssignedIdentity: 128,
  /** Our own cap for custom role names, which must be unique across the Entra tenant. */
  customRole: 64,
} as const;

/**
 * `<base><suffix>` cut to `max` characters: the base is shortened (never the suffix) and loses
 * trailing separators, since Azure names must end with a letter or digit.
 */
export function withSuffix(base: string, suffix: string, max: number): string {
  const room = Math.max(max - suffix.length, 1);
  return `${base.slice(0, room).replace(/[-_.]+$/, '')}${suffix}`;
}

/** The cluster name with only letters, digits and single hyphens (Log Analytics, Key Vault). */
function hyphenated(name: string): string {
  return name.replace(/[^a-zA-Z0-9-]/g, '-').replace(/-{2,}/g, '-');
}

/** A name for network resources (subnets, NSGs, NAT, public IPs): `<cluster><suffix>`. */
export function networkName(cluster: ResolvedCluster, suffix: string): string {
  return withSuffix(cluster.name, suffix, AZURE_NAME_LIMITS.network);
}

/** The static public IP of the ingress controller's public load balancer. */
export function ingressIpName(cluster: ResolvedCluster): string {
  return networkName(cluster, '-ingress');
}

/** The user-assigned identity ExternalDNS runs as through workload identity. */
export function externalDnsIdentityName(cluster: ResolvedCluster): string {
  return withSuffix(cluster.name, '-external-dns', AZURE_NAME_LIMITS.userAssignedIdentity);
}

/** The user-assigned identity cert-manager's controller runs as for DNS01 through workload identity. */
export function certManagerIdentityName(cluster: ResolvedCluster): string {
  return withSuffix(cluster.name, '-cert-manager', AZURE_NAME_LIMITS.userAssignedIdentity);
}

/** Hex characters of the hash that makes tenant-wide names unique. */
const TENANT_UNIQUE_HASH_LENGTH = 8;

/**
 * The custom role that lets the control plane list the public IPs of the cluster's resource
 * group. Custom role names are unique across the whole Entra tenant, so the cluster name gets
 * a hash of subscription, resource group and cluster name: same-named clusters elsewhere in the
 * tenant get their own role.
 */
export function publicIpReaderRoleName(cluster: ResolvedCluster): string {
  return customRoleName(cluster, 'public-ip-reader');
}

/** The tenant-unique name of ExternalDNS's DNS zone reader role. */
export function dnsZoneReaderRoleName(cluster: ResolvedCluster): string {
  return customRoleName(cluster, 'dns-zone-reader');
}

/** Custom role names are unique in the tenant: `<cluster>-<purpose>-<hash of subscription, group, cluster>`. */
function customRoleName(cluster: ResolvedCluster, purpose: string): string {
  const azure = cluster.azure;
  const hash = createHash('sha256')
    .update(`${azure?.subscriptionId ?? ''}/${azure?.resourceGroupName ?? ''}/${cluster.name}`)
    .digest('hex')
    .slice(0, TENANT_UNIQUE_HASH_LENGTH);
  return withSuffix(cluster.name, `-${purpose}-${hash}`, AZURE_NAME_LIMITS.customRole);
}

/** The VNet name (2-64 characters). */
export function virtualNetworkName(cluster: ResolvedCluster): string {
  return withSuffix(cluster.name, '-vnet', AZURE_NAME_LIMITS.virtualNetwork);
}

/** The Log Analytics workspace name (4-63 letters, digits and hyphens). */
export function logAnalyticsName(cluster: ResolvedCluster): string {
  return withSuffix(hyphenated(cluster.name), '-logs', AZURE_NAME_LIMITS.logAnalyticsWorkspace);
}

/** Hex characters of the Key Vault name hash. */
const KEY_VAULT_HASH_LENGTH = 6;

/**
 * The Key Vault name. Vault names are global across Azure, 3-24 characters, letters, digits and
 * single hyphens, starting with a letter. It is the cluster name (cut to fit) plus a 6-hex hash of
 * region, resource group and cluster name: stable for the life of the cluster (all three already
 * replace the cluster when they change), and different for same-named clusters elsewhere.
 * A destroyed vault stays soft-deleted under purge protection; the azurerm provider recovers it
 * when the same cluster is created again (`recover_soft_deleted_key_vaults`).
 */
export function keyVaultName(cluster: ResolvedCluster): string {
  const resourceGroup = cluster.azure?.resourceGroupName ?? '';
  const hash = createHash('sha256')
    .update(`${cluster.region}/${resourceGroup}/${cluster.name}`)
    .digest('hex')
    .slice(0, KEY_VAULT_HASH_LENGTH);
  let base = hyphenated(cluster.name).toLowerCase();
  if (!/^[a-z]/.test(base)) base = `kv-${base}`;
  return withSuffix(base.replace(/-{2,}/g, '-'), `-${hash}`, AZURE_NAME_LIMITS.keyVault);
}

