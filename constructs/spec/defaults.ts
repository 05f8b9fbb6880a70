import type { Cloud, Profile } from './types';

/** A default that differs per cloud. */
export type PerCloud<T> = { readonly [C in Cloud]: T };
/** A default that differs per profile: the `development` value is a listed relaxation. */
export type PerProfile<T> = { readonly [P in Profile]: T };

/**
 * Every static default of the spec, keyed by field path (`[]` marks list items). The JSDoc
 * `@default` of each field shows the same value in compact JSON; a test keeps them equal, and
 * the README's spec reference is checked against this table too.
 */
export const DEFAULTS = deepFreeze({
  zoneCount: 3,
  kubernetesVersion: '1.34',
  profile: 'production',
  nodePools: [{ name: 'general' }],
  namespaces: [],
  tags: {},
  kubernetesLabels: {},
  stateBackend: { kind: 'local' },

  'network.vpcCidr': '10.0.0.0/16',
  // 100.64.0.0/10 (shared address space) never collides with corporate RFC 1918 networks.
  'network.podCidr': '100.64.0.0/14',
  // EKS's own default range for VPCs in 10/8; also outside AKS's forbidden ranges.
  'network.serviceCidr': '172.20.0.0/16',
  'network.controlPlaneCidr': '172.16.0.0/28',
  'network.subnets.privatePrefix': 19,
  'network.subnets.publicPrefix': 22,
  'network.subnets.nodePrefix': 20,
  'network.subnets.apiServerPrefix': 28,
  'network.subnets.proxyOnlyPrefix': 23,

  'cni.kind': 'cloud',
  'cni.mode': {
    cloud: { aws: 'vpc-cni', gcp: 'dataplane-v2', azure: 'azure-cilium' },
    cilium: { aws: 'eni', gcp: 'dataplane-v2', azure: 'azure-cilium' },
    calico: { aws: 'policy-only', gcp: 'policy-only', azure: 'policy-only' },
    flannel: { aws: 'vxlan', gcp: 'vxlan', azure: 'vxlan' },
  },
  'cni.encryption': 'none',
  'cni.hubble': false,

  'access.admins': [],
  'access.deployer.network': { from: 'network' },

  'nodePools[].machineType': { aws: 'm7i.large', gcp: 'n2-standard-4', azure: 'Standard_D4ds_v5' },
  'nodePools[].min': { production: 3, development: 1 },
  'nodePools[].max': 6,
  'nodePools[].sizeScope': 'total',
  'nodePools[].labels': {},
  'nodePools[].taints': [],
  'nodePools[].maxPods': 110,
  'nodePools[].diskSizeGiB': 100,
  'nodePools[].spot': false,

  'egress.nat': { production: 'per-zone', development: 'single' },
  'egress.registryMirrors': {},

  'ingress.controller': { aws: 'cloud', gcp: 'cloud', azure: 'traefik' },
  'ingress.exposure': 'internal',
  'ingress.externalDnsZones': [],

  'certManager.enabled': true,
  'certManager.acme.solver': 'dns01',
  'certManager.acme.dnsZones': [],

  'namespaces[].labels': {},
  'namespaces[].baseline': true,
  'namespaces[].exposed': false,
  // GKE's metadata server (GKE_METADATA on every pool) hides node credentials and serves
  // Workload Identity, so GKE namespaces reach it by default; elsewhere it is the node's.
  'namespaces[].denyMetadata': { aws: true, gcp: false, azure: true },
  'namespaces[].allow': [],
  'namespaces[].egress': [],
  'ports[].protocol': 'TCP',

  'stateBackend.directory': '.',
  'stateBackend.keyPrefix': 'polycluster',
  'stateBackend.prefix': 'polycluster',

  'security.logRetentionDays': { production: 365, development: 30 },
  'security.hostEncryption': true,

  'gcp.gatewayClasses': [],

  'azure.systemPool.machineType': 'Standard_D4ds_v5',
  'azure.systemPool.min': 3,
  'azure.systemPool.max': 5,
} as const satisfies Record<string, unknown>);

/** A field path of `DEFAULTS`. */
export type DefaultPath = keyof typeof DEFAULTS;

/**
 * Defaults computed from other fields; their JSDoc `@default` is this exact text, and the
 * resolver tests check the behaviour.
 */
export const DERIVED_DEFAULTS = {
  zones:
    'the first `zoneCount` zones of the region: AWS and GCP ask the cloud at deploy time, Azure uses "1", "2", "3"',
  'cni.kubeProxyReplacement':
    "the mode's own default (true for Cilium `eni`, `overlay` and the managed Cilium modes; otherwise false)",
  'nodePools[].desired': "the pool's `min`",
  'azure.resourceGroupName': 'the cluster name followed by "-rg"',
  'azure.dnsPrefix': 'the cluster name',
} as const satisfies Record<string, string>;

/** A development-profile relaxation: which default changes and what it costs you. */
export interface ProfileRelaxation {
  /** The spec field whose default the development profile changes. */
  readonly path: DefaultPath;
  /** The production default. */
  readonly production: unknown;
  /** The development default. */
  readonly development: unknown;
  /** What the development value costs in security or availability. */
  readonly tradeOff: string;
}

/**
 * What the `development` profile relaxes, and nothing else. A value written in the spec wins
 * over both profiles. The resolved cluster lists the relaxations that applied.
 */
export const PROFILE_RELAXATIONS: readonly ProfileRelaxation[] = [
  {
    path: 'egress.nat',
    production: 'per-zone',
    development: 'single',
    tradeOff: 'one NAT gateway: cheaper, but egress fails when its zone fails',
  },
  {
    path: 'nodePools[].min',
    production: 3,
    development: 1,
    tradeOff: 'a single node per pool may be all there is: no zone redundancy for workloads',
  },
  {
    path: 'security.logRetentionDays',
    production: 365,
    development: 30,
    tradeOff: 'control-plane and flow logs are kept 30 days instead of a year',
  },
];

/** The default of `path` for a cloud and profile, unwrapping per-cloud and per-profile values. */
export function defaultFor<P extends DefaultPath>(path: P, cloud: Cloud, profile: Profile): unknown {
  const value: unknown = DEFAULTS[path];
  if (isKeyed(value, ['production', 'development'])) return (value as PerProfile<unknown>)[profile];
  if (isKeyed(value, ['aws', 'gcp', 'azure'])) return (value as PerCloud<unknown>)[cloud];
  return value;
}

function isKeyed(value: unknown, keys: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => own.includes(k));
}

/** Freezes a value and everything in it: resolved clusters share default lists and objects. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
