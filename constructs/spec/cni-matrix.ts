import type { Cloud, CniKind } from './types';

/**
 * The CNI support matrix (REFERENCE.md) as data: every cloud × kind × mode is either a cell
 * (how it is built) or a refusal (why not, and what to choose instead). Nothing outside this
 * file decides which CNI combinations exist.
 */

/** Every mode name of each kind, across the clouds. */
export const CNI_MODES: { readonly [K in CniKind]: readonly string[] } = {
  cloud: ['vpc-cni', 'dataplane-v2', 'azure-cilium'],
  cilium: ['eni', 'chaining', 'overlay', 'dataplane-v2', 'azure-cilium'],
  calico: ['policy-only', 'vxlan'],
  flannel: ['vxlan'],
};

/** How pod addresses are given out, which decides whether a pod range exists. */
export type PodAddressing =
  /** Pods take VPC/VNet addresses: no pod range; node subnets hold nodes × max pods. */
  | 'vpc'
  /** Pods come from the spec's pod range, per-node blocks as in `podBlock`. */
  | 'pod-range';

/** How much of the pod range one node takes. */
export type PodBlock =
  /** Every node gets a fixed block (Cilium cluster-pool, Flannel, AKS overlay). */
  | {
      /** Discriminator. */
      readonly kind: 'per-node';
      /** Prefix length of each node's block. */
      readonly prefix: number;
    }
  /** GKE: the smallest block holding twice the node's max pods (/24 for 65–110 pods). */
  | {
      /** Discriminator. */
      readonly kind: 'gke';
    }
  /** Calico IPAM: blocks of `prefix` handed out on demand, at least one per node. */
  | {
      /** Discriminator. */
      readonly kind: 'blocks';
      /** Prefix length of each IPAM block. */
      readonly prefix: number;
    };

/** A capability that a mode has, lacks (with the reason), or always has. */
export type Capability =
  | {
      /** The spec may turn it on or off. */
      readonly support: 'optional';
      /** Whether it is on when the spec does not say. */
      readonly default: boolean;
    }
  | {
      /** Always on in this mode; the spec cannot turn it off. */
      readonly support: 'always';
      /** Why it cannot be turned off. */
      readonly reason: string;
    }
  | {
      /** Not available in this mode. */
      readonly support: 'never';
      /** Why not, shown in the validation error. */
      readonly reason: string;
    };

/**
 * The API for policies beyond plain NetworkPolicy (REFERENCE.md): cluster-wide rules that app
 * teams' own policies cannot override, such as the metadata deny and the cluster-wide DNS
 * allowance, written only where the mode enforces them.
 */
export type ClusterPolicyApi =
  /**
   * CiliumClusterwideNetworkPolicy. `dnsProxy`: L7 DNS rules (Cilium's DNS proxy, which FQDN
   * rules need); `denyRules`: `egressDeny` rules; `namespaced`: CiliumNetworkPolicy as well (GKE
   * serves only the cluster-wide kind).
   */
  | {
      /** Discriminator. */
      readonly kind: 'cilium';
      /** L7 DNS rules are enforced (Cilium's DNS proxy, which FQDN rules need). */
      readonly dnsProxy: boolean;
      /** `egressDeny` rules are enforced. */
      readonly denyRules: boolean;
      /** CiliumNetworkPolicy is served as well as the cluster-wide kind. */
      readonly namespaced: boolean;
    }
  /** projectcalico.org/v3 GlobalNetworkPolicy, served by the Calico API server. */
  | {
      /** Discriminator. */
      readonly kind: 'calico';
    }
  /** Plain NetworkPolicy only. */
  | {
      /** Discriminator. */
      readonly kind: 'none';
      /** Why the mode has no cluster-wide policy API. */
      readonly reason: string;
    };

