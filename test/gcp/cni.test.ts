import { describe, expect, it } from 'vitest';
import { SpecValidationError } from '../../constructs';
import { synthCluster, synthFleet } from '../support/synth';
import { clusterResource, gke } from './helpers';

describe('GKE CNI cells', () => {
  it('dataplane-v2 (the default) runs ADVANCED_DATAPATH with the Calico network policy and its add-on off', async () => {
    const { cluster, stacks } = await synthCluster(gke());
    expect(cluster.resolved.cni.mode).toBe('dataplane-v2');
    const gkeCluster = clusterResource(stacks.cluster);
    expect(gkeCluster.datapath_provider).toBe('ADVANCED_DATAPATH');
    expect(gkeCluster.network_policy).toEqual({ enabled: false, provider: 'PROVIDER_UNSPECIFIED' });
    expect(gkeCluster.addons_config.network_policy_config).toEqual({ disabled: true });
    expect(gkeCluster.enable_cilium_clusterwide_network_policy).toBe(false);
    expect(gkeCluster.monitoring_config.advanced_datapath_observability_config).toBeUndefined();
    expect(gkeCluster.in_transit_encryption_config).toBeUndefined();
  });

  it('cilium is Dataplane V2 that accepts Cilium cluster-wide policies, with Hubble and WireGuard when asked', async () => {
    const { stacks } = await synthCluster(gke({ cni: { kind: 'cilium', hubble: true, encryption: 'wireguard' } }));
    const gkeCluster = clusterResource(stacks.cluster);
    expect(gkeCluster.datapath_provider).toBe('ADVANCED_DATAPATH');
    expect(gkeCluster.network_policy.enabled).toBe(false);
    expect(gkeCluster.enable_cilium_clusterwide_network_policy).toBe(true);
    expect(gkeCluster.monitoring_config.advanced_datapath_observability_config).toEqual({ enable_metrics: true, enable_relay: true });
    expect(gkeCluster.in_transit_encryption_config).toBe('IN_TRANSIT_ENCRYPTION_INTER_NODE_TRANSPARENT');
  });

  it('calico is GKE network policy with provider CALICO, its add-on and the legacy datapath', async () => {
    const { stacks } = await synthCluster(gke({ cni: { kind: 'calico' } }));
    const gkeCluster = clusterResource(stacks.cluster);
    expect(gkeCluster.datapath_provider).toBe('LEGACY_DATAPATH');
    expect(gkeCluster.network_policy).toEqual({ enabled: true, provider: 'CALICO' });
    expect(gkeCluster.addons_config.network_policy_config).toEqual({ disabled: false });
    expect(gkeCluster.enable_cilium_clusterwide_network_policy).toBe(false);
  });

  it('never has a cni stack: both cells are managed attributes of the cluster', async () => {
    for (const cni of [undefined, { kind: 'calico' as const }, { kind: 'cilium' as const }]) {
      const { stacks, clusters } = await synthFleet({ clusters: [gke(cni ? { cni } : {})] });
      expect(clusters[0]!.resolved.phases).not.toContain('cni');
      expect(clusters[0]!.stacks.cni).toBeUndefined();
      expect(Object.keys(stacks).filter((name) => name.endsWith('-cni'))).toEqual([]);
    }
  });

  it('refuses flannel with GKE reason before building anything', async () => {
    const attempt = synthFleet({ clusters: [gke({ cni: { kind: 'flannel' } })] });
    await expect(attempt).rejects.toBeInstanceOf(SpecValidationError);
    await expect(synthFleet({ clusters: [gke({ cni: { kind: 'flannel' } })] })).rejects.toThrow(
      'clusters[0].cni.kind flannel cannot run on gcp: GKE does not allow replacing its CNI',
    );
  });
});
