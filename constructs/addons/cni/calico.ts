import type { Construct } from 'constructs';
import { CHART_IMAGES, cellKey, registryOf, type ResolvedCluster } from '../../spec';
import { CHARTS } from '../charts';
import { HelmAddon } from '../helm-addon';
import { CRITICAL_ADDONS_ONLY, NODE_MTU, TOLERATE_EVERY_TAINT, VXLAN_OVERHEAD, WIREGUARD_OVERHEAD } from './node-network';

/** The Tigera operator's release; the operator installs Calico into `calico-system`. */
const CALICO_RELEASE = { name: 'calico', namespace: 'tigera-operator' } as const;

const IMAGES = CHART_IMAGES['tigera-operator'];

/** `installation.kubernetesProvider`: turns on the operator's cloud handling (on EKS with Calico CNI, a host-network API server). */
const KUBERNETES_PROVIDER = { aws: 'EKS', azure: 'AKS' } as const;

/** The Installation fields that depend on the matrix cell, keyed by `cellKey`. */
const CALICO_MODE_VALUES: Readonly<Record<string, (cluster: ResolvedCluster) => Record<string, unknown>>> = {
  // The VPC CNI keeps addressing and routing; Calico enforces policy on its interfaces.
  'aws/calico/policy-only': () => ({ cni: { type: 'AmazonVPC', ipam: { type: 'AmazonVPC' } } }),
  'aws/calico/vxlan': (cluster) => calicoVxlan(cluster),
  // BYO CNI on AKS (`network_plugin = none`).
  'azure/calico/vxlan': (cluster) => calicoVxlan(cluster),
};

/** Calico CNI and IPAM: VXLAN between nodes, blocks of `network.podCidr` handed to nodes on demand. */
function calicoVxlan(cluster: ResolvedCluster): Record<string, unknown> {
  const block = cluster.cni.cell.podBlock;
  if (cluster.network.podCidr === undefined || block?.kind !== 'blocks') {
    throw new Error(`polycluster: internal: ${cellKey(cluster.cni.cell)} has no Calico pod range`);
  }
  return {
    cni: { type: 'Calico', ipam: { type: 'Calico' } },
    calicoNetwork: {
      // No BGP peering exists between cloud nodes; VXLAN needs none.
      bgp: 'Disabled',
      linuxDataplane: 'Iptables',
      // The operator gives this MTU to every tunnel; with WireGuard, pod traffic between nodes
      // goes through the WireGuard tunnel, whose overhead is the larger.
      mtu: NODE_MTU[cluster.cloud] - (cluster.cni.encryption === 'wireguard' ? WIREGUARD_OVERHEAD : VXLAN_OVERHEAD),
      ipPools: [
        // Explicit: Calico's default pool 192.168.0.0/16 collides with common networks.
        { name: 'default-ipv4-ippool', cidr: cluster.network.podCidr, blockSize: block.prefix, encapsulation: 'VXLAN', natOutgoing: 'Enabled', nodeSelector: 'all()' },
      ],
    },
  };
}

/** The Calico cells these values cover. */
export const CALICO_INSTALLABLE_CELLS: readonly string[] = Object.keys(CALICO_MODE_VALUES);

/**
 * Values of the tigera-operator chart for the cluster's cell: the `installation` block is the
 * operator.tigera.io Installation spec, checked against its schema in the tests.
 */
export function calicoValues(cluster: ResolvedCluster): Record<string, unknown> {
  const key = cellKey(cluster.cni.cell);
  const modeValues = CALICO_MODE_VALUES[key];
  const provider = cluster.cloud === 'gcp' ? undefined : KUBERNETES_PROVIDER[cluster.cloud];
  if (!modeValues || !provider) throw new Error(`polycluster: internal: no Calico values for ${key}`);
  // Both images live on quay.io; a mirror for it serves the operator and every Calico component.
  const mirror = cluster.egress.registryMirrors[registryOf(IMAGES.operator)];
  return {
    installation: {
      enabled: true,
      kubernetesProvider: provider,
      ...modeValues(cluster),
      controlPlaneReplicas: 2,
      // AKS system pools carry CriticalAddonsOnly; Typha and kube-controllers belong there.
      ...(cluster.cloud === 'azure' ? { controlPlaneTolerations: [CRITICAL_ADDONS_ONLY] } : {}),
      // The operator appends the image path (`calico/`), so the mirror keeps upstream's layout.
      ...(mirror === undefined ? {} : { registry: `${mirror}/` }),
    },
    // Needed for projectcalico.org/v3 policies (GlobalNetworkPolicy) applied by the policies stack.
    apiServer: { enabled: true },
    // Flow aggregation and its UI are not exposed or secured by polycluster; leave them out.
    goldmane: { enabled: false },
    whisker: { enabled: false },
    defaultFelixConfiguration: { enabled: true, wireguardEnabled: cluster.cni.encryption === 'wireguard' },
    tolerations: TOLERATE_EVERY_TAINT,
    ...(mirror === undefined ? {} : { tigeraOperator: { registry: mirror } }),
  };
}

/**
 * The Tigera operator and its Installation in the cni stack, with `wait = false`: the stack runs
 * before any node exists.
 */
export class CalicoAddon extends HelmAddon {
  constructor(scope: Construct, id: string, cluster: ResolvedCluster) {
    super(scope, id, { chart: CHARTS.tigeraOperator, releaseName: CALICO_RELEASE.name, namespace: CALICO_RELEASE.namespace, values: calicoValues(cluster), wait: false });
  }
}
