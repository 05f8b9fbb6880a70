import { beforeAll, describe, expect, it } from 'vitest';
import { synthCluster, type SynthesizedCluster } from '../support/synth';
import { addressOf, clusterResource, crossStackSource, gke, poolsByName } from './helpers';

describe('GKE node pools', () => {
  let synth: SynthesizedCluster;
  let pools: Record<string, any>;
  beforeAll(async () => {
    synth = await synthCluster(
      gke({
        zones: ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'],
        nodePools: [
          { name: 'general', min: 3, max: 6 },
          { name: 'uneven', min: 4, max: 7, desired: 5 },
          { name: 'zonal', sizeScope: 'perZone', min: 1, max: 2 },
          {
            name: 'gpu',
            machineType: 'g2-standard-8',
            sizeScope: 'perZone',
            min: 0,
            max: 1,
            spot: true,
            maxPods: 32,
            diskSizeGiB: 200,
            labels: { accelerator: 'l4', 'node.kubernetes.io/role': 'gpu' },
            taints: [
              { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
              { key: 'spot', effect: 'PreferNoSchedule' },
              { key: 'maintenance', value: 'soon', effect: 'NoExecute' },
            ],
          },
        ],
      }),
    );
    pools = poolsByName(synth.stacks.nodes);
  });

  it('creates one pool per spec pool in the nodes stack, none in the cluster stack', () => {
    expect(Object.keys(pools).sort()).toEqual(['general', 'gpu', 'uneven', 'zonal']);
    expect(synth.stacks.cluster!.resource.google_container_node_pool).toBeUndefined();
  });

  it('converts total counts to per-zone counts, rounding up', () => {
    // 3..6 over three zones is 1..2 per zone; 4..7 (5 at first) is 2..3 (2 at first).
    expect(pools.general.autoscaling).toMatchObject({ min_node_count: 1, max_node_count: 2 });
    expect(pools.general.initial_node_count).toBe(1);
    expect(pools.uneven.autoscaling).toMatchObject({ min_node_count: 2, max_node_count: 3 });
    expect(pools.uneven.initial_node_count).toBe(2);
    expect(pools.general.autoscaling.total_min_node_count).toBeUndefined();
  });

  it('takes per-zone counts as written', () => {
    expect(pools.zonal.autoscaling).toMatchObject({ min_node_count: 1, max_node_count: 2 });
    expect(pools.zonal.initial_node_count).toBe(1);
    expect(pools.gpu.autoscaling).toMatchObject({ min_node_count: 0, max_node_count: 1 });
  });

  it('divides by the zone count of the spec', async () => {
    const two = await synthCluster(gke({ zoneCount: 2, nodePools: [{ name: 'general', min: 3, max: 6 }] }));
    const pool = poolsByName(two.stacks.nodes).general;
    expect(pool.autoscaling).toMatchObject({ min_node_count: 2, max_node_count: 3 });
    // Without zone names the pool spans the first two zones of the region, as the counts assume.
    expect(pool.node_locations).toMatch(/^\$\{slice\(data\.google_compute_zones\.\w+\.names, 0, 2\)\}$/);
    expect(Object.values(two.stacks.nodes!.data.google_compute_zones)).toMatchObject([{ region: 'europe-west1' }]);
  });

  it('spans exactly the listed zones, like the cluster', () => {
    for (const pool of Object.values(pools)) expect(pool.node_locations).toEqual(['europe-west1-b', 'europe-west1-c', 'europe-west1-d']);
    expect(clusterResource(synth.stacks.cluster).node_locations).toEqual(['europe-west1-b', 'europe-west1-c', 'europe-west1-d']);
  });

  it('leaves the size to the autoscaler', () => {
    for (const pool of Object.values(pools)) {
      expect(pool.lifecycle.ignore_changes).toEqual(expect.arrayContaining(['initial_node_count', 'node_count']));
      expect(pool.node_count).toBeUndefined();
      expect(pool.autoscaling.location_policy).toBe('BALANCED');
    }
  });

  it('hardens every node: GKE metadata server, secure boot, integrity monitoring, COS, no kubelet read-only port', () => {
    for (const pool of Object.values(pools)) {
      expect(pool.node_config).toMatchObject({
        workload_metadata_config: { mode: 'GKE_METADATA' },
        shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
        image_type: 'COS_CONTAINERD',
        oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
        kubelet_config: { insecure_kubelet_readonly_port_enabled: 'FALSE' },
      });
    }
  });

  it('repairs and upgrades nodes automatically, one surge node at a time', () => {
    for (const pool of Object.values(pools)) {
      expect(pool.management).toEqual({ auto_repair: true, auto_upgrade: true });
      expect(pool.upgrade_settings).toEqual({ strategy: 'SURGE', max_surge: 1, max_unavailable: 0 });
    }
  });

  it('runs as the dedicated node service account of the cluster stack', () => {
    const sa = addressOf(synth.stacks.cluster, 'google_service_account', () => true);
    for (const pool of Object.values(pools)) {
      expect(crossStackSource(synth.stacks.cluster, pool.node_config.service_account)).toBe(`\${${sa}.email}`);
    }
    const roles = Object.values(synth.stacks.cluster!.resource.google_project_iam_member)
      .filter((m: any) => m.member === `\${${sa}.member}`)
      .map((m: any) => m.role);
    expect(roles.sort()).toEqual([
      'roles/artifactregistry.reader',
      'roles/logging.logWriter',
      'roles/monitoring.metricWriter',
      'roles/monitoring.viewer',
      'roles/stackdriver.resourceMetadata.writer',
    ]);
  });

  it('belongs to the cluster of the cluster stack, in its region', () => {
    const gkeAddress = addressOf(synth.stacks.cluster, 'google_container_cluster', () => true);
    for (const pool of Object.values(pools)) {
      expect(crossStackSource(synth.stacks.cluster, pool.cluster)).toBe(`\${${gkeAddress}.id}`);
      expect(pool.location).toBe('europe-west1');
    }
  });

  it('carries the machine settings of the spec', () => {
    expect(pools.gpu.node_config).toMatchObject({ machine_type: 'g2-standard-8', disk_size_gb: 200, spot: true });
    expect(pools.gpu.max_pods_per_node).toBe(32);
    expect(pools.general.node_config).toMatchObject({ machine_type: 'n2-standard-4', disk_size_gb: 100, spot: false, disk_type: 'pd-balanced' });
    expect(pools.general.max_pods_per_node).toBe(110);
  });

  it('sets the node labels and converts taint effects to the GKE spelling', () => {
    expect(pools.gpu.node_config.labels).toEqual({ accelerator: 'l4', 'node.kubernetes.io/role': 'gpu' });
    expect(pools.gpu.node_config.taint).toEqual([
      { key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' },
      { key: 'spot', value: '', effect: 'PREFER_NO_SCHEDULE' },
      { key: 'maintenance', value: 'soon', effect: 'NO_EXECUTE' },
    ]);
    expect(pools.general.node_config.taint).toEqual([]);
  });

  it('labels the node VMs with the resolved tags', () => {
    for (const pool of Object.values(pools)) expect(pool.node_config.resource_labels).toEqual(synth.cluster.resolved.tags);
  });
});