/** One implemented cell of the matrix. */
export interface CniCell {
  /** The cloud of the cell. */
  readonly cloud: Cloud;
  /** The CNI kind of the cell. */
  readonly kind: CniKind;
  /** The mode within the kind. */
  readonly mode: string;
  /** What the cell becomes, for documentation and the README table. */
  readonly summary: string;
  /** `managed`: cloud attributes only, no cni stack. `self-installed`: a chart in the cni stack. */
  readonly provisioning: 'managed' | 'self-installed';
  /** Whether it replaces the cloud's own CNI (EKS: no vpc-cni add-on; AKS: `network_plugin = none`). */
  readonly replacesCloudCni: boolean;
  /** Where pod addresses come from: the VPC/VNet, or the spec's pod range. */
  readonly podAddressing: PodAddressing;
  /** Present when `podAddressing` is `pod-range`. */
  readonly podBlock?: PodBlock;
  /** eBPF service handling instead of kube-proxy. */
  readonly kubeProxyReplacement: Capability;
  /** WireGuard transparent encryption. */
  readonly wireguard: Capability;
  /** Hubble flow observability. */
  readonly hubble: Capability;
  /** What enforces NetworkPolicy in this cell (every cell enforces it; the posture report names it). */
  readonly policyEnforcer: string;
  /** Whether the control plane can reach pod IPs (webhooks); if not, webhooks use hostNetwork. */
  readonly controlPlaneReachesPods: boolean;
  /** Cluster-wide policies the mode enforces besides NetworkPolicy. */
  readonly clusterPolicies: ClusterPolicyApi;
  /** Egress allow lists by DNS name (`namespaces[].egress[].fqdns`). */
  readonly fqdnEgress: Capability;
}

/** A combination that cannot be built, with the reason and the alternative. */
export interface CniRefusal {
  /** The cloud that cannot build it. */
  readonly cloud: Cloud;
  /** The CNI kind asked for. */
  readonly kind: CniKind;
  /** The mode asked for. */
  readonly mode: string;
  /** Why the cloud cannot build it. */
  readonly reason: string;
  /** What to ask for instead. */
  readonly alternative: string;
}

const never = (reason: string): Capability => ({ support: 'never', reason });
const always = (reason: string): Capability => ({ support: 'always', reason });
const optional = (byDefault: boolean): Capability => ({ support: 'optional', default: byDefault });

const CILIUM_POLICIES: ClusterPolicyApi = { kind: 'cilium', dnsProxy: true, denyRules: true, namespaced: true };
const CALICO_POLICIES: ClusterPolicyApi = { kind: 'calico' };
const CALICO_NO_FQDN = never('DNS-name egress rules are a Calico Enterprise feature: open-source Calico filters by address only; list the destination CIDRs or choose cilium');
const GKE_NO_FQDN = never("GKE's FQDN network policy needs GKE Enterprise, which polycluster does not enable; list the destination CIDRs");

const AWS_VPC_CNI: Omit<CniCell, 'kind' | 'mode' | 'summary'> = {
  cloud: 'aws',
  provisioning: 'managed',
  replacesCloudCni: false,
  podAddressing: 'vpc',
  kubeProxyReplacement: never('the EKS VPC CNI relies on kube-proxy; choose cilium mode eni for kube-proxy replacement'),
  wireguard: never('the EKS VPC CNI has no transparent encryption; choose cilium eni or calico policy-only for WireGuard'),
  hubble: never('Hubble comes with Cilium; choose cilium mode eni or chaining'),
  policyEnforcer: 'the VPC CNI network policy agent',
  controlPlaneReachesPods: true,
  clusterPolicies: { kind: 'none', reason: "polycluster does not write the VPC CNI's ClusterNetworkPolicy (networking.k8s.aws, VPC CNI 1.21.1+) yet" },
  fqdnEgress: never('the VPC CNI network policy agent filters by address only; list the destination CIDRs, or choose cilium mode chaining to keep the VPC CNI and filter by name'),
};

const GKE_DATAPLANE_V2: Omit<CniCell, 'kind' | 'mode' | 'summary'> = {
  cloud: 'gcp',
  provisioning: 'managed',
  replacesCloudCni: false,
  podAddressing: 'pod-range',
  podBlock: { kind: 'gke' },
  kubeProxyReplacement: always('GKE Dataplane V2 always replaces kube-proxy'),
  wireguard: optional(false),
  hubble: optional(false),
  policyEnforcer: 'GKE Dataplane V2',
  controlPlaneReachesPods: true,
  clusterPolicies: { kind: 'none', reason: 'GKE accepts CiliumClusterwideNetworkPolicy only when the spec asks for Cilium by name (cni.kind cilium)' },
  fqdnEgress: GKE_NO_FQDN,
};

