import type { KubernetesClusterNetworkProfile } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import type { ResolvedCluster } from '../spec';

/** What a CNI cell of the support matrix sets on the AKS network profile. */
export type CniProfile = Pick<KubernetesClusterNetworkProfile, 'networkPlugin' | 'networkPluginMode' | 'networkDataPlane' | 'networkPolicy' | 'podCidr'>;

/**
 * The network plugin settings of each AKS cell (REFERENCE.md, CNI support matrix). Changing
 * any of them on an existing cluster replaces or migrates it: review such a diff closely.
 */
export function cniProfile(cluster: ResolvedCluster): CniProfile {
  const { mode } = cluster.cni;
  const podCidr = cluster.network.podCidr;
  switch (mode) {
    case 'azure-cilium':
      // Azure CNI powered by Cilium: overlay pod range, Cilium datapath and policy. The policy
      // `cilium` requires the `cilium` data plane.
      return { networkPlugin: 'azure', networkPluginMode: 'overlay', networkDataPlane: 'cilium', networkPolicy: 'cilium', podCidr };
    case 'policy-only':
      // Azure CNI overlay with the Calico policy engine managed by AKS.
      return { networkPlugin: 'azure', networkPluginMode: 'overlay', networkDataPlane: 'azure', networkPolicy: 'calico', podCidr };
    case 'overlay':
    case 'vxlan':
      // BYO CNI: AKS installs none; the cni stack installs it with the pod range. No pod_cidr
      // here: AKS ignores it with network_plugin none.
      return { networkPlugin: 'none' };
    default:
      throw new Error(`polycluster: the AKS builder has no network profile for CNI mode ${mode} (${cluster.cni.kind})`);
  }
}

/** The whole network profile: CNI plus explicit service range, DNS address and egress. */
export function networkProfile(cluster: ResolvedCluster): KubernetesClusterNetworkProfile {
  return {
    ...cniProfile(cluster),
    ipVersions: ['IPv4'],
    // Explicit: the AKS default service range 10.0.0.0/16 collides with common VNets.
    serviceCidr: cluster.network.serviceCidr,
    dnsServiceIp: cluster.network.dnsServiceIp,
    loadBalancerSku: 'standard',
    // Egress through our NAT gateway on the node subnet, with its known static addresses.
    outboundType: 'userAssignedNATGateway',
  };
}
