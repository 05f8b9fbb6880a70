import type { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';
import { AZURE_ROLES, grantToIdentity, type AksIdentities } from './identities';
import type { AksNetwork } from './network';
import { keyVaultName } from './names';

/** The key that encrypts Kubernetes secrets in etcd (AKS KMS), and its grants. */
export interface AksEtcdEncryption {
  /** The Key Vault that holds the key. */
  readonly vault: KeyVault;
  /** The key AKS KMS encrypts etcd secrets with. */
  readonly key: KeyVaultKey;
  /** Key Vault Crypto User for the control-plane identity; the cluster is created after it. */
  readonly controlPlaneGrant: RoleAssignment;
}

/**
 * How the AKS KMS plugin reaches the vault. `Public`: over the vault's public endpoint, with
 * Entra ID RBAC as the gate. AKS KMS does not support a public vault behind its firewall, and a
 * `Private` vault needs a private endpoint and private DNS that the deployer must also reach to
 * create the key; `Public` keeps deploys working from CI while only the control-plane identity
 * may use the key.
 */
export const KMS_KEY_VAULT_NETWORK_ACCESS = 'Public';

/** Key rotation: a new version every 180 days, each version valid for a year. */
export const ETCD_KEY_ROTATION = {
  rotateAfter: 'P180D',
  expireAfter: 'P1Y',
  notifyBeforeExpiry: 'P30D',
} as const;

/** Days a deleted vault or key stays recoverable (the maximum). */
export const SOFT_DELETE_RETENTION_DAYS = 90;

/**
 * A Key Vault (RBAC authorization, purge protection, soft delete) with an RSA key for KMS etcd
 * encryption. A rotated key becomes a new key version; the next deploy of the cluster stack
 * moves KMS to it, well before the old version expires.
 */
export function createEtcdEncryption(
  stack: TerraformStack,
  cluster: ResolvedCluster,
  network: AksNetwork,
  identities: AksIdentities,
  client: DataAzurermClientConfig,
): AksEtcdEncryption {
  const vault = new KeyVault(stack, 'KeyVault', {
    name: keyVaultName(cluster),
    resourceGroupName: network.resourceGroup.name,
    location: network.resourceGroup.location,
    tenantId: client.tenantId,
    skuName: 'standard',
    rbacAuthorizationEnabled: true,
    purgeProtectionEnabled: true,
    softDeleteRetentionDays: SOFT_DELETE_RETENTION_DAYS,
    publicNetworkAccessEnabled: true,
    // A firewall would block the KMS plugin in Public mode (see KMS_KEY_VAULT_NETWORK_ACCESS).
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' },
    enabledForDeployment: false,
    enabledForDiskEncryption: false,
    enabledForTemplateDeployment: false,
    tags: { ...cluster.tags },
  });
  // With RBAC authorization the identity running Terraform has no data-plane access until it
  // is granted; it needs to create and rotate the key, nothing more.
  const deployerGrant = new RoleAssignment(stack, 'DeployerKeyVaultCryptoOfficer', {
    scope: vault.id,
    roleDefinitionName: AZURE_ROLES.keyVaultCryptoOfficer,
    principalId: client.objectId,
  });
  const key = new KeyVaultKey(stack, 'EtcdKey', {
    name: 'etcd-kms',
    keyVaultId: vault.id,
    keyType: 'RSA',
    keySize: 2048,
    keyOpts: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
    rotationPolicy: {
      automatic: { timeAfterCreation: ETCD_KEY_ROTATION.rotateAfter },
      expireAfter: ETCD_KEY_ROTATION.expireAfter,
      notifyBeforeExpiry: ETCD_KEY_ROTATION.notifyBeforeExpiry,
    },
    tags: { ...cluster.tags },
    dependsOn: [deployerGrant],
  });
  // Scoped to the one key, not the vault.
  const controlPlaneGrant = grantToIdentity(stack, 'ControlPlaneEtcdKeyCryptoUser', identities.controlPlane, AZURE_ROLES.keyVaultCryptoUser, key.resourceVersionlessId);
  return { vault, key, controlPlaneGrant };
}
