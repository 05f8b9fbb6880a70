import { addressOf, block, blocks, describeValue, flag, num, plural, str, strings, type TerraformResource, type TerraformView } from './posture-json';
import { egressReading, publicEndpoint, retentionReading, type CloudPosture, type PostureReading } from './posture-model';
import { CONTROL_PLANE_LOGS } from '../spec/control-plane-logs';

/**
 * The AKS control-plane log categories the secure default sends to Log Analytics (`kube-audit`
 * may stand in for `kube-audit-admin`; the `allLogs` group covers every one).
 */
export const AKS_LOG_CATEGORIES = CONTROL_PLANE_LOGS.azure;

/** The default pool (inside the cluster resource) and every extra pool, by name. */
function pools(aks: TerraformResource, view: TerraformView): { readonly name: string; readonly body: Readonly<Record<string, unknown>> }[] {
  const system = block(aks.body.default_node_pool);
  return [
    ...(system ? [{ name: String(system.name ?? 'default'), body: system }] : []),
    ...view.resources('azurerm_kubernetes_cluster_node_pool').map((p) => ({ name: String(p.body.name ?? p.name), body: p.body })),
  ];
}

function apiEndpoint(aks: TerraformResource): PostureReading {
  const profile = block(aks.body.api_server_access_profile);
  if (flag(aks.body.private_cluster_enabled) === true) {
    const integrated = flag(profile?.virtual_network_integration_enabled) === true ? ' (API server VNet integration)' : '';
    const publicFqdn = flag(aks.body.private_cluster_public_fqdn_enabled) === true ? '; public FQDN published' : '';
    return { value: `private only${integrated}${publicFqdn}`, secure: true };
  }
  return publicEndpoint(strings(profile?.authorized_ip_ranges) ?? []);
}

function authentication(aks: TerraformResource): PostureReading {
  const entra = block(aks.body.azure_active_directory_role_based_access_control);
  const azureRbac = flag(entra?.azure_rbac_enabled) === true;
  const localOff = flag(aks.body.local_account_disabled) === true;
  const rbacOn = flag(aks.body.role_based_access_control_enabled) !== false;
  const parts = [entra ? `Entra ID${azureRbac ? ' with Azure RBAC' : ' with Kubernetes RBAC'}` : 'no Entra ID', localOff ? 'local accounts disabled' : 'local accounts enabled'];
  return { value: parts.join(', '), secure: azureRbac && localOff && rbacOn };
}

function secretsEncryption(aks: TerraformResource, view: TerraformView): PostureReading {
  const keyId = block(aks.body.key_management_service)?.key_vault_key_id;
  if (keyId === undefined) return { value: 'platform-managed etcd encryption only (no KMS key)', secure: false };
  const key = view.target(aks.stack, keyId);
  if (!key || key.type !== 'azurerm_key_vault_key') return { value: `Key Vault key ${describeValue(keyId)} (rotation not visible here)`, secure: false };
  const every = str(block(block(key.body.rotation_policy)?.automatic)?.time_after_creation);
  return { value: `Key Vault key ${addressOf(key)} (${every ? `rotation every ${every}` : 'no automatic rotation'})`, secure: every !== undefined };
}

function logging(aks: TerraformResource, view: TerraformView): PostureReading {
  const settings = view.resources('azurerm_monitor_diagnostic_setting').filter((d) => view.target(d.stack, d.body.target_resource_id)?.type === aks.type);
  const logs = settings.flatMap((d) => blocks(d.body.enabled_log));
  const all = logs.some((l) => l.category_group === 'allLogs');
  const categories = new Set(logs.map((l) => String(l.category)).map((c) => (c === 'kube-audit' ? 'kube-audit-admin' : c)));
  const on = all ? AKS_LOG_CATEGORIES.length : AKS_LOG_CATEGORIES.filter((c) => categories.has(c)).length;
  const workspace = settings.map((d) => view.target(d.stack, d.body.log_analytics_workspace_id)).find((w) => w?.type === 'azurerm_log_analytics_workspace');
  return retentionReading('azure', on === AKS_LOG_CATEGORIES.length, `${on} of ${AKS_LOG_CATEGORIES.length} log categories`, num(workspace?.body.retention_in_days));
}

function tier(aks: TerraformResource): PostureReading {
  const sku = str(aks.body.sku_tier) ?? 'Free';
  return { value: sku === 'Free' ? 'Free (no uptime SLA)' : `${sku} (uptime SLA)`, secure: sku !== 'Free' };
}

function workloadIdentity(aks: TerraformResource): PostureReading {
  const wi = flag(aks.body.workload_identity_enabled) === true;
  const oidc = flag(aks.body.oidc_issuer_enabled) === true;
  return wi && oidc ? { value: 'Entra Workload ID (OIDC issuer on)', secure: true } : { value: `workload identity ${wi ? 'on' : 'off'}, OIDC issuer ${oidc ? 'on' : 'off'}`, secure: false };
}

function egress(aks: TerraformResource, view: TerraformView): PostureReading {
  const outbound = str(block(aks.body.network_profile)?.outbound_type) ?? 'loadBalancer';
  if (outbound !== 'userAssignedNATGateway') return { value: `outbound through ${outbound} (addresses not pinned by this stack)`, secure: false, explainedBy: () => false };
  const ips = view.resources('azurerm_nat_gateway_public_ip_association').length;
  // A prefix of length n holds 2^(32-n) addresses.
  const prefixIps = view
    .resources('azurerm_nat_gateway_public_ip_prefix_association')
    .map((a) => view.target(a.stack, a.body.public_ip_prefix_id))
    .reduce((sum, p) => sum + 2 ** (32 - (num(p?.body.prefix_length) ?? 28)), 0);
  return egressReading(ips + prefixIps, strings(block(aks.body.default_node_pool)?.zones)?.length, 'NAT gateway');
}

function nodePublicIps(aks: TerraformResource, view: TerraformView): PostureReading {
  const exposed = pools(aks, view).filter((p) => flag(p.body.node_public_ip_enabled) === true).map((p) => p.name);
  return exposed.length === 0 ? { value: 'none', secure: true } : { value: `public node IPs on ${exposed.join(', ')}`, secure: false };
}

function hostEncryption(aks: TerraformResource, view: TerraformView): PostureReading {
  const all = pools(aks, view);
  const on = all.filter((p) => flag(p.body.host_encryption_enabled) === true).length;
  return { value: `on ${on} of ${plural(all.length, 'node pool')}`, secure: on === all.length };
}

function managedPolicy(view: TerraformView): string | undefined {
  const network = block(view.first('azurerm_kubernetes_cluster')?.body.network_profile);
  const policy = str(network?.network_policy);
  if (policy === 'cilium') return `Cilium (Azure CNI powered by Cilium, network_policy cilium)`;
  if (policy === 'calico') return 'Calico (AKS network policy)';
  if (policy === 'azure') return 'Azure Network Policy Manager';
  return undefined;
}

/** AKS: where each posture item lives in the synthesized Azure resources. */
export const AZURE_POSTURE: CloudPosture = {
  clusterType: 'azurerm_kubernetes_cluster',
  managedPolicyEnforcement: managedPolicy,
  readers: {
    'API endpoint': apiEndpoint,
    'Authentication': authentication,
    'Secrets encryption': secretsEncryption,
    'Control-plane logging': logging,
    'Control-plane tier': tier,
    'Workload identity': workloadIdentity,
    'Egress IPs': egress,
    'Node public IPs': nodePublicIps,
    'Host encryption': hostEncryption,
  },
};
