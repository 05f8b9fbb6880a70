import type { ResolvedCluster } from '../../spec';
import { imageValues } from '../images';

/** Upstream repositories of the Cilium images the chart runs. */
export const CILIUM_IMAGES = {
  agent: 'quay.io/cilium/cilium',
  operator: 'quay.io/cilium/operator',
  envoy: 'quay.io/cilium/cilium-envoy',
  hubbleRelay: 'quay.io/cilium/hubble-relay',
} as const;

/** Cloud facts the Cilium values need, as values or Terraform references. */
export interface CiliumCloudInputs {
  /** API server host name without `https://` (kube-proxy replacement talks to it directly). */
  readonly apiServerHost: string;
  /** IAM role (or other identity) the operator's service account is annotated with. */
  readonly operatorServiceAccountAnnotations?: Readonly<Record<string, string>>;
}

/** The namespace and release name of Cilium; the release name is also its Terraform identity. */
export const CILIUM_RELEASE = { name: 'cilium', namespace: 'kube-system' } as const;

/**
 * Chart values for Cilium in the cluster's matrix cell. Per-mode differences are data here, not
 * branches in the cloud folders. Only the modes with an installer are accepted.
 */
export function ciliumValues(cluster: ResolvedCluster, cloud: CiliumCloudInputs): Record<string, unknown> {
  const modeValues = CILIUM_MODE_VALUES[`${cluster.cloud}/${cluster.cni.mode}`];
  if (!modeValues) throw new Error(`polycluster: no Cilium installer for ${cluster.cloud} mode ${cluster.cni.mode}`);
  const kpr = cluster.cni.kubeProxyReplacement;
  const mirrors = cluster.egress.registryMirrors;
  return {
    cluster: { name: cluster.name },
    ...imageValues(CILIUM_IMAGES.agent, mirrors),
    ...(mirrors['quay.io'] ? { envoy: imageValues(CILIUM_IMAGES.envoy, mirrors) } : {}),
    ...modeValues(cluster),
    kubeProxyReplacement: kpr,
    // With kube-proxy replacement nothing else can route to the API service, so agents go direct.
    ...(kpr ? { k8sServiceHost: cloud.apiServerHost, k8sServicePort: 443 } : {}),
    bpf: { masquerade: kpr },
    encryption: cluster.cni.encryption === 'wireguard' ? { enabled: true, type: 'wireguard' } : { enabled: false },
    hubble: { enabled: cluster.cni.hubble, relay: { enabled: cluster.cni.hubble, ...imageValues(CILIUM_IMAGES.hubbleRelay, mirrors) }, ui: { enabled: false } },
    // The chart appends the cloud suffix (`-aws`) to the operator repository.
    operator: { replicas: 2, priorityClassName: 'system-cluster-critical', ...imageValues(CILIUM_IMAGES.operator, mirrors) },
    priorityClassName: 'system-node-critical',
    serviceAccounts: {
      operator: { create: true, name: 'cilium-operator', annotations: { ...(cloud.operatorServiceAccountAnnotations ?? {}) } },
    },
  };
}

/** Values that depend on the matrix cell, keyed `<cloud>/<mode>`. */
const CILIUM_MODE_VALUES: Readonly<Record<string, (cluster: ResolvedCluster) => Record<string, unknown>>> = {
  // Pods take VPC addresses from ENIs the operator attaches: native routing inside the VPC.
  'aws/eni': (cluster) => ({
    eni: { enabled: true, awsEnablePrefixDelegation: true, awsReleaseExcessIPs: true, updateEC2AdapterLimitViaAPI: true },
    ipam: { mode: 'eni' },
    routingMode: 'native',
    ipv4NativeRoutingCIDR: cluster.network.vpcCidr,
    enableIPv4Masquerade: true,
  }),
};

/** The `<cloud>/<mode>` cells this installer supports. */
export const CILIUM_INSTALLABLE_MODES: readonly string[] = Object.keys(CILIUM_MODE_VALUES);
