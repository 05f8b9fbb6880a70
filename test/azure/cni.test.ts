import { describe, expect, it } from 'vitest';
import { cniProfile } from '../../constructs/azure/network-profile';
import { CNI_CELLS, resolveCluster, type CniSpec } from '../../constructs/spec';
import { MINIMAL } from '../support/specs';
import { aksOf, synthAks } from './aks';

/** Each AKS cell of the CNI matrix and the network profile it must produce. */
const CELLS: { title: string; cni: CniSpec; profile: Record<string, unknown>; cniStack: boolean; installable?: false }[] = [
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
  { title: 'calico vxlan (self-installed, BYO CNI)', cni: { kind: 'calico', mode: 'vxlan' }, profile: { network_plugin: 'none' }, cniStack: true, installable: false },
  { title: 'flannel vxlan (self-installed, BYO CNI)', cni: { kind: 'flannel' }, profile: { network_plugin: 'none' }, cniStack: true, installable: false },
];

const CNI_KEYS = ['network_plugin', 'network_plugin_mode', 'network_data_plane', 'network_policy', 'pod_cidr'];

describe('AKS CNI cells', () => {
  it.each(CELLS.filter((c) => c.installable !== false))('$title sets the network profile of its cell', async ({ cni, profile, cniStack }) => {
    const { stacks } = await synthAks({ cni });
    const network = aksOf(stacks.cluster).network_profile;
    expect(Object.fromEntries(CNI_KEYS.filter((k) => k in network).map((k) => [k, network[k]]))).toEqual(profile);
    expect(stacks.cni !== undefined).toBe(cniStack);
  });

  it.each(CELLS.filter((c) => c.installable === false))('$title is refused until polycluster can install it, with the choices', async ({ cni }) => {
    await expect(synthAks({ cni })).rejects.toThrow(/cni\.mode \S+ gives .* on azure, a self-installed CNI that this version of polycluster cannot install yet: choose cni\.kind cloud, or cilium mode azure-cilium, or cilium mode overlay, or calico mode policy-only/);
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
