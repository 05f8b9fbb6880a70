import type { ResolvedCni } from '../spec';

/** The cluster attributes a CNI cell of the GKE column becomes. */
export interface GkeNetworking {
  /** eBPF Dataplane V2 or the iptables data plane with kube-proxy. */
  readonly datapathProvider: 'ADVANCED_DATAPATH' | 'LEGACY_DATAPATH';
  /** The `network_policy` block. */
  readonly networkPolicy: {
    /** `network_policy.enabled`: Calico enforcement on the legacy data plane. */
    readonly enabled: boolean;
    /** `network_policy.provider`. */
    readonly provider: 'CALICO' | 'PROVIDER_UNSPECIFIED';
  };
  /** `addons_config.network_policy_config.disabled`. */
  readonly networkPolicyAddonDisabled: boolean;
  /** CiliumClusterwideNetworkPolicy objects are accepted (Dataplane V2 only). */
  readonly ciliumClusterwidePolicy: boolean;
  /** Hubble-style flow metrics and relay (Dataplane V2 observability). */
  readonly datapathObservability: boolean;
  /** `in_transit_encryption_config`, when WireGuard between nodes is asked for. */
  readonly inTransitEncryption?: 'IN_TRANSIT_ENCRYPTION_INTER_NODE_TRANSPARENT';
}

/**
 * GKE has no cni stack: both cells are managed attributes of the cluster. `dataplane-v2` (kinds
 * `cloud` and `cilium`) is GKE's Cilium-based eBPF data plane, which enforces NetworkPolicy itself
 * and replaces kube-proxy; GKE then requires the Calico `network_policy` to be disabled (set off
 * explicitly, so scanners and reviewers see the choice). `policy-only` is GKE's managed Calico:
 * network policy with provider CALICO plus its add-on, on the iptables data plane. Every other
 * cell is refused by validation before this runs.
 */
export function gkeNetworking(cni: ResolvedCni): GkeNetworking {
  switch (cni.mode) {
    case 'dataplane-v2':
      return {
        datapathProvider: 'ADVANCED_DATAPATH',
        networkPolicy: { enabled: false, provider: 'PROVIDER_UNSPECIFIED' },
        networkPolicyAddonDisabled: true,
        // Asking for Cilium by name means Cilium's cluster-wide policies may be used.
        ciliumClusterwidePolicy: cni.kind === 'cilium',
        datapathObservability: cni.hubble,
        ...(cni.encryption === 'wireguard' ? { inTransitEncryption: 'IN_TRANSIT_ENCRYPTION_INTER_NODE_TRANSPARENT' as const } : {}),
      };
    case 'policy-only':
      return {
        datapathProvider: 'LEGACY_DATAPATH',
        networkPolicy: { enabled: true, provider: 'CALICO' },
        networkPolicyAddonDisabled: false,
        ciliumClusterwidePolicy: false,
        datapathObservability: false,
      };
    default:
      throw new Error(`polycluster: CNI ${cni.kind} mode ${cni.mode} is not a GKE cell; validation should have refused it`);
  }
}
