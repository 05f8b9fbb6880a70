import { beforeAll, describe, expect, it } from 'vitest';
import { dataOf, onlyResource, resourcesOf, type StackJson, type SynthesizedCluster } from '../support/synth';
import { ADMIN_GROUP, aksOf, DEPLOYER, DEPLOYER_CIDRS, fromClusterStack, grantsOf, ref, resource, SECOND_ADMIN, synthAks } from './aks';

const CLUSTER_ADMIN = 'Azure Kubernetes Service RBAC Cluster Admin';

describe('AKS security settings (private API server, defaults)', () => {
  let synth: SynthesizedCluster;
  let stack: StackJson;
  let aks: any;
  beforeAll(async () => {
    synth = await synthAks({ access: { admins: [ADMIN_GROUP, SECOND_ADMIN], deployer: { principal: DEPLOYER } } });
    stack = synth.stacks.cluster!;
    aks = aksOf(stack);
  });

  it('keeps the API server private, projected into the delegated API server subnet', () => {
    expect(aks.private_cluster_enabled).toBe(true);
    expect(aks.private_cluster_public_fqdn_enabled).toBe(false);
    expect(aks.api_server_access_profile).toEqual({
      virtual_network_integration_enabled: true,
      subnet_id: ref('azurerm_subnet', 'ApiServerSubnet', 'id'),
    });
    expect(resourcesOf(stack, 'azurerm_network_security_rule')).toEqual({});
  });

  it('authenticates with Entra ID only and authorizes with Azure RBAC', () => {
    expect(aks.role_based_access_control_enabled).toBe(true);
    expect(aks.azure_active_directory_role_based_access_control).toEqual({
      azure_rbac_enabled: true,
      tenant_id: '${data.azurerm_client_config.ClientConfig.tenant_id}',
    });
    expect(aks.local_account_disabled).toBe(true);
    expect(Object.keys(dataOf(stack, 'azurerm_client_config'))).toEqual(['ClientConfig']);
  });

  it('grants RBAC Cluster Admin on the cluster to every admin and to the deployer principal', () => {
    const grants = grantsOf(stack, CLUSTER_ADMIN);
    expect(Object.keys(grants).sort()).toEqual([`ClusterAdmin_${ADMIN_GROUP}`, `ClusterAdmin_${SECOND_ADMIN}`, `ClusterAdmin_${DEPLOYER}`].sort());
    expect(Object.values(grants).map((g) => g.principal_id).sort()).toEqual([ADMIN_GROUP, DEPLOYER, SECOND_ADMIN].sort());
    for (const g of Object.values(grants)) expect(g.scope).toBe(ref('azurerm_kubernetes_cluster', 'Cluster', 'id'));
  });

  it('turns on the OIDC issuer and workload identity', () => {
    expect(aks.oidc_issuer_enabled).toBe(true);
    expect(aks.workload_identity_enabled).toBe(true);
  });

  it('runs the control plane as a user-assigned identity', () => {
    expect(aks.identity).toEqual({ type: 'UserAssigned', identity_ids: [ref('azurerm_user_assigned_identity', 'ControlPlaneIdentity', 'id')] });
  });

  it('encrypts etcd with a rotated Key Vault key that only the control-plane identity may use', () => {
    expect(aks.key_management_service).toEqual({ key_vault_key_id: ref('azurerm_key_vault_key', 'EtcdKey', 'id'), key_vault_network_access: 'Public' });
    const vault = resource(stack, 'azurerm_key_vault', 'KeyVault');
    expect(vault).toMatchObject({
      purge_protection_enabled: true,
      rbac_authorization_enabled: true,
      soft_delete_retention_days: 90,
      // AKS KMS in Public mode does not work behind the vault firewall; RBAC is the gate.
      public_network_access_enabled: true,
      network_acls: { default_action: 'Allow', bypass: 'AzureServices' },
      tenant_id: '${data.azurerm_client_config.ClientConfig.tenant_id}',
    });
    const key = resource(stack, 'azurerm_key_vault_key', 'EtcdKey');
    expect(key).toMatchObject({ key_type: 'RSA', key_size: 2048, key_vault_id: ref('azurerm_key_vault', 'KeyVault', 'id') });
    expect(key.key_opts).toEqual(expect.arrayContaining(['encrypt', 'decrypt']));
    expect(key.rotation_policy).toEqual({ automatic: { time_after_creation: 'P180D' }, expire_after: 'P1Y', notify_before_expiry: 'P30D' });

    const cryptoUsers = grantsOf(stack, 'Key Vault Crypto User');
    expect(cryptoUsers).toEqual({
      ControlPlaneEtcdKeyCryptoUser: expect.objectContaining({
        scope: ref('azurerm_key_vault_key', 'EtcdKey', 'resource_versionless_id'),
        principal_id: ref('azurerm_user_assigned_identity', 'ControlPlaneIdentity', 'principal_id'),
        principal_type: 'ServicePrincipal',
      }),
    });
    // The grant exists before AKS turns KMS on.
    expect(aks.depends_on).toContain('azurerm_role_assignment.ControlPlaneEtcdKeyCryptoUser');
  });

  it('audits every use of the vault in the workspace', () => {
    expect(resource(stack, 'azurerm_monitor_diagnostic_setting', 'KeyVaultDiagnostics')).toMatchObject({
      target_resource_id: ref('azurerm_key_vault', 'KeyVault', 'id'),
      log_analytics_workspace_id: ref('azurerm_log_analytics_workspace', 'LogAnalytics', 'id'),
      enabled_log: [{ category_group: 'audit' }],
    });
  });

  it('lets the identity running Terraform create the key, and nothing more, before it creates it', () => {
    expect(grantsOf(stack, 'Key Vault Crypto Officer')).toEqual({
      DeployerKeyVaultCryptoOfficer: expect.objectContaining({
        scope: ref('azurerm_key_vault', 'KeyVault', 'id'),
        principal_id: '${data.azurerm_client_config.ClientConfig.object_id}',
      }),
    });
    expect(resource(stack, 'azurerm_key_vault_key', 'EtcdKey').depends_on).toEqual(['azurerm_role_assignment.DeployerKeyVaultCryptoOfficer']);
  });

  it('names the vault within Azure limits, derived from the cluster', () => {
    expect(resource(stack, 'azurerm_key_vault', 'KeyVault').name).toMatch(/^aks-test-[0-9a-f]{6}$/);
  });

  it('rotates secrets of the Key Vault secrets provider and enables Azure Policy', () => {
    expect(aks.key_vault_secrets_provider).toEqual({ secret_rotation_enabled: true, secret_rotation_interval: '2m' });
    expect(aks.azure_policy_enabled).toBe(true);
  });

  it('upgrades patches and node images automatically, in separate weekly windows', () => {
    expect(aks.automatic_upgrade_channel).toBe('patch');
    expect(aks.node_os_upgrade_channel).toBe('NodeImage');
    expect(aks.maintenance_window_auto_upgrade).toEqual({ frequency: 'Weekly', interval: 1, day_of_week: 'Sunday', start_time: '01:00', utc_offset: '+00:00', duration: 4 });
    expect(aks.maintenance_window_node_os).toEqual({ frequency: 'Weekly', interval: 1, day_of_week: 'Saturday', start_time: '01:00', utc_offset: '+00:00', duration: 4 });
  });

  it('sends Container Insights and control-plane logs to a Log Analytics workspace with the production retention', () => {
    const workspace = resource(stack, 'azurerm_log_analytics_workspace', 'LogAnalytics');
    expect(workspace).toMatchObject({ retention_in_days: 365, sku: 'PerGB2018', local_authentication_enabled: false, name: 'aks-test-logs' });
    expect(aks.oms_agent).toEqual({ log_analytics_workspace_id: ref('azurerm_log_analytics_workspace', 'LogAnalytics', 'id'), msi_auth_for_monitoring_enabled: true });
    const diagnostics = resource(stack, 'azurerm_monitor_diagnostic_setting', 'ControlPlaneDiagnostics');
    expect(diagnostics.target_resource_id).toBe(ref('azurerm_kubernetes_cluster', 'Cluster', 'id'));
    expect(diagnostics.log_analytics_workspace_id).toBe(ref('azurerm_log_analytics_workspace', 'LogAnalytics', 'id'));
    expect(diagnostics.enabled_log.map((l: { category: string }) => l.category)).toEqual(
      expect.arrayContaining(['kube-apiserver', 'kube-audit-admin', 'kube-controller-manager', 'guard']),
    );
    // Managed-identity auth sends nothing without a data collection rule on the cluster.
    const association = onlyResource(stack, 'azurerm_monitor_data_collection_rule_association');
    expect(association.target_resource_id).toBe(ref('azurerm_kubernetes_cluster', 'Cluster', 'id'));
    expect(association.data_collection_rule_id).toBe(ref('azurerm_monitor_data_collection_rule', 'ContainerInsightsRule', 'id'));
    const rule = onlyResource(stack, 'azurerm_monitor_data_collection_rule');
    expect(rule.destinations.log_analytics[0].workspace_resource_id).toBe(ref('azurerm_log_analytics_workspace', 'LogAnalytics', 'id'));
    expect(rule.data_sources.extension[0].extension_name).toBe('ContainerInsights');
  });

  it('encrypts at host and gives no node a public IP', () => {
    expect(aks.default_node_pool.host_encryption_enabled).toBe(true);
    expect(aks.default_node_pool.node_public_ip_enabled).toBe(false);
    const pool = onlyResource(synth.stacks.nodes, 'azurerm_kubernetes_cluster_node_pool');
    expect(pool.host_encryption_enabled).toBe(true);
    expect(pool.node_public_ip_enabled).toBe(false);
  });

  it('makes the default pool the system pool for critical add-ons only, sized by azure.systemPool', () => {
    expect(aks.default_node_pool).toMatchObject({
      name: 'system',
      only_critical_addons_enabled: true,
      vm_size: 'Standard_D4ds_v5',
      auto_scaling_enabled: true,
      min_count: 3,
      max_count: 5,
      node_count: 3,
      zones: ['1', '2', '3'],
      vnet_subnet_id: ref('azurerm_subnet', 'NodeSubnet', 'id'),
      max_pods: 110,
      temporary_name_for_rotation: 'systemtmp',
      upgrade_settings: { max_surge: '3' },
    });
    expect(aks.lifecycle.ignore_changes).toEqual(['default_node_pool[0].node_count']);
  });

  it('uses the Standard (SLA) tier in production, the version and DNS prefix of the spec, and the tags', () => {
    expect(aks.sku_tier).toBe('Standard');
    expect(stack.output.aks_sku_tier.value).toBe('Standard');
    expect(aks.kubernetes_version).toBe(synth.cluster.resolved.kubernetesVersion);
    expect(aks.dns_prefix).toBe('aks-test');
    expect(aks.tags).toEqual({ 'polycluster-cluster': 'aks-test', 'polycluster-profile': 'production' });
  });
});

