import { beforeAll, describe, expect, it } from 'vitest';
import { CHARTS } from '../../constructs/addons/charts';
import { CNI_INSTALLER_CELLS } from '../../constructs/addons/cni';
import { cellKey, CNI_CELLS, type CniCell, type ClusterSpec } from '../../constructs';
import { releaseValues } from '../aws/helpers';
import { MINIMAL } from '../support/specs';
import { onlyResource, synthCluster, type SynthesizedCluster } from '../support/synth';

const SELF_INSTALLED = CNI_CELLS.filter((cell) => cell.provisioning === 'self-installed');
const POD_CIDR = '100.64.0.0/14';
/** Node interface MTUs, restated: AWS ENIs inside a VPC, Azure VNets. */
const NODE_INTERFACE_MTU: Record<string, number> = { aws: 9001, azure: 1500 };

const specOf = (cell: CniCell): ClusterSpec => ({
  ...MINIMAL[cell.cloud],
  cni: { kind: cell.kind, mode: cell.mode },
  ...(cell.podAddressing === 'pod-range' ? { network: { podCidr: POD_CIDR } } : {}),
});

describe('self-installed CNIs', () => {
  it('have an installer for every self-installed cell of the matrix, and for nothing else', () => {
    expect([...CNI_INSTALLER_CELLS].sort()).toEqual(SELF_INSTALLED.map(cellKey).sort());
    expect(SELF_INSTALLED.map(cellKey).sort()).toEqual(['aws/calico/policy-only', 'aws/calico/vxlan', 'aws/cilium/chaining', 'aws/cilium/eni', 'aws/cilium/overlay', 'azure/calico/vxlan', 'azure/cilium/overlay']);
  });

  describe.each(SELF_INSTALLED.map((cell) => [cellKey(cell), cell] as const))('%s', (_key, cell) => {
    let synth: SynthesizedCluster;
    let values: Record<string, any>;
    beforeAll(async () => {
      synth = await synthCluster(specOf(cell));
      values = releaseValues(onlyResource(synth.stacks.cni, 'helm_release'));
    });

    it('is one pinned chart in the cni stack, installed without waiting for nodes', () => {
      const release = onlyResource(synth.stacks.cni, 'helm_release');
      const chart = cell.kind === 'cilium' ? CHARTS.cilium : CHARTS.tigeraOperator;
      expect(release).toMatchObject({ repository: chart.repository, chart: chart.chart, version: chart.version, wait: false, atomic: false });
      expect(chart.version).toMatch(/^v?\d+\.\d+\.\d+$/);
    });

    it('runs after the control plane and before the nodes', () => {
      const { stacks } = synth.cluster;
      expect(stacks.cni!.dependencies).toContain(stacks.cluster);
      expect(stacks.nodes.dependencies).toContain(stacks.cni);
    });

    it('starts its node agent (and the host-network Tigera operator) on NotReady and tainted nodes', () => {
      expect(values.tolerations).toEqual([{ operator: 'Exists' }]);
      // The Cilium operator keeps the chart's own tolerations, which cover NotReady nodes.
      if (cell.kind === 'cilium') expect(values.operator.tolerations).toBeUndefined();
    });

    it('takes its pod range and overlay MTU from the spec and the cloud, never a CNI default range', () => {
      if (cell.kind === 'cilium' && cell.podAddressing === 'pod-range') {
        expect(values.ipam.operator.clusterPoolIPv4PodCIDRList).toEqual([POD_CIDR]);
        expect(values.MTU).toBe(NODE_INTERFACE_MTU[cell.cloud]);
      } else if (cell.kind === 'calico' && cell.podAddressing === 'pod-range') {
        expect(values.installation.calicoNetwork.ipPools.map((p: any) => p.cidr)).toEqual([POD_CIDR]);
        expect(values.installation.calicoNetwork.mtu).toBe(NODE_INTERFACE_MTU[cell.cloud] - 50);
      } else {
        // VPC addressing: the cloud's IPAM, no pod range anywhere in the values.
        expect(JSON.stringify(values)).not.toContain(POD_CIDR);
        expect(synth.cluster.resolved.network.podCidr).toBeUndefined();
      }
    });

    if (cell.kind === 'calico' && cell.podAddressing === 'pod-range') {
      it('leaves room for WireGuard in the tunnel MTU when encryption is on', async () => {
        const encrypted = await synthCluster({ ...specOf(cell), cni: { kind: cell.kind, mode: cell.mode, encryption: 'wireguard' } });
        const installation = releaseValues(onlyResource(encrypted.stacks.cni, 'helm_release')).installation;
        expect(installation.calicoNetwork.mtu).toBe(NODE_INTERFACE_MTU[cell.cloud]! - 60);
      });
    }

    it('names the cluster and the cloud it runs on', () => {
      if (cell.kind === 'cilium') expect(values.cluster).toEqual({ name: synth.cluster.resolved.name });
      else expect(values.installation.kubernetesProvider).toBe(cell.cloud === 'aws' ? 'EKS' : 'AKS');
    });
  });
});
