import type { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import type { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { MonitorDataCollectionRuleAssociation } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import type { TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';
import type { AksNetwork } from './network';
import { logAnalyticsName, withSuffix } from './names';
import { CONTROL_PLANE_LOGS } from '../spec/control-plane-logs';

/**
 * Control-plane log categories sent to the workspace. `kube-audit-admin` (audit events without
 * get/list) instead of `kube-audit`, which multiplies log volume for little security value.
 */
export const CONTROL_PLANE_LOG_CATEGORIES = CONTROL_PLANE_LOGS.azure;

/** The workspace for Container Insights (oms_agent) and control-plane logs. */
export function createLogAnalytics(stack: TerraformStack, cluster: ResolvedCluster, network: AksNetwork): LogAnalyticsWorkspace {
  return new LogAnalyticsWorkspace(stack, 'LogAnalytics', {
    name: logAnalyticsName(cluster),
    resourceGroupName: network.resourceGroup.name,
    location: network.resourceGroup.location,
    sku: 'PerGB2018',
    // Validation keeps it within the 30-730 days the workspace accepts.
    retentionInDays: cluster.security.logRetentionDays,
    // Agents authenticate with their managed identity (msi_auth_for_monitoring_enabled), so
    // shared workspace keys are not needed.
    localAuthenticationEnabled: false,
    tags: { ...cluster.tags },
  });
}

/** Control-plane logs to the workspace, in resource-specific tables. */
export function createControlPlaneDiagnostics(stack: TerraformStack, aks: KubernetesCluster, workspace: LogAnalyticsWorkspace): MonitorDiagnosticSetting {
  return new MonitorDiagnosticSetting(stack, 'ControlPlaneDiagnostics', {
    name: 'control-plane-logs',
    targetResourceId: aks.id,
    logAnalyticsWorkspaceId: workspace.id,
    logAnalyticsDestinationType: 'Dedicated',
    enabledLog: CONTROL_PLANE_LOG_CATEGORIES.map((category) => ({ category })),
  });
}

/** Key Vault audit events (every key access, including the KMS plugin's) to the workspace. */
export function createKeyVaultDiagnostics(stack: TerraformStack, vault: KeyVault, workspace: LogAnalyticsWorkspace): MonitorDiagnosticSetting {
  return new MonitorDiagnosticSetting(stack, 'KeyVaultDiagnostics', {
    name: 'key-vault-audit',
    targetResourceId: vault.id,
    logAnalyticsWorkspaceId: workspace.id,
    enabledLog: [{ categoryGroup: 'audit' }],
  });
}

/** Container Insights tables collected by the Azure Monitor agent (ContainerLogV2, not v1). */
export const CONTAINER_INSIGHTS_STREAMS = [
  'Microsoft-ContainerLogV2',
  'Microsoft-KubeEvents',
  'Microsoft-KubePodInventory',
  'Microsoft-KubeNodeInventory',
  'Microsoft-KubePVInventory',
  'Microsoft-KubeServices',
  'Microsoft-KubeMonAgentEvents',
  'Microsoft-InsightsMetrics',
  'Microsoft-ContainerInventory',
  'Microsoft-ContainerNodeInventory',
  'Microsoft-Perf',
] as const;

/**
 * The data collection rule Container Insights needs with managed-identity auth: the CLI creates
 * it, Terraform does not, and without it `oms_agent` sends nothing (azurerm issue 23510).
 */
export function createContainerInsights(
  stack: TerraformStack,
  cluster: ResolvedCluster,
  aks: KubernetesCluster,
  workspace: LogAnalyticsWorkspace,
): MonitorDataCollectionRuleAssociation {
  const destination = 'logs';
  const streams = [...CONTAINER_INSIGHTS_STREAMS];
  const rule = new MonitorDataCollectionRule(stack, 'ContainerInsightsRule', {
    name: withSuffix(cluster.name, '-container-insights', 64),
    resourceGroupName: workspace.resourceGroupName,
    location: workspace.location,
    description: 'Container Insights for the AKS cluster',
    destinations: { logAnalytics: [{ name: destination, workspaceResourceId: workspace.id }] },
    dataFlow: [{ streams, destinations: [destination] }],
    dataSources: {
      extension: [
        {
          name: 'ContainerInsightsExtension',
          extensionName: 'ContainerInsights',
          streams,
          // Keys in the order Terraform's jsonencode writes them, so Azure's copy compares equal.
          extensionJson: JSON.stringify({ dataCollectionSettings: { enableContainerLogV2: true, interval: '1m', namespaceFilteringMode: 'Off' } }),
        },
      ],
    },
    tags: { ...cluster.tags },
  });
  return new MonitorDataCollectionRuleAssociation(stack, 'ContainerInsightsRuleAssociation', {
    name: 'ContainerInsightsExtension',
    targetResourceId: aks.id,
    dataCollectionRuleId: rule.id,
    description: 'Container Insights data collection for this cluster; deleting it stops the collection',
  });
}