describe('AKS security settings that depend on the spec', () => {
  it('opens the public endpoint to the deployer CIDRs only, in authorized_ip_ranges and the API server NSG', async () => {
    const { stacks } = await synthAks({ access: { deployer: { network: { from: 'cidrs', cidrs: DEPLOYER_CIDRS } } } });
    const aks = aksOf(stacks.cluster);
    expect(aks.private_cluster_enabled).toBe(false);
    expect(aks.api_server_access_profile.authorized_ip_ranges).toEqual(DEPLOYER_CIDRS);
    expect(aks.api_server_access_profile.virtual_network_integration_enabled).toBe(true);
    const rule = onlyResource(stacks.cluster, 'azurerm_network_security_rule');
    expect(rule).toMatchObject({
      network_security_group_name: ref('azurerm_network_security_group', 'ApiServerSecurityGroup', 'name'),
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      source_address_prefixes: DEPLOYER_CIDRS,
      destination_port_range: '443',
    });
    expect(JSON.stringify(stacks.cluster)).not.toContain('0.0.0.0/0');
  });

  it('grants the identity running Terraform when no deployer principal is named, and a deployer who is an admin once', async () => {
    const unnamed = await synthAks({ access: { admins: [ADMIN_GROUP] } });
    expect(grantsOf(unnamed.stacks.cluster, CLUSTER_ADMIN).DeployerClusterAdmin.principal_id).toBe('${data.azurerm_client_config.ClientConfig.object_id}');
    const both = await synthAks({ access: { admins: [ADMIN_GROUP], deployer: { principal: ADMIN_GROUP } } });
    expect(Object.keys(grantsOf(both.stacks.cluster, CLUSTER_ADMIN))).toEqual([`ClusterAdmin_${ADMIN_GROUP}`]);
  });

  it('turns host encryption off only on an explicit opt-out, which shows in the posture output', async () => {
    const { stacks } = await synthAks({ security: { hostEncryption: false } });
    expect(aksOf(stacks.cluster).default_node_pool.host_encryption_enabled).toBe(false);
    expect(onlyResource(stacks.nodes, 'azurerm_kubernetes_cluster_node_pool').host_encryption_enabled).toBe(false);
    const exceptions = stacks.cluster!.output.polycluster_posture_exceptions.value as { path: string; source: string }[];
    expect(exceptions).toContainEqual(expect.objectContaining({ path: 'security.hostEncryption', source: 'spec' }));
  });

  it('keeps logs as long as the spec says', async () => {
    const { stacks } = await synthAks({ security: { logRetentionDays: 400 } });
    expect(resource(stacks.cluster, 'azurerm_log_analytics_workspace', 'LogAnalytics').retention_in_days).toBe(400);
  });

  it('uses the Free tier and 30-day logs in the development profile, and says so in the outputs', async () => {
    const { stacks } = await synthAks({ profile: 'development' });
    expect(aksOf(stacks.cluster).sku_tier).toBe('Free');
    expect(stacks.cluster!.output.aks_sku_tier.value).toBe('Free');
    expect(resource(stacks.cluster, 'azurerm_log_analytics_workspace', 'LogAnalytics').retention_in_days).toBe(30);
    const paths = (stacks.cluster!.output.polycluster_posture_exceptions.value as { path: string }[]).map((e) => e.path);
    expect(paths).toContain('security.logRetentionDays');
  });

  it('sizes the system pool from azure.systemPool and uses a managed OS disk where an ephemeral one may not fit', async () => {
    const { stacks } = await synthAks({ azure: { systemPool: { machineType: 'Standard_D2s_v5', min: 2, max: 4 } } });
    expect(aksOf(stacks.cluster).default_node_pool).toMatchObject({ vm_size: 'Standard_D2s_v5', min_count: 2, max_count: 4, node_count: 2, os_disk_type: 'Managed' });
  });

  it('reads host and CA of the later stacks from this cluster, never an admin kubeconfig', async () => {
    const { stacks } = await synthAks();
    const text = JSON.stringify(stacks);
    expect(text).not.toContain('kube_admin_config');
    expect(stacks.policies!.provider.kubernetes[0].host).toBe(fromClusterStack('aks-test', 'azurerm_kubernetes_clusterClusterkube_config0host'));
  });
});
