import type { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import type { TerraformStack } from 'cdktf';
import { EXTERNAL_DNS_RELEASE, ExternalDnsAddon } from '../addons/ingress/external-dns';
import type { ResolvedCluster } from '../spec';
import type { AksExternalDnsIdentity } from './external-dns-identity';

/** The ConfigMap with ExternalDNS's Azure settings, and where the pod reads them. */
export const EXTERNAL_DNS_AZURE_CONFIG = { configMap: 'external-dns-azure', volume: 'azure-config', mountPath: '/etc/kubernetes', file: 'azure.json' } as const;

/**
 * ExternalDNS in the platform stack with workload identity: its namespace first, then the
 * `azure.json` its Azure provider reads (tenant, subscription, resource group; no secret, the
 * token comes from the workload identity webhook), then the release. ExternalDNS's Azure
 * providers read a single resource group from that file, so all `ingress.externalDnsZones` must
 * share the first zone's resource group; zones elsewhere are not updated.
 */
export function installExternalDns(
  stack: TerraformStack,
  cluster: ResolvedCluster,
  dns: AksExternalDnsIdentity,
  client: DataAzurermClientConfig,
): ExternalDnsAddon {
  const namespace = new NamespaceV1(stack, 'ExternalDnsNamespace', { metadata: { name: EXTERNAL_DNS_RELEASE.namespace } });
  const settings = {
    tenantId: client.tenantId,
    subscriptionId: client.subscriptionId,
    resourceGroup: dns.zones[0]!.resourceGroupName,
    useWorkloadIdentityExtension: true,
  };
  const configMap = new ConfigMapV1(stack, 'ExternalDnsAzureConfig', {
    metadata: { name: EXTERNAL_DNS_AZURE_CONFIG.configMap, namespace: namespace.metadata.name },
    data: { [EXTERNAL_DNS_AZURE_CONFIG.file]: JSON.stringify(settings) },
  });
  const { volume, mountPath, configMap: configMapName } = EXTERNAL_DNS_AZURE_CONFIG;
  return new ExternalDnsAddon(
    stack,
    'ExternalDns',
    cluster,
    {
      name: dns.providerName,
      args: {},
      serviceAccountAnnotations: { 'azure.workload.identity/client-id': dns.identity.clientId },
      podLabels: { 'azure.workload.identity/use': 'true' },
      volumes: [{ volume: { name: volume, configMap: { name: configMapName } }, mount: { name: volume, mountPath, readOnly: true } }],
    },
    { createNamespace: false, dependsOn: [namespace, configMap] },
  );
}
