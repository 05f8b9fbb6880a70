import type { Construct } from 'constructs';
import { CHART_IMAGES, cellKey, type ResolvedCluster } from '../../spec';
import { CHARTS } from '../charts';
import { HelmAddon } from '../helm-addon';
import { imageValues } from '../images';
import { shortHash } from '../../naming';
import { NODE_MTU, TOLERATE_EVERY_TAINT } from './node-network';

/** Upstream repositories of the Cilium images the chart runs. */
const CILIUM_IMAGES = CHART_IMAGES.cilium;

/** Cloud facts the Cilium values need, as values or Terraform references. */
export interface CiliumCloudInputs {
  /** API server host name without `https://`; needed for kube-proxy replacement. */
  readonly apiServerHost?: string;
  /** Annotations of the operator's service account (its cloud identity). */
  readonly operatorServiceAccountAnnotations?: Readonly<Record<string, string>>;
}

/** The namespace and release name of Cilium; the release name is also its Terraform identity. */
export const CILIUM_RELEASE = { name: 'cilium', namespace: 'kube-system', operatorServiceAccount: 'cilium-operator' } as const;

/** Values that depend on the matrix cell, keyed by `cellKey`. */
const CILIUM_MODE_VALUES: Readonly<Record<string, (cluster: ResolvedCluster) => Record<string, unknown>>> = {
  // Pods take VPC addresses from ENIs the operator attaches and keep them on the way out (the
  // NAT gateway translates for the internet): native routing, no masquerading, the routing
  // range detected from the VPC.
  'aws/cilium/eni': () => ({
    eni: { enabled: true, awsEnablePrefixDelegation: true, awsReleaseExcessIPs: true, updateEC2AdapterLimitViaAPI: true },
    ipam: { mode: 'eni' },
    routingMode: 'native',
    enableIPv4Masquerade: false,
  }),
  // The VPC CNI keeps addressing and routing; Cilium adds policy and observability on top.
  'aws/cilium/chaining': () => ({
    cni: { chainingMode: 'aws-cni', exclusive: false },
    enableIPv4Masquerade: false,
    routingMode: 'native',
    endpointRoutes: { enabled: true },
  }),
  'aws/cilium/overlay': (cluster) => clusterPoolOverlay(cluster),
  // BYO CNI on AKS (`network_plugin = none`); the chart requires tunnel routing with it.
  'azure/cilium/overlay': (cluster) => ({ aksbyocni: { enabled: true }, ...clusterPoolOverlay(cluster) }),
};

/**
 * VXLAN between nodes; each node gets a block of `network.podCidr` from the operator. `MTU` is
 * the node interface's: Cilium takes the tunnel overhead off it.
 */
function clusterPoolOverlay(cluster: ResolvedCluster): Record<string, unknown> {
  const block = cluster.cni.cell.podBlock;
  if (cluster.network.podCidr === undefined || block?.kind !== 'per-node') {
    throw new Error(`polycluster: internal: ${cellKey(cluster.cni.cell)} has no cluster-pool range`);
  }
  return {
    ipam: { mode: 'cluster-pool', operator: { clusterPoolIPv4PodCIDRList: [cluster.network.podCidr], clusterPoolIPv4MaskSize: block.prefix } },
    routingMode: 'tunnel',
    tunnelProtocol: 'vxlan',
    MTU: NODE_MTU[cluster.cloud],
  };
}

/**
 * Cilium's cluster name: at most 32 lower-case letters, digits and dashes (the chart refuses
 * others). Longer or other names keep a readable prefix and a hash of the full name.
 */
export function ciliumClusterName(name: string): string {
  if (/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/.test(name)) return name;
  // Rewritten names carry the hash, so two names that clean up alike stay distinct.
  const clean = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '');
  return `${clean.slice(0, 23).replace(/-+$/, '')}-${shortHash(name)}`.replace(/^-/, '');
}

/** The Cilium cells these values cover. */
export const CILIUM_INSTALLABLE_CELLS: readonly string[] = Object.keys(CILIUM_MODE_VALUES);

/**
 * Chart values for Cilium in the cluster's matrix cell. Per-mode differences are data here, not
 * branches in the cloud folders.
 */
export function ciliumValues(cluster: ResolvedCluster, cloud: CiliumCloudInputs): Record<string, unknown> {
  const key = cellKey(cluster.cni.cell);
  const modeValues = CILIUM_MODE_VALUES[key];
  // Every self-installed Cilium cell of the matrix has values here (tested).
  if (!modeValues) throw new Error(`polycluster: internal: no Cilium values for ${key}`);
  const mode = modeValues(cluster);
  const kpr = cluster.cni.kubeProxyReplacement;
  if (kpr && cloud.apiServerHost === undefined) throw new Error(`polycluster: internal: kube-proxy replacement on ${key} needs the API server host`);
  const mirrors = cluster.egress.registryMirrors;
  const envoy = imageValues(CILIUM_IMAGES.envoy, mirrors);
  return {
    cluster: { name: ciliumClusterName(cluster.name) },
    ...imageValues(CILIUM_IMAGES.agent, mirrors),
    ...(envoy.image ? { envoy } : {}),
    ...mode,
    kubeProxyReplacement: kpr,
    // With kube-proxy replacement nothing else can route to the API service, so agents go direct.
    ...(kpr ? { k8sServiceHost: cloud.apiServerHost, k8sServicePort: 443 } : {}),
    // eBPF masquerading needs kube-proxy replacement, and only matters where pods are masqueraded.
    bpf: { masquerade: kpr && mode.enableIPv4Masquerade !== false },
    encryption: cluster.cni.encryption === 'wireguard' ? { enabled: true, type: 'wireguard' } : { enabled: false },
    hubble: { enabled: cluster.cni.hubble, relay: { enabled: cluster.cni.hubble, ...imageValues(CILIUM_IMAGES.hubbleRelay, mirrors) }, ui: { enabled: false } },
    // The chart appends the cloud suffix (`-aws`, `-generic`) to the operator repository.
    // The operator keeps the chart's tolerations (not-ready and uninitialized nodes among them).
    operator: { replicas: 2, priorityClassName: 'system-cluster-critical', ...imageValues(CILIUM_IMAGES.operator, mirrors) },
    priorityClassName: 'system-node-critical',
    tolerations: TOLERATE_EVERY_TAINT,
    serviceAccounts: {
      operator: { create: true, name: CILIUM_RELEASE.operatorServiceAccount, annotations: { ...(cloud.operatorServiceAccountAnnotations ?? {}) } },
    },
  };
}

/**
 * Cilium in the cni stack, with `wait = false`: the stack runs before any node can run it, so
 * nothing the chart starts can become ready yet.
 */
export class CiliumAddon extends HelmAddon {
  constructor(scope: Construct, id: string, cluster: ResolvedCluster, cloud: CiliumCloudInputs) {
    super(scope, id, { chart: CHARTS.cilium, releaseName: CILIUM_RELEASE.name, namespace: CILIUM_RELEASE.namespace, values: ciliumValues(cluster, cloud), wait: false });
  }
}