const AKS_AZURE_CILIUM: Omit<CniCell, 'kind' | 'mode' | 'summary'> = {
  cloud: 'azure',
  provisioning: 'managed',
  replacesCloudCni: false,
  podAddressing: 'pod-range',
  podBlock: { kind: 'per-node', prefix: 24 },
  kubeProxyReplacement: always('Azure CNI powered by Cilium always replaces kube-proxy'),
  wireguard: never('WireGuard on Azure CNI powered by Cilium needs Advanced Container Networking Services, which polycluster does not enable; choose cilium mode overlay'),
  hubble: never('Hubble on AKS needs Advanced Container Networking Services, which polycluster does not enable; choose cilium mode overlay'),
  policyEnforcer: 'Azure CNI powered by Cilium',
  controlPlaneReachesPods: true,
  // AKS supports L3/L4 Cilium policies without Advanced Container Networking Services; L7 (the
  // DNS proxy) and FQDN rules need it. AKS 1.33+ runs Cilium 1.17+, which has enableDefaultDeny.
  clusterPolicies: { kind: 'cilium', dnsProxy: false, denyRules: true, namespaced: true },
  fqdnEgress: never('FQDN filtering on Azure CNI powered by Cilium needs Advanced Container Networking Services, which polycluster does not enable; list the destination CIDRs or choose cilium mode overlay'),
};

