import { defaultFor, DEFAULTS, type DefaultPath } from './defaults';
import { gkeGatewayClasses, needsProxyOnlySubnet } from './ingress';
import type { NodeCounts, ResolvedAzure, ResolvedNamespace, ResolvedNodePool, ResolvedStateBackend } from './resolved';
import type {
  AcmeSpec,
  ClusterSpec,
  Cloud,
  CniEncryption,
  CniKind,
  DeployerNetwork,
  Exposure,
  GkeGatewayClass,
  IngressController,
  NodePoolSpec,
  Profile,
  StateBackendSpec,
  SubnetLayoutSpec,
} from './types';

/**
 * A spec with every default applied and nothing checked beyond its shape: the input of the
 * validation rules and of the final resolution.
 */
export interface Draft {
  readonly spec: ClusterSpec;
  readonly name: string;
  readonly cloud: Cloud;
  readonly region: string;
  readonly profile: Profile;
  readonly kubernetesVersion: string;
  readonly zoneCount: number;
  readonly zoneNames?: readonly string[];
  readonly vpcCidr: string;
  readonly podCidr: string;
  readonly serviceCidr: string;
  readonly controlPlaneCidr: string;
  readonly subnets: Required<SubnetLayoutSpec>;
  readonly cni: {
    readonly kind: CniKind;
    readonly mode: string;
    readonly kubeProxyReplacement?: boolean;
    readonly encryption: CniEncryption;
    readonly hubble: boolean;
  };
  readonly admins: readonly string[];
  readonly deployerNetwork: DeployerNetwork;
  readonly deployerPrincipal?: string;
  readonly nodePools: readonly DraftNodePool[];
  readonly nat: 'per-zone' | 'single' | 'none';
  readonly registryMirrors: Readonly<Record<string, string>>;
  readonly ingress: {
    readonly controller: IngressController;
    readonly exposure: Exposure;
    readonly externalDnsZones: readonly string[];
    /** GKE: the shared Gateway's class and the spec's extra ones. */
    readonly gatewayClasses: readonly GkeGatewayClass[];
    /** GKE: a regional class is in use, so the proxy-only subnet is planned and created. */
    readonly proxyOnlySubnet: boolean;
  };
  readonly certManager: { readonly enabled: boolean; readonly acme?: Required<AcmeSpec> };
  readonly namespaces: readonly ResolvedNamespace[];
  readonly tags: Readonly<Record<string, string>>;
  readonly stateBackend: ResolvedStateBackend;
  readonly logRetentionDays: number;
  readonly hostEncryption: boolean;
  readonly azure?: ResolvedAzure;
}

/** A node pool with defaults applied; counts as written, in the pool's own scope. */
export type DraftNodePool = Omit<ResolvedNodePool, 'total' | 'perZone'> & { readonly counts: NodeCounts };

