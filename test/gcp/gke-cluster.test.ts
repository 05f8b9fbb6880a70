import { beforeAll, describe, expect, it } from 'vitest';
import { dataOf, resourcesOf, synthCluster, type SynthesizedCluster } from '../support/synth';
import { addressOf, clusterResource, gke } from './helpers';

const PUBLIC_CIDRS = ['81.2.69.160/29', '92.40.176.16/28'];

describe('GKE cluster: secure by default (private endpoint)', () => {
  let synth: SynthesizedCluster;
  let cluster: Record<string, any>;
  beforeAll(async () => {
    synth = await synthCluster(
      gke({
        network: { controlPlaneCidr: '172.16.0.32/28' },
        access: { admins: ['group:platform-admins@acme.example'], deployer: { principal: 'serviceAccount:deployer@acme-platform.iam.gserviceaccount.com' } },
        tags: { team: 'platform' },
      }),
    );
    cluster = clusterResource(synth.stacks.cluster);
  });

  it('is a regional cluster named after the spec, at the spec version on the REGULAR channel', () => {
    expect(cluster.name).toBe('gke-test');
    expect(cluster.location).toBe('europe-west1');
    expect(cluster.project).toBe('acme-platform');
    expect(cluster.min_master_version).toBe('1.34');
    expect(cluster.release_channel).toEqual({ channel: 'REGULAR' });
  });

  it('has private nodes and a private endpoint in the spec control-plane range', () => {
    expect(cluster.private_cluster_config).toMatchObject({
      enable_private_nodes: true,
      enable_private_endpoint: true,
      master_ipv4_cidr_block: '172.16.0.32/28',
      master_global_access_config: { enabled: false },
    });
    // Only the deployer's private range (the VPC range by default), for the private endpoint.
    expect(cluster.master_authorized_networks_config.gcp_public_cidrs_access_enabled).toBe(false);
    expect(cluster.master_authorized_networks_config.cidr_blocks.map((b: any) => b.cidr_block)).toEqual([synth.cluster.resolved.network.vpcCidr]);
    expect(cluster.control_plane_endpoints_config).toEqual({ dns_endpoint_config: { allow_external_traffic: false } });
  });

  it('is VPC-native on the named secondary ranges of the node subnet', () => {
    const subnet = Object.values(resourcesOf(synth.stacks.cluster, 'google_compute_subnetwork'))[0] as any;
    expect(cluster.networking_mode).toBe('VPC_NATIVE');
    expect(cluster.ip_allocation_policy).toEqual({
      cluster_secondary_range_name: 'gke-test-pods',
      services_secondary_range_name: 'gke-test-services',
      stack_type: 'IPV4',
    });
    expect(subnet.secondary_ip_range.map((r: any) => r.range_name)).toEqual(['gke-test-pods', 'gke-test-services']);
    expect(cluster.subnetwork).toBe(`\${${addressOf(synth.stacks.cluster, 'google_compute_subnetwork', () => true)}.id}`);
    expect(cluster.network).toBe(`\${${addressOf(synth.stacks.cluster, 'google_compute_network', () => true)}.id}`);
  });

  it('has Workload Identity with the project pool', () => {
    expect(cluster.workload_identity_config).toEqual({ workload_pool: 'acme-platform.svc.id.goog' });
  });

  it('turns on shielded nodes and intranode visibility, and off legacy ABAC and client certificates', () => {
    expect(cluster.enable_shielded_nodes).toBe(true);
    expect(cluster.enable_intranode_visibility).toBe(true);
    expect(cluster.enable_legacy_abac).toBe(false);
    expect(cluster.master_auth).toEqual({ client_certificate_config: { issue_client_certificate: false } });
    expect(cluster.node_pool_defaults).toEqual({ node_config_defaults: { insecure_kubelet_readonly_port_enabled: 'FALSE' } });
  });

  it('sends control-plane and workload logs and metrics, with managed Prometheus', () => {
    expect(cluster.logging_config.enable_components).toEqual(expect.arrayContaining(['SYSTEM_COMPONENTS', 'APISERVER', 'CONTROLLER_MANAGER', 'SCHEDULER', 'WORKLOADS']));
    expect(cluster.monitoring_config.enable_components).toEqual(expect.arrayContaining(['SYSTEM_COMPONENTS', 'APISERVER', 'SCHEDULER', 'CONTROLLER_MANAGER']));
    expect(cluster.monitoring_config.managed_prometheus).toEqual({ enabled: true });
  });

  it('upgrades only in a recurring weekend-night window of at least 48 hours per 32 days', () => {
    const window = cluster.maintenance_policy.recurring_window;
    expect(window.recurrence).toBe('FREQ=WEEKLY;BYDAY=SA,SU');
    const start = new Date(window.start_time);
    const hours = (new Date(window.end_time).getTime() - start.getTime()) / 3_600_000;
    expect(start.getUTCDay()).toBe(6); // a Saturday anchors the recurrence
    expect(start.getUTCHours()).toBeLessThan(6); // night, UTC
    // 32 days hold at least 8 weekend days.
    expect(8 * hours).toBeGreaterThanOrEqual(48);
  });

  it('encrypts Secrets with a rotating Cloud KMS key that only the GKE service agent may use', () => {
    const keys = resourcesOf(synth.stacks.cluster, 'google_kms_crypto_key');
    const key = Object.values(keys)[0] as any;
    const keyAddress = addressOf(synth.stacks.cluster, 'google_kms_crypto_key', () => true);
    const ring = Object.values(resourcesOf(synth.stacks.cluster, 'google_kms_key_ring'))[0] as any;
    expect(ring.location).toBe('europe-west1');
    expect(key.rotation_period).toBe('7776000s');
    expect(key.purpose).toBe('ENCRYPT_DECRYPT');
    expect(cluster.database_encryption).toEqual({ state: 'ENCRYPTED', key_name: `\${${keyAddress}.id}` });

    const grant = Object.values(resourcesOf(synth.stacks.cluster, 'google_kms_crypto_key_iam_member'))[0] as any;
    const project = Object.keys(dataOf(synth.stacks.cluster, 'google_project'))[0];
    expect(dataOf(synth.stacks.cluster, 'google_project')[project!].project_id).toBe('acme-platform');
    expect(grant).toMatchObject({
      crypto_key_id: `\${${keyAddress}.id}`,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: `serviceAccount:service-\${data.google_project.${project}.number}@container-engine-robot.iam.gserviceaccount.com`,
    });
    // The cluster must not be created before GKE may use the key.
    expect(cluster.depends_on).toContain(addressOf(synth.stacks.cluster, 'google_kms_crypto_key_iam_member', () => true));
  });

  it('removes the default node pool, which runs as the dedicated node identity until then', () => {
    expect(cluster.remove_default_node_pool).toBe(true);
    expect(cluster.initial_node_count).toBe(1);
    const sa = addressOf(synth.stacks.cluster, 'google_service_account', () => true);
    expect(cluster.node_config).toMatchObject({
      service_account: `\${${sa}.email}`,
      workload_metadata_config: { mode: 'GKE_METADATA' },
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
    });
    expect(cluster.lifecycle.ignore_changes).toContain('node_config');
  });

  it('enables the Gateway API on the standard channel and the load balancing add-on', () => {
    expect(cluster.gateway_api_config).toEqual({ channel: 'CHANNEL_STANDARD' });
    expect(cluster.addons_config.http_load_balancing).toEqual({ disabled: false });
  });

  it('labels the cluster with the resolved tags and protects it from deletion', () => {
    expect(cluster.resource_labels).toEqual(synth.cluster.resolved.tags);
    expect(cluster.resource_labels).toMatchObject({ team: 'platform', 'polycluster-cluster': 'gke-test' });
    expect(cluster.deletion_protection).toBe(true);
  });

  it('grants cluster admin to every admin and to the deployer principal', () => {
    const grants = Object.values(resourcesOf(synth.stacks.cluster, 'google_project_iam_member')).filter((g: any) => g.role === 'roles/container.admin');
    expect(grants.map((g: any) => g.member).sort()).toEqual([
      'group:platform-admins@acme.example',
      'serviceAccount:deployer@acme-platform.iam.gserviceaccount.com',
    ]);
    expect(grants.every((g: any) => g.project === 'acme-platform')).toBe(true);
  });
});