/** The implemented cells. */
export const CNI_CELLS: readonly CniCell[] = [
  { ...AWS_VPC_CNI, kind: 'cloud', mode: 'vpc-cni', summary: 'EKS VPC CNI add-on with network policy enforcement; pods take VPC addresses' },
  {
    cloud: 'aws',
    kind: 'cilium',
    mode: 'eni',
    summary: 'Cilium replaces the VPC CNI: ENI IPAM, native routing, kube-proxy replacement; cluster created without self-managed add-ons',
    provisioning: 'self-installed',
    replacesCloudCni: true,
    podAddressing: 'vpc',
    kubeProxyReplacement: optional(true),
    wireguard: optional(false),
    hubble: optional(false),
    policyEnforcer: 'Cilium',
    controlPlaneReachesPods: true,
    clusterPolicies: CILIUM_POLICIES,
    fqdnEgress: optional(false),
  },
  {
    cloud: 'aws',
    kind: 'cilium',
    mode: 'chaining',
    summary: 'Cilium chained on the VPC CNI (cni.chainingMode=aws-cni): policy and observability only',
    provisioning: 'self-installed',
    replacesCloudCni: false,
    podAddressing: 'vpc',
    kubeProxyReplacement: never('in chaining mode the VPC CNI owns the datapath and kube-proxy stays; choose mode eni for kube-proxy replacement'),
    wireguard: never('Cilium does not encrypt traffic it only chains onto the VPC CNI; choose mode eni for WireGuard'),
    hubble: optional(false),
    policyEnforcer: 'Cilium',
    controlPlaneReachesPods: true,
    clusterPolicies: CILIUM_POLICIES,
    fqdnEgress: optional(false),
  },
  {
    cloud: 'aws',
    kind: 'cilium',
    mode: 'overlay',
    summary: 'Cilium replaces the VPC CNI with a VXLAN overlay and cluster-pool IPAM from network.podCidr; webhooks run on hostNetwork',
    provisioning: 'self-installed',
    replacesCloudCni: true,
    podAddressing: 'pod-range',
    podBlock: { kind: 'per-node', prefix: 24 },
    kubeProxyReplacement: optional(true),
    wireguard: optional(false),
    hubble: optional(false),
    policyEnforcer: 'Cilium',
    controlPlaneReachesPods: false,
    clusterPolicies: CILIUM_POLICIES,
    fqdnEgress: optional(false),
  },
  {
    ...AWS_VPC_CNI,
    kind: 'calico',
    mode: 'policy-only',
    summary: 'Tigera operator installs Calico policy enforcement on top of the VPC CNI, whose own network policy agent is turned off',
    clusterPolicies: CALICO_POLICIES,
    fqdnEgress: CALICO_NO_FQDN,
    provisioning: 'self-installed',
    kubeProxyReplacement: never("polycluster runs Calico's iptables dataplane, which keeps kube-proxy; choose cilium for kube-proxy replacement"),
    wireguard: optional(false),
    hubble: never('Hubble comes with Cilium; Calico has its own flow logs'),
    policyEnforcer: 'Calico',
  },
  {
    cloud: 'aws',
    kind: 'calico',
    mode: 'vxlan',
    summary: 'Calico replaces the VPC CNI with VXLAN networking and Calico IPAM from network.podCidr; kube-proxy stays as an EKS add-on; webhooks run on hostNetwork',
    provisioning: 'self-installed',
    replacesCloudCni: true,
    podAddressing: 'pod-range',
    podBlock: { kind: 'blocks', prefix: 26 },
    kubeProxyReplacement: never("polycluster runs Calico's iptables dataplane, which keeps kube-proxy; choose cilium for kube-proxy replacement"),
    wireguard: optional(false),
    hubble: never('Hubble comes with Cilium; Calico has its own flow logs'),
    policyEnforcer: 'Calico',
    controlPlaneReachesPods: false,
    clusterPolicies: CALICO_POLICIES,
    fqdnEgress: CALICO_NO_FQDN,
  },
  { ...GKE_DATAPLANE_V2, kind: 'cloud', mode: 'dataplane-v2', summary: 'GKE Dataplane V2 (ADVANCED_DATAPATH): Cilium-based, enforces NetworkPolicy, no kube-proxy' },
  {
    ...GKE_DATAPLANE_V2,
    kind: 'cilium',
    mode: 'dataplane-v2',
    summary: 'GKE Dataplane V2, the managed Cilium of GKE, with CiliumClusterwideNetworkPolicy enabled',
    // GKE documents its cluster-wide Cilium policies as L3/L4 allow rules: no DNS proxy, no deny rules.
    clusterPolicies: { kind: 'cilium', dnsProxy: false, denyRules: false, namespaced: false },
  },
  {
    cloud: 'gcp',
    kind: 'calico',
    mode: 'policy-only',
    summary: 'GKE network policy with provider CALICO and the network_policy_config add-on',
    provisioning: 'managed',
    replacesCloudCni: false,
    podAddressing: 'pod-range',
    podBlock: { kind: 'gke' },
    kubeProxyReplacement: never("GKE's Calico network policy keeps kube-proxy; choose dataplane-v2 for kube-proxy replacement"),
    wireguard: never("GKE's Calico network policy has no transparent encryption; choose dataplane-v2"),
    hubble: never('GKE observability comes with Dataplane V2; choose dataplane-v2'),
    policyEnforcer: 'GKE network policy (Calico)',
    controlPlaneReachesPods: true,
    clusterPolicies: { kind: 'none', reason: 'GKE runs its managed Calico without the Calico API server' },
    fqdnEgress: CALICO_NO_FQDN,
  },
  { ...AKS_AZURE_CILIUM, kind: 'cloud', mode: 'azure-cilium', summary: 'Azure CNI overlay powered by Cilium (network_data_plane and network_policy cilium)' },
  { ...AKS_AZURE_CILIUM, kind: 'cilium', mode: 'azure-cilium', summary: 'Azure CNI overlay powered by Cilium, the managed Cilium of AKS' },
  {
    cloud: 'azure',
    kind: 'cilium',
    mode: 'overlay',
    summary: 'Cilium self-installed on network_plugin none: cluster-pool IPAM from network.podCidr, VXLAN',
    provisioning: 'self-installed',
    replacesCloudCni: true,
    podAddressing: 'pod-range',
    podBlock: { kind: 'per-node', prefix: 24 },
    kubeProxyReplacement: never('the azurerm provider cannot disable kube-proxy on AKS; leave kubeProxyReplacement unset'),
    wireguard: optional(false),
    hubble: optional(false),
    policyEnforcer: 'Cilium',
    controlPlaneReachesPods: true,
    clusterPolicies: CILIUM_POLICIES,
    fqdnEgress: optional(false),
  },
  {
    cloud: 'azure',
    kind: 'calico',
    mode: 'policy-only',
    summary: 'Azure CNI overlay with network_policy calico (managed by AKS)',
    provisioning: 'managed',
    replacesCloudCni: false,
    podAddressing: 'pod-range',
    podBlock: { kind: 'per-node', prefix: 24 },
    kubeProxyReplacement: never('AKS keeps kube-proxy with Calico network policy; choose cilium for kube-proxy replacement'),
    wireguard: never("AKS's managed Calico policy has no transparent encryption; choose calico vxlan or cilium overlay"),
    hubble: never('Hubble comes with Cilium'),
    policyEnforcer: 'AKS network policy (Calico)',
    controlPlaneReachesPods: true,
    clusterPolicies: { kind: 'none', reason: 'AKS runs its managed Calico without the Calico API server' },
    fqdnEgress: CALICO_NO_FQDN,
  },
  {
    cloud: 'azure',
    kind: 'calico',
    mode: 'vxlan',
    summary: 'Calico self-installed on network_plugin none: VXLAN networking and Calico IPAM from network.podCidr',
    provisioning: 'self-installed',
    replacesCloudCni: true,
    podAddressing: 'pod-range',
    podBlock: { kind: 'blocks', prefix: 26 },
    kubeProxyReplacement: never("polycluster runs Calico's iptables dataplane, which keeps kube-proxy; the azurerm provider cannot disable it anyway"),
    wireguard: optional(false),
    hubble: never('Hubble comes with Cilium; Calico has its own flow logs'),
    policyEnforcer: 'Calico',
    controlPlaneReachesPods: true,
    clusterPolicies: CALICO_POLICIES,
    fqdnEgress: CALICO_NO_FQDN,
  },
];