/** Applies every default to a shape-checked spec. */
export function draftOf(spec: ClusterSpec): Draft {
  const profile: Profile = spec.profile ?? (DEFAULTS.profile as Profile);
  const d = <T>(path: DefaultPath): T => defaultFor(path, spec.cloud, profile) as T;
  const network = spec.network ?? {};
  const layout = network.subnets ?? {};
  const cniKind: CniKind = spec.cni?.kind ?? d('cni.kind');
  const zoneCount = spec.zones?.length ?? spec.zoneCount ?? DEFAULTS.zoneCount;
  const azureZones = ['1', '2', '3'].slice(0, zoneCount);
  const pools: readonly NodePoolSpec[] = spec.nodePools ?? DEFAULTS.nodePools;

  return {
    spec,
    name: spec.name,
    cloud: spec.cloud,
    region: spec.region,
    profile,
    kubernetesVersion: spec.kubernetesVersion ?? DEFAULTS.kubernetesVersion,
    zoneCount,
    ...(spec.zones ? { zoneNames: spec.zones } : spec.cloud === 'azure' ? { zoneNames: azureZones } : {}),
    vpcCidr: network.vpcCidr ?? d('network.vpcCidr'),
    podCidr: network.podCidr ?? d('network.podCidr'),
    serviceCidr: network.serviceCidr ?? d('network.serviceCidr'),
    controlPlaneCidr: network.controlPlaneCidr ?? d('network.controlPlaneCidr'),
    subnets: {
      privatePrefix: layout.privatePrefix ?? d('network.subnets.privatePrefix'),
      publicPrefix: layout.publicPrefix ?? d('network.subnets.publicPrefix'),
      nodePrefix: layout.nodePrefix ?? d('network.subnets.nodePrefix'),
      apiServerPrefix: layout.apiServerPrefix ?? d('network.subnets.apiServerPrefix'),
      proxyOnlyPrefix: layout.proxyOnlyPrefix ?? d('network.subnets.proxyOnlyPrefix'),
    },
    cni: {
      kind: cniKind,
      mode: spec.cni?.mode ?? DEFAULTS['cni.mode'][cniKind][spec.cloud],
      ...(spec.cni?.kubeProxyReplacement === undefined ? {} : { kubeProxyReplacement: spec.cni.kubeProxyReplacement }),
      encryption: spec.cni?.encryption ?? d('cni.encryption'),
      hubble: spec.cni?.hubble ?? d('cni.hubble'),
    },
    admins: spec.access?.admins ?? d('access.admins'),
    deployerNetwork: spec.access?.deployer?.network ?? d('access.deployer.network'),
    ...(spec.access?.deployer?.principal !== undefined ? { deployerPrincipal: spec.access.deployer.principal } : {}),
    nodePools: pools.map((pool) => draftPool(pool, d)),
    nat: spec.egress?.nat ?? d('egress.nat'),
    registryMirrors: spec.egress?.registryMirrors ?? d('egress.registryMirrors'),
    ingress: draftIngress(spec, d),
    certManager: {
      enabled: spec.certManager?.enabled ?? d('certManager.enabled'),
      ...(spec.certManager?.acme
        ? {
            acme: {
              email: spec.certManager.acme.email,
              solver: spec.certManager.acme.solver ?? d('certManager.acme.solver'),
              dnsZones: spec.certManager.acme.dnsZones ?? d('certManager.acme.dnsZones'),
            },
          }
        : {}),
    },
    namespaces: (spec.namespaces ?? DEFAULTS.namespaces).map((ns) => ({
      name: ns.name,
      labels: ns.labels ?? d('namespaces[].labels'),
      baseline: ns.baseline ?? d('namespaces[].baseline'),
      exposed: ns.exposed ?? d('namespaces[].exposed'),
      denyMetadata: ns.denyMetadata ?? d('namespaces[].denyMetadata'),
      allow: (ns.allow ?? d<ResolvedNamespace['allow']>('namespaces[].allow')).map((a) => ({
        ...a,
        ports: a.ports.map((p) => ({ port: p.port, protocol: p.protocol ?? d('ports[].protocol') })),
      })),
      egress: (ns.egress ?? d<ResolvedNamespace['egress']>('namespaces[].egress')).map((e) => ({
        ...e,
        ports: e.ports.map((p) => ({ port: p.port, protocol: p.protocol ?? d('ports[].protocol') })),
      })),
    })),
    tags: { ...(spec.tags ?? DEFAULTS.tags), 'polycluster-cluster': spec.name, 'polycluster-profile': profile },
    stateBackend: backendOf(spec, d),
    logRetentionDays: spec.security?.logRetentionDays ?? d('security.logRetentionDays'),
    hostEncryption: spec.security?.hostEncryption ?? d('security.hostEncryption'),
    ...(spec.cloud === 'azure'
      ? {
          azure: {
            ...(spec.azure?.subscriptionId ? { subscriptionId: spec.azure.subscriptionId } : {}),
            resourceGroupName: spec.azure?.resourceGroupName ?? `${spec.name}-rg`,
            dnsPrefix: spec.azure?.dnsPrefix ?? spec.name,
            systemPool: {
              machineType: spec.azure?.systemPool?.machineType ?? d('azure.systemPool.machineType'),
              min: spec.azure?.systemPool?.min ?? d('azure.systemPool.min'),
              max: spec.azure?.systemPool?.max ?? d('azure.systemPool.max'),
              // The pool takes the default pod limit and disk: the address checks reserve those.
              maxPods: d('nodePools[].maxPods'),
              diskSizeGiB: d('nodePools[].diskSizeGiB'),
            },
          },
        }
      : {}),
  };
}

function draftIngress(spec: ClusterSpec, d: <T>(path: DefaultPath) => T): Draft['ingress'] {
  const controller = spec.ingress?.controller ?? d<IngressController>('ingress.controller');
  const exposure = spec.ingress?.exposure ?? d<Exposure>('ingress.exposure');
  const gatewayClasses = spec.cloud === 'gcp' ? gkeGatewayClasses(controller, exposure, spec.gcp) : [];
  return {
    controller,
    exposure,
    // Zone names without the root dot: how Route 53 and Azure DNS name zones (Cloud DNS adds it).
    externalDnsZones: (spec.ingress?.externalDnsZones ?? d<readonly string[]>('ingress.externalDnsZones')).map((z) => z.replace(/\.$/, '')),
    gatewayClasses,
    proxyOnlySubnet: needsProxyOnlySubnet(gatewayClasses),
  };
}

function draftPool(pool: NodePoolSpec, d: <T>(path: DefaultPath) => T): DraftNodePool {
  const min = pool.min ?? d<number>('nodePools[].min');
  return {
    name: pool.name,
    machineType: pool.machineType ?? d('nodePools[].machineType'),
    sizeScope: pool.sizeScope ?? d('nodePools[].sizeScope'),
    counts: { min, max: pool.max ?? d('nodePools[].max'), desired: pool.desired ?? min },
    labels: pool.labels ?? d('nodePools[].labels'),
    taints: pool.taints ?? d('nodePools[].taints'),
    maxPods: pool.maxPods ?? d('nodePools[].maxPods'),
    diskSizeGiB: pool.diskSizeGiB ?? d('nodePools[].diskSizeGiB'),
    spot: pool.spot ?? d('nodePools[].spot'),
  };
}

function backendOf(spec: ClusterSpec, d: <T>(path: DefaultPath) => T): ResolvedStateBackend {
  const backend: StateBackendSpec = spec.stateBackend ?? DEFAULTS.stateBackend;
  switch (backend.kind) {
    case 'local':
      return { kind: 'local', directory: backend.directory ?? d('stateBackend.directory') };
    case 's3':
      return { ...backend, keyPrefix: backend.keyPrefix ?? d('stateBackend.keyPrefix') };
    case 'gcs':
      return { ...backend, prefix: backend.prefix ?? d('stateBackend.prefix') };
    case 'azurerm':
      return { ...backend, keyPrefix: backend.keyPrefix ?? d('stateBackend.keyPrefix') };
  }
}
