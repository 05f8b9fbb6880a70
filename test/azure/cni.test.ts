import { describe, expect, it } from 'vitest';
import { cniProfile } from '../../constructs/azure/network-profile';
import { CNI_CELLS, resolveCluster, type CniSpec } from '../../constructs/spec';
import { MINIMAL } from '../support/specs';
import { aksOf, synthAks } from './aks';

/** Each AKS cell of the CNI matrix and the network profile it must produce. */
const CELLS: { title: string; cni: CniSpec; profile: Record<string, unknown>; cniStack: boolean }[] = [
  {
    title: 'cloud (Azure CNI powered by Cilium)',
    cni: {},
    profile: { network_plugin: 'azure', network_plugin_mode: 'overlay', network_data_plane: 'cilium', network_policy: 'cilium', pod_cidr: '100.64.0.0/14' },
    cniStack: false,
  },
  {
    title: 'cilium azure-cilium',
    cni: { kind: 'cilium' },
    profile: { network_plugin: 'azure', network_plugin_mode: 'overlay', network_data_plane: 'cilium', network_policy: 'cilium', pod_cidr: '100.64.0.0/14' },
    cniStack: false,
  },
  {
    title: 'calico policy-only (Azure CNI overlay, Calico policy)',
    cni: { kind: 'calico' },
    profile: { network_plugin: 'azure', network_plugin_mode: 'overlay', network_data_plane: 'azure', network_policy: 'calico', pod_cidr: '100.64.0.0/14' },
    cniStack: false,
  },
  { title: 'cilium overlay (self-installed, BYO CNI)', cni: { kind: 'cilium', mode: 'overlay' }, profile: { network_plugin: 'none' }, cniStack: true },
  { title: 'calico vxlan (self-installed, BYO CNI)', cni: { kind: 'calico', mode: 'vxlan' }, profile: { network_plugin: 'none' }, cniStack: true },
];

const CNI_KEYS = ['network_plugin', 'network_plugin_mode', 'network_data_plane', 'network_policy', 'pod_cidr'];

describe('AKS CNI cells', () => {
  it.each(CELLS)('$title sets the network profile of its cell', async ({ cni, profile, cniStack }) => {
    const { stacks } = await synthAks({ cni });
    const network = aksOf(stacks.cluster).network_profile;
    expect(Object.fromEntries(CNI_KEYS.filter((k) => k in network).map((k) => [k, network[k]]))).toEqual(profile);
    expect(stacks.cni !== undefined).toBe(cniStack);
  });

  it('refuses Flannel before building anything, with the reason and the CNIs that work on network_plugin none', async () => {
    await expect(synthAks({ cni: { kind: 'flannel' } })).rejects.toThrow(
      /cni\.kind flannel cannot run on azure: Flannel needs node\.spec\.podCIDR .* AKS sets no node pod CIDR with network_plugin none .*: choose cni\.kind calico with mode vxlan .* or cilium with mode overlay/,
    );
  });

  it('installs Calico on a BYO-CNI cluster through the Tigera operator, tolerating the system pool taint', async () => {
    const { stacks } = await synthAks({ cni: { kind: 'calico', mode: 'vxlan', encryption: 'wireguard' }, network: { podCidr: '100.72.0.0/14' } });
    const release = Object.values<any>(stacks.cni!.resource.helm_release);
    expect(release).toHaveLength(1);
    expect(release[0]).toMatchObject({ name: 'calico', namespace: 'tigera-operator', chart: 'tigera-operator', wait: false });
    const values = JSON.parse(release[0].values[0]);
    expect(values.installation).toEqual({
      enabled: true,
      kubernetesProvider: 'AKS',
      cni: { type: 'Calico', ipam: { type: 'Calico' } },
      calicoNetwork: {
        bgp: 'Disabled',
        linuxDataplane: 'Iptables',
        mtu: 1440,
        ipPools: [{ name: 'default-ipv4-ippool', cidr: '100.72.0.0/14', blockSize: 26, encapsulation: 'VXLAN', natOutgoing: 'Enabled', nodeSelector: 'all()' }],
      },
      controlPlaneReplicas: 2,
      controlPlaneTolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
    });
    expect(values.defaultFelixConfiguration).toEqual({ enabled: true, wireguardEnabled: true });
  });

  it('installs self-installed Cilium in the cni stack of a BYO-CNI cluster, logging in through kubelogin', async () => {
    const { stacks } = await synthAks({ cni: { kind: 'cilium', mode: 'overlay' }, network: { podCidr: '100.72.0.0/14' } });
    const cni = stacks.cni!;
    expect(Object.keys(cni.provider).sort()).toEqual(['helm', 'kubernetes']);
    expect(cni.provider.kubernetes[0].exec[0].command).toBe('kubelogin');
    expect(cni.provider.helm[0].kubernetes.exec.command).toBe('kubelogin');
    const release = Object.values<any>(cni.resource.helm_release);
    expect(release).toHaveLength(1);
    expect(release[0]).toMatchObject({ name: 'cilium', chart: 'cilium', wait: false });
    const values = JSON.parse(release[0].values[0]);
    expect(values).toMatchObject({
      aksbyocni: { enabled: true },
      ipam: { mode: 'cluster-pool', operator: { clusterPoolIPv4PodCIDRList: ['100.72.0.0/14'], clusterPoolIPv4MaskSize: 24 } },
      routingMode: 'tunnel',
      tunnelProtocol: 'vxlan',
      kubeProxyReplacement: false,
    });
    expect(values.k8sServiceHost).toBeUndefined();
    // The docs' AKS BYO install sets aksbyocni only; nodeinit would add a privileged DaemonSet.
    expect(values.nodeinit).toBeUndefined();
    expect(values.MTU).toBe(1500);
  });

  it('always writes the service range and the DNS service address', async () => {
    for (const cni of [{}, { kind: 'cilium' as const, mode: 'overlay' }]) {
      const { stacks } = await synthAks({ cni, network: { serviceCidr: '172.24.0.0/16' } });
      const network = aksOf(stacks.cluster).network_profile;
      expect(network.service_cidr).toBe('172.24.0.0/16');
      expect(network.dns_service_ip).toBe('172.24.0.10');
    }
  });

  it('takes the overlay pod range from the spec', async () => {
    const { stacks } = await synthAks({ network: { podCidr: '100.80.0.0/14' } });
    expect(aksOf(stacks.cluster).network_profile.pod_cidr).toBe('100.80.0.0/14');
  });

  it('has a network profile for every AKS cell of the support matrix', () => {
    const cells = CNI_CELLS.filter((c) => c.cloud === 'azure');
    expect(cells.length).toBe(CELLS.length);
    for (const cell of cells) {
      const resolved = resolveCluster({ ...MINIMAL.azure, cni: { kind: cell.kind, mode: cell.mode } });
      const profile = cniProfile(resolved);
      expect(profile.networkPlugin).toBe(cell.provisioning === 'self-installed' ? 'none' : 'azure');
      // network_policy cilium is accepted by AKS only with the cilium data plane.
      if (profile.networkPolicy === 'cilium') expect(profile.networkDataPlane).toBe('cilium');
    }
  });
});