const GKE_NO_REPLACEMENT = 'GKE does not allow replacing its CNI';

/**
 * Why Flannel cannot run on EKS or AKS (decided from evidence, 2026-11): its kube subnet manager
 * needs `node.spec.podCIDR`, and neither cloud sets it here. The maintained allocator,
 * kubernetes-sigs/node-ipam-controller, has no image or chart promoted to registry.k8s.io (only
 * staging builds; its README installs the chart from a source checkout), and its ClusterCIDR
 * resource cannot be planned in the stack that installs its CRD.
 */
const FLANNEL_NO_POD_CIDR =
  'needs node.spec.podCIDR for every node, and the only maintained allocator, kubernetes-sigs/node-ipam-controller, has no released image or chart on registry.k8s.io (staging builds only)';
const FLANNEL_INSTEAD = 'cni.kind calico with mode vxlan (Calico IPAM needs no node pod CIDR) or cilium with mode overlay (cluster-pool IPAM)';
const GKE_NO_SELF_CILIUM = 'Google does not support self-installed Cilium on GKE';

/** The combinations that cannot be built, each with its own reason. */
export const CNI_REFUSALS: readonly CniRefusal[] = [
  { cloud: 'aws', kind: 'cilium', mode: 'dataplane-v2', reason: 'Dataplane V2 is GKE-only', alternative: 'mode eni (Cilium replacing the VPC CNI) or chaining' },
  { cloud: 'aws', kind: 'cilium', mode: 'azure-cilium', reason: 'Azure CNI powered by Cilium is AKS-only', alternative: 'mode eni (Cilium replacing the VPC CNI) or chaining' },
  { cloud: 'gcp', kind: 'cilium', mode: 'eni', reason: `${GKE_NO_SELF_CILIUM}, and ENI IPAM is AWS-only`, alternative: 'mode dataplane-v2 (GKE Dataplane V2 is Cilium-based)' },
  { cloud: 'gcp', kind: 'cilium', mode: 'chaining', reason: GKE_NO_SELF_CILIUM, alternative: 'mode dataplane-v2 (GKE Dataplane V2 is Cilium-based)' },
  { cloud: 'gcp', kind: 'cilium', mode: 'overlay', reason: GKE_NO_SELF_CILIUM, alternative: 'mode dataplane-v2 (GKE Dataplane V2 is Cilium-based)' },
  { cloud: 'gcp', kind: 'cilium', mode: 'azure-cilium', reason: 'Azure CNI powered by Cilium is AKS-only', alternative: 'mode dataplane-v2 (GKE Dataplane V2 is Cilium-based)' },
  { cloud: 'azure', kind: 'cilium', mode: 'eni', reason: 'ENI IPAM is AWS-only', alternative: 'mode azure-cilium (managed) or overlay (self-installed on network_plugin none)' },
  { cloud: 'azure', kind: 'cilium', mode: 'chaining', reason: 'AKS offers Cilium as Azure CNI\'s own data plane instead of chaining', alternative: 'mode azure-cilium (managed) or overlay (self-installed on network_plugin none)' },
  { cloud: 'azure', kind: 'cilium', mode: 'dataplane-v2', reason: 'Dataplane V2 is GKE-only', alternative: 'mode azure-cilium (managed) or overlay (self-installed on network_plugin none)' },
  { cloud: 'gcp', kind: 'calico', mode: 'vxlan', reason: GKE_NO_REPLACEMENT, alternative: "mode policy-only (GKE's managed Calico network policy)" },
  { cloud: 'aws', kind: 'flannel', mode: 'vxlan', reason: `Flannel ${FLANNEL_NO_POD_CIDR}; EKS never allocates node pod CIDRs, and Flannel is not on AWS's list of supported alternate CNIs`, alternative: FLANNEL_INSTEAD },
  { cloud: 'azure', kind: 'flannel', mode: 'vxlan', reason: `Flannel ${FLANNEL_NO_POD_CIDR}; AKS sets no node pod CIDR with network_plugin none (the azurerm provider drops pod_cidr there, azurerm issue 20573)`, alternative: FLANNEL_INSTEAD },
  { cloud: 'gcp', kind: 'flannel', mode: 'vxlan', reason: `${GKE_NO_REPLACEMENT}, and Flannel can only run as the cluster's CNI`, alternative: 'cni.kind cloud (Dataplane V2) or calico with mode policy-only' },
  { cloud: 'gcp', kind: 'cloud', mode: 'vpc-cni', reason: 'the VPC CNI is the cloud networking of EKS', alternative: 'mode dataplane-v2, or leave cni.mode unset' },
  { cloud: 'azure', kind: 'cloud', mode: 'vpc-cni', reason: 'the VPC CNI is the cloud networking of EKS', alternative: 'mode azure-cilium, or leave cni.mode unset' },
  { cloud: 'aws', kind: 'cloud', mode: 'dataplane-v2', reason: 'Dataplane V2 is the cloud networking of GKE', alternative: 'mode vpc-cni, or leave cni.mode unset' },
  { cloud: 'azure', kind: 'cloud', mode: 'dataplane-v2', reason: 'Dataplane V2 is the cloud networking of GKE', alternative: 'mode azure-cilium, or leave cni.mode unset' },
  { cloud: 'aws', kind: 'cloud', mode: 'azure-cilium', reason: 'Azure CNI powered by Cilium is the cloud networking of AKS', alternative: 'mode vpc-cni, or leave cni.mode unset' },
  { cloud: 'gcp', kind: 'cloud', mode: 'azure-cilium', reason: 'Azure CNI powered by Cilium is the cloud networking of AKS', alternative: 'mode dataplane-v2, or leave cni.mode unset' },
];

