import { describe, expect, it } from 'vitest';
import { osDiskType } from '../../constructs/azure/os-disk';
import { resourcesOf } from '../support/synth';
import { fromClusterStack, resource, synthAks } from './aks';

const POOL = 'azurerm_kubernetes_cluster_node_pool';

describe('AKS user node pools (nodes stack)', () => {
  it('creates one User pool per nodePools entry, with counts over the whole pool', async () => {
    const { stacks } = await synthAks({
      nodePools: [
        { name: 'general', min: 3, max: 9, desired: 4 },
        // Per-zone counts: AKS counts the pool, so they are multiplied by the three zones.
        { name: 'zonal', sizeScope: 'perZone', min: 1, max: 2 },
      ],
    });
    expect(Object.keys(resourcesOf(stacks.nodes, POOL))).toEqual(['NodePoolGeneral', 'NodePoolZonal']);
    expect(resource(stacks.nodes, POOL, 'NodePoolGeneral')).toMatchObject({
      name: 'general',
      mode: 'User',
      auto_scaling_enabled: true,
      min_count: 3,
      max_count: 9,
      node_count: 4,
      zones: ['1', '2', '3'],
    });
    expect(resource(stacks.nodes, POOL, 'NodePoolZonal')).toMatchObject({ min_count: 3, max_count: 6, node_count: 3 });
    // The system pool stays in the cluster resource, never here.
    expect(resourcesOf(stacks.cluster, POOL)).toEqual({});
  });

  it('attaches the pools to the cluster and the node subnet of the cluster stack', async () => {
    const { stacks } = await synthAks();
    const pool = resource(stacks.nodes, POOL, 'NodePoolGeneral');
    expect(pool.kubernetes_cluster_id).toBe(fromClusterStack('aks-test', 'azurerm_kubernetes_clusterClusterid'));
    expect(pool.vnet_subnet_id).toBe(fromClusterStack('aks-test', 'azurerm_subnetNodeSubnetid'));
    expect(pool.lifecycle.ignore_changes).toEqual(['node_count']);
    expect(Object.keys(stacks.nodes!.provider)).toEqual(['azurerm']);
  });

  it('writes labels and taints as AKS expects them, including a taint without a value', async () => {
    const { stacks } = await synthAks({
      nodePools: [
        {
          name: 'gpu',
          labels: { workload: 'gpu', 'node.kubernetes.io/tier': 'accelerated' },
          taints: [
            { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
            { key: 'dedicated', effect: 'PreferNoSchedule' },
          ],
        },
      ],
    });
    const pool = resource(stacks.nodes, POOL, 'NodePoolGpu');
    expect(pool.node_labels).toEqual({ workload: 'gpu', 'node.kubernetes.io/tier': 'accelerated' });
    expect(pool.node_taints).toEqual(['nvidia.com/gpu=present:NoSchedule', 'dedicated:PreferNoSchedule']);
  });

  it('starts nodes of a self-installed Cilium with its agent-not-ready taint', async () => {
    const { stacks } = await synthAks({ cni: { kind: 'cilium', mode: 'overlay' } });
    expect(resource(stacks.nodes, POOL, 'NodePoolGeneral').node_taints).toEqual(['node.cilium.io/agent-not-ready=true:NoExecute']);
  });

  it('sets max pods, disk size and surge, with an ephemeral OS disk only where it fits the VM', async () => {
    const { stacks } = await synthAks({
      nodePools: [
        { name: 'general', maxPods: 60, diskSizeGiB: 128 },
        { name: 'small', machineType: 'Standard_D2ds_v5', diskSizeGiB: 100 },
        { name: 'nolocal', machineType: 'Standard_D4s_v5' },
      ],
    });
    expect(resource(stacks.nodes, POOL, 'NodePoolGeneral')).toMatchObject({
      max_pods: 60,
      os_disk_size_gb: 128,
      os_disk_type: 'Ephemeral',
      priority: 'Regular',
      upgrade_settings: { max_surge: '3' },
      temporary_name_for_rotation: 'generaltmp',
    });
    // Standard_D2ds_v5 has a 75 GiB local disk; Standard_D4s_v5 has none.
    expect(resource(stacks.nodes, POOL, 'NodePoolSmall').os_disk_type).toBe('Managed');
    expect(resource(stacks.nodes, POOL, 'NodePoolNolocal').os_disk_type).toBe('Managed');
  });

  it('runs spot pools with delete eviction at up to the on-demand price, with the spot label and taint and no surge', async () => {
    const { stacks } = await synthAks({ nodePools: [{ name: 'batch', spot: true, min: 0, max: 9, labels: { workload: 'batch' } }] });
    const pool = resource(stacks.nodes, POOL, 'NodePoolBatch');
    expect(pool).toMatchObject({ priority: 'Spot', eviction_policy: 'Delete', spot_max_price: -1, min_count: 0, max_count: 9 });
    expect(pool.node_labels).toEqual({ workload: 'batch', 'kubernetes.azure.com/scalesetpriority': 'spot' });
    expect(pool.node_taints).toEqual(['kubernetes.azure.com/scalesetpriority=spot:NoSchedule']);
    expect(pool.upgrade_settings).toBeUndefined();
  });
});

describe('OS disk placement', () => {
  it('is ephemeral only for v5 sizes with a local disk large enough', () => {
    expect(osDiskType('Standard_D4ds_v5', 150)).toBe('Ephemeral');
    expect(osDiskType('Standard_D4ds_v5', 151)).toBe('Managed');
    expect(osDiskType('Standard_E8ads_v5', 300)).toBe('Ephemeral');
    expect(osDiskType('Standard_D4s_v5', 30)).toBe('Managed');
    expect(osDiskType('Standard_D4ds_v4', 30)).toBe('Managed');
  });
});
