import { addressOf, block, blocks, describeValue, flag, isPrivateCidr, num, plural, str, strings, zoneCount, type TerraformResource, type TerraformView } from './posture-json';
import { egressReading, NO_EGRESS, publicEndpoint, retentionReading, type CloudPosture, type PostureReading } from './posture-model';
import { CONTROL_PLANE_LOGS } from '../spec/control-plane-logs';

/** The control-plane and workload log components the secure default sends to Cloud Logging. */
export const GKE_LOG_COMPONENTS = CONTROL_PLANE_LOGS.gcp;

function apiEndpoint(gke: TerraformResource): PostureReading {
  const privateEndpoint = flag(block(gke.body.private_cluster_config)?.enable_private_endpoint) === true;
  const authorized = block(gke.body.master_authorized_networks_config);
  const cidrs = blocks(authorized?.cidr_blocks).map((b) => String(b.cidr_block));
  const googleRanges = flag(authorized?.gcp_public_cidrs_access_enabled) === true;
  const dnsOpen = flag(block(block(gke.body.control_plane_endpoints_config)?.dns_endpoint_config)?.allow_external_traffic) === true;
  const extras = [googleRanges ? '; Google Cloud public ranges admitted' : '', dnsOpen ? '; DNS endpoint reachable from the internet' : ''].join('');
  if (privateEndpoint) {
    const value = `private only${cidrs.length > 0 ? `, admits ${cidrs.join(', ')}` : ''}${extras}`;
    return { value, secure: !googleRanges && !dnsOpen };
  }
  // Without authorized networks the public endpoint takes any address.
  const open = authorized ? cidrs.filter((c) => !isPrivateCidr(c)) : [];
  const reading = publicEndpoint(open, extras);
  return googleRanges || dnsOpen ? { ...reading, explainedBy: () => false } : reading;
}

function authentication(gke: TerraformResource): PostureReading {
  const clientCert = flag(block(block(gke.body.master_auth)?.client_certificate_config)?.issue_client_certificate) === true;
  const abac = flag(gke.body.enable_legacy_abac) === true;
  const parts = [clientCert ? 'client certificate issued' : 'no client certificate', abac ? 'legacy ABAC on' : 'legacy ABAC off'];
  return { value: `IAM and RBAC, ${parts.join(', ')}`, secure: !clientCert && !abac };
}

function secretsEncryption(gke: TerraformResource, view: TerraformView): PostureReading {
  const encryption = block(gke.body.database_encryption);
  if (str(encryption?.state) !== 'ENCRYPTED' || encryption?.key_name === undefined) {
    return { value: 'Google-managed encryption only (no application-layer key)', secure: false };
  }
  const key = view.target(gke.stack, encryption.key_name);
  if (!key || key.type !== 'google_kms_crypto_key') return { value: `Cloud KMS key ${describeValue(encryption.key_name)} (rotation not visible here)`, secure: false };
  const seconds = num(String(key.body.rotation_period ?? '').replace(/s$/, ''));
  const rotation = seconds ? `rotation every ${Math.round(seconds / 86_400)} days` : 'no rotation';
  return { value: `Cloud KMS key ${addressOf(key)} (${rotation})`, secure: seconds !== undefined };
}

function logging(gke: TerraformResource, view: TerraformView): PostureReading {
  const components = strings(block(gke.body.logging_config)?.enable_components) ?? [];
  const on = GKE_LOG_COMPONENTS.filter((c) => components.includes(c)).length;
  const bucket = view.first('google_logging_project_bucket_config');
  return retentionReading('gcp', on === GKE_LOG_COMPONENTS.length, `${on} of ${GKE_LOG_COMPONENTS.length} log components`, num(bucket?.body.retention_days));
}

function workloadIdentity(gke: TerraformResource): PostureReading {
  const pool = block(gke.body.workload_identity_config)?.workload_pool;
  return pool === undefined ? { value: 'off', secure: false } : { value: `Workload Identity (${describeValue(pool)})`, secure: true };
}

function egress(gke: TerraformResource, view: TerraformView): PostureReading {
  const nat = view.first('google_compute_router_nat');
  if (!nat) return NO_EGRESS;
  if (str(nat.body.nat_ip_allocate_option) !== 'MANUAL_ONLY') return { value: 'Cloud NAT with auto-allocated addresses (not static)', secure: false, explainedBy: () => false };
  return egressReading((strings(nat.body.nat_ips) ?? []).length, zoneCount(gke.body.node_locations), 'Cloud NAT');
}

function nodeMetadata(_gke: TerraformResource, view: TerraformView): PostureReading | undefined {
  const pools = view.resources('google_container_node_pool');
  if (pools.length === 0) return undefined;
  const good = pools.filter((p) => str(block(block(p.body.node_config)?.workload_metadata_config)?.mode) === 'GKE_METADATA').length;
  return { value: `GKE metadata server on ${good} of ${plural(pools.length, 'node pool')}`, secure: good === pools.length };
}

function nodePublicIps(gke: TerraformResource, view: TerraformView): PostureReading {
  const clusterPrivate = flag(block(gke.body.private_cluster_config)?.enable_private_nodes) === true;
  const publicPools = view.resources('google_container_node_pool').filter((p) => {
    const own = flag(block(p.body.network_config)?.enable_private_nodes);
    return own === false || (own === undefined && !clusterPrivate);
  });
  return publicPools.length === 0
    ? { value: 'none (private nodes)', secure: true }
    : { value: `public node IPs on ${publicPools.map((p) => p.name).join(', ')}`, secure: false };
}

function flowLogs(_gke: TerraformResource, view: TerraformView): PostureReading {
  // Proxy-only subnets carry no VMs and take no flow logs.
  const subnets = view.resources('google_compute_subnetwork').filter((s) => s.body.purpose === undefined || s.body.purpose === 'PRIVATE');
  const logged = subnets.filter((s) => block(s.body.log_config) !== undefined).length;
  return { value: `subnet flow logs on ${logged} of ${plural(subnets.length, 'subnet')}`, secure: subnets.length > 0 && logged === subnets.length };
}

function managedPolicy(view: TerraformView): string | undefined {
  const gke = view.first('google_container_cluster');
  if (!gke) return undefined;
  if (gke.body.datapath_provider === 'ADVANCED_DATAPATH') return 'Dataplane V2 (Cilium-based, datapath_provider ADVANCED_DATAPATH)';
  const policy = block(gke.body.network_policy);
  const addonOff = flag(block(block(gke.body.addons_config)?.network_policy_config)?.disabled) === true;
  return flag(policy?.enabled) === true && !addonOff ? `${str(policy?.provider) === 'CALICO' ? 'Calico' : String(policy?.provider)} (GKE network policy)` : undefined;
}

/** GKE: where each posture item lives in the synthesized Google resources. */
export const GCP_POSTURE: CloudPosture = {
  clusterType: 'google_container_cluster',
  managedPolicyEnforcement: managedPolicy,
  // The GKE flow-logs row reads only whether each subnet logs, not how long: retention cannot explain it.
  paths: { 'Flow logs': [] },
  readers: {
    'API endpoint': apiEndpoint,
    'Authentication': authentication,
    'Secrets encryption': secretsEncryption,
    'Control-plane logging': logging,
    'Workload identity': workloadIdentity,
    'Egress IPs': egress,
    'Node metadata': nodeMetadata,
    'Node public IPs': nodePublicIps,
    'Flow logs': flowLogs,
  },
};