/** The outcome of looking up a combination. */
export type CniLookup =
  | {
      /** The combination exists. */
      readonly ok: true;
      /** Its matrix cell. */
      readonly cell: CniCell;
    }
  | {
      /** The combination cannot be built. */
      readonly ok: false;
      /** `refused`: a known mode this cloud cannot build; `unknown`: no such mode of the kind. */
      readonly why: 'refused' | 'unknown';
      /** Why, for the validation error. */
      readonly reason: string;
      /** What to ask for instead. */
      readonly alternative: string;
    };

/** Looks up cloud × kind × mode; unknown modes are refused with the modes that exist. */
export function lookupCni(cloud: Cloud, kind: CniKind, mode: string): CniLookup {
  const cell = CNI_CELLS.find((c) => c.cloud === cloud && c.kind === kind && c.mode === mode);
  if (cell) return { ok: true, cell };
  const refusal = CNI_REFUSALS.find((r) => r.cloud === cloud && r.kind === kind && r.mode === mode);
  if (refusal) return { ok: false, why: 'refused', reason: refusal.reason, alternative: refusal.alternative };
  const modes = modesOn(cloud, kind);
  return {
    ok: false,
    why: 'unknown',
    reason: `is not a ${kind} mode`,
    alternative: modes.length > 0 ? `one of ${modes.join(', ')}` : 'another cni.kind',
  };
}

/** A cell's key, `<cloud>/<kind>/<mode>`: how installers and chart values are keyed. */
export const cellKey = (cell: Pick<CniCell, 'cloud' | 'kind' | 'mode'>): string => `${cell.cloud}/${cell.kind}/${cell.mode}`;

/** The implemented modes of a kind on a cloud. */
export function modesOn(cloud: Cloud, kind: CniKind): readonly string[] {
  return CNI_CELLS.filter((c) => c.cloud === cloud && c.kind === kind).map((c) => c.mode);
}
