import { describe, expect, it } from 'vitest';
import { certManagerIdentityName, externalDnsIdentityName, keyVaultName, logAnalyticsName, networkName, virtualNetworkName, withSuffix } from '../../constructs/azure/names';
import { resolveCluster, type ClusterSpec } from '../../constructs/spec';
import { MINIMAL } from '../support/specs';

const resolved = (change: Partial<ClusterSpec>) => resolveCluster({ ...MINIMAL.azure, ...change });
/** Key Vault: 3-24 characters, letters, digits and single hyphens, starting with a letter, not ending with a hyphen. */
const KEY_VAULT_NAME = /^(?=.{3,24}$)[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/;
const LONG_NAME = `aks_${'platform-'.repeat(6)}x`;

describe('Azure resource names', () => {
  it('derives the Key Vault name from the cluster name and a stable hash', () => {
    const name = keyVaultName(resolved({}));
    expect(name).toMatch(/^aks-test-[0-9a-f]{6}$/);
    expect(keyVaultName(resolved({}))).toBe(name);
  });

  it('gives same-named clusters in another resource group or region another vault name', () => {
    const base = keyVaultName(resolved({}));
    expect(keyVaultName(resolved({ azure: { resourceGroupName: 'other-rg' } }))).not.toBe(base);
    expect(keyVaultName(resolved({ region: 'northeurope' }))).not.toBe(base);
  });

  it('keeps the vault name valid for any valid cluster name', () => {
    for (const name of ['aks-test', 'a', '9lives', 'AKS_Prod__eu', LONG_NAME]) {
      const vault = keyVaultName(resolved({ name, azure: { dnsPrefix: 'aks' } }));
      expect(vault, name).toMatch(KEY_VAULT_NAME);
    }
    expect(keyVaultName(resolved({ name: '9lives', azure: { dnsPrefix: 'aks' } }))).toMatch(/^kv-9lives-[0-9a-f]{6}$/);
  });

  it('cuts long cluster names to the limits of the VNet, the workspace and network resources, keeping the suffix', () => {
    const cluster = resolved({ name: LONG_NAME, azure: { dnsPrefix: 'aks' } });
    expect(virtualNetworkName(cluster)).toHaveLength(64);
    expect(virtualNetworkName(cluster).endsWith('-vnet')).toBe(true);
    expect(logAnalyticsName(cluster).length).toBeLessThanOrEqual(63);
    expect(logAnalyticsName(cluster)).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9-]*-logs$/);
    expect(networkName(cluster, '-api-server-nsg')).toBe(`${LONG_NAME}-api-server-nsg`);
  });

  it("names cert-manager's identity after the whole cluster name, apart from ExternalDNS's", () => {
    expect(certManagerIdentityName(resolved({}))).toBe('aks-test-cert-manager');
    expect(certManagerIdentityName(resolved({}))).not.toBe(externalDnsIdentityName(resolved({})));
    const long = resolved({ name: 'a'.repeat(63), azure: { dnsPrefix: 'aks' } });
    expect(certManagerIdentityName(long)).toBe(`${'a'.repeat(63)}-cert-manager`);
  });

  it('drops separators where a name is cut', () => {
    expect(withSuffix('abc-def', '-x', 6)).toBe('abc-x');
    expect(withSuffix('abcdef', '-x', 10)).toBe('abcdef-x');
  });
});