describe('GKE cluster: deployer from public CIDRs', () => {
  it('opens the public endpoint to the deployer CIDRs only, never to 0.0.0.0/0 or Google Cloud ranges', async () => {
    const { stacks } = await synthCluster(gke({ access: { deployer: { network: { from: 'cidrs', cidrs: PUBLIC_CIDRS } } } }));
    const cluster = clusterResource(stacks.cluster);
    expect(cluster.private_cluster_config.enable_private_endpoint).toBe(false);
    expect(cluster.private_cluster_config.enable_private_nodes).toBe(true);
    const blocks = cluster.master_authorized_networks_config.cidr_blocks.map((b: any) => b.cidr_block);
    expect(blocks).toEqual([...PUBLIC_CIDRS, '10.0.0.0/16']);
    expect(blocks).not.toContain('0.0.0.0/0');
    expect(cluster.master_authorized_networks_config.gcp_public_cidrs_access_enabled).toBe(false);
  });

  it('grants the deployer once when it is also an admin', async () => {
    const member = 'serviceAccount:deployer@acme-platform.iam.gserviceaccount.com';
    const { stacks } = await synthCluster(gke({ access: { admins: [member, 'user:lead@acme.example'], deployer: { principal: member } } }));
    const members = Object.values(resourcesOf(stacks.cluster, 'google_project_iam_member'))
      .filter((g: any) => g.role === 'roles/container.admin')
      .map((g: any) => g.member);
    expect(members.sort()).toEqual([member, 'user:lead@acme.example'].sort());
  });
});
