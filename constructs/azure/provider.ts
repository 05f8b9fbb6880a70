import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import type { TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';

/**
 * The azurerm provider of a stack that holds Azure resources or data sources. Credentials come
 * from the environment (Azure CLI, workload identity / OIDC, managed identity), never from state.
 */
export function configureAzurerm(stack: TerraformStack, cluster: ResolvedCluster): AzurermProvider {
  const subscriptionId = cluster.azure?.subscriptionId;
  return new AzurermProvider(stack, 'Azurerm', {
    ...(subscriptionId ? { subscriptionId } : {}),
    // Storage data-plane calls with Entra ID instead of shared keys.
    storageUseAzuread: true,
    features: [
      {
        keyVault: [
          {
            // The etcd key vault has purge protection: never try to purge it or its keys, and
            // recover them when the same cluster is created again (its name is deterministic).
            purgeSoftDeleteOnDestroy: false,
            purgeSoftDeletedKeysOnDestroy: false,
            recoverSoftDeletedKeyVaults: true,
            recoverSoftDeletedKeys: true,
          },
        ],
        // A resource group that still holds resources (e.g. created by AKS) is not deleted.
        resourceGroup: [{ preventDeletionIfContainsResources: true }],
      },
    ],
  });
}
