import { beforeAll, describe, expect, it } from 'vitest';
import { MIRRORS } from '../support/specs';
import { onlyResource, resourcesOf, synthCluster, type SynthesizedCluster } from '../support/synth';
import { addressOf, gke, poolsByName, resourceNamed } from './helpers';

describe('GKE network', () => {
  let synth: SynthesizedCluster;
  beforeAll(async () => {
    synth = await synthCluster(
      gke({ network: { vpcCidr: '10.8.0.0/16', podCidr: '100.80.0.0/14', serviceCidr: '172.22.0.0/20', controlPlaneCidr: '172.16.0.48/28' } }),
    );
  });

  it('is a custom-mode VPC', () => {
    const vpc = onlyResource(synth.stacks.cluster, 'google_compute_network');
    expect(vpc.auto_create_subnetworks).toBe(false);
    expect(vpc.name).toBe('gke-test-network');
  });

  it('has the planned regional node subnet with the pod and Service ranges of the spec', () => {
    const subnet = resourceNamed(synth.stacks.cluster, 'google_compute_subnetwork', 'gke-test-nodes');
    expect(subnet.region).toBe('europe-west1');
    expect(subnet.ip_cidr_range).toBe(synth.cluster.resolved.network.subnets.nodes);
    expect(subnet.ip_cidr_range).toBe('10.8.0.0/20');
    expect(subnet.secondary_ip_range).toEqual([
      { range_name: 'gke-test-pods', ip_cidr_range: '100.80.0.0/14' },
      { range_name: 'gke-test-services', ip_cidr_range: '172.22.0.0/20' },
    ]);
  });

  it('gives the node subnet Private Google Access and complete flow logs', () => {
    const subnet = resourceNamed(synth.stacks.cluster, 'google_compute_subnetwork', 'gke-test-nodes');
    expect(subnet.private_ip_google_access).toBe(true);
    expect(subnet.log_config).toEqual({ aggregation_interval: 'INTERVAL_5_SEC', flow_sampling: 1, metadata: 'INCLUDE_ALL_METADATA' });
  });

  it('keeps the cluster, flow and NAT logs for the retention of the spec', async () => {
    const bucket = onlyResource(synth.stacks.cluster, 'google_logging_project_bucket_config');
    const sink = onlyResource(synth.stacks.cluster, 'google_logging_project_sink');
    expect(bucket.retention_days).toBe(365);
    expect(bucket.location).toBe('europe-west1');
    expect(sink.destination).toBe(`logging.googleapis.com/\${${addressOf(synth.stacks.cluster, 'google_logging_project_bucket_config', () => true)}.id}`);
    expect(sink.filter).toContain('resource.labels.cluster_name="gke-test"');
    expect(sink.filter).toContain('resource.labels.subnetwork_name="gke-test-nodes"');
    expect(sink.filter).toContain('resource.labels.gateway_name="gke-test-nat"');

    const dev = await synthCluster(gke({ profile: 'development' }));
    expect(onlyResource(dev.stacks.cluster, 'google_logging_project_bucket_config').retention_days).toBe(30);
  });

  it('opens only the webhook ports from the control-plane range to the node tag', () => {
    const rule = onlyResource(synth.stacks.cluster, 'google_compute_firewall');
    expect(rule.direction).toBe('INGRESS');
    expect(rule.source_ranges).toEqual(['172.16.0.48/28']);
    expect(rule.allow).toEqual([{ protocol: 'tcp', ports: ['8443', '9443'] }]);
    expect(rule.target_tags).toEqual(['gke-test-node']);
    // The tag the rule targets is the one every node pool carries.
    for (const pool of Object.values(poolsByName(synth.stacks.nodes))) expect(pool.node_config.tags).toEqual(rule.target_tags);
  });

  it('egresses through Cloud NAT on one reserved static address per zone, manual only', () => {
    const addresses = Object.entries(resourcesOf(synth.stacks.cluster, 'google_compute_address'));
    expect(addresses).toHaveLength(synth.cluster.resolved.egress.staticIpCount);
    expect(addresses).toHaveLength(3);
    expect(addresses.map(([, a]) => a.address_type)).toEqual(['EXTERNAL', 'EXTERNAL', 'EXTERNAL']);
    const nat = onlyResource(synth.stacks.cluster, 'google_compute_router_nat');
    const router = onlyResource(synth.stacks.cluster, 'google_compute_router');
    expect(nat.nat_ip_allocate_option).toBe('MANUAL_ONLY');
    expect(nat.nat_ips).toEqual(addresses.map(([name]) => `\${google_compute_address.${name}.self_link}`));
    expect(nat.router).toBe(`\${${addressOf(synth.stacks.cluster, 'google_compute_router', () => true)}.name}`);
    expect(router.region).toBe('europe-west1');
    expect(nat.subnetwork).toEqual([
      { name: `\${${addressOf(synth.stacks.cluster, 'google_compute_subnetwork', () => true)}.id}`, source_ip_ranges_to_nat: ['ALL_IP_RANGES'] },
    ]);
  });

  it('reserves one address for a single NAT and none, with no router or NAT, without egress', async () => {
    const single = await synthCluster(gke({ egress: { nat: 'single' } }));
    expect(Object.keys(resourcesOf(single.stacks.cluster, 'google_compute_address'))).toHaveLength(1);

    const none = await synthCluster(gke({ egress: { nat: 'none', registryMirrors: MIRRORS } }));
    for (const type of ['google_compute_address', 'google_compute_router', 'google_compute_router_nat']) {
      expect(resourcesOf(none.stacks.cluster, type)).toEqual({});
    }
    expect(none.stacks.cluster!.output.egress_ips.value).toEqual([]);
  });
});
