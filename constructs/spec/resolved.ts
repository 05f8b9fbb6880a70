import type { CniCell } from './cni-matrix';
import type { SubnetPlan } from './cidr-plan';
import type { IngressClasses } from './ingress';
import type { LoadBalancerService } from './load-balancer-service';
import type { ResolvedWebhooks } from './webhooks';
import type {
  AcmeSpec,
  AllowanceSpec,
  Cloud,
  CniEncryption,
  CniKind,
  DeployerNetwork,
  EgressAllowanceSpec,
  Exposure,
  GkeGatewayClass,
  IngressController,
  PortSpec,
  Profile,
  SizeScope,
  StateBackendSpec,
  TaintSpec,
} from './types';

/**
 * The cluster after validation: every default applied, the CNI cell chosen from the matrix and
 * the address plan computed. Cloud constructs read only this, never the raw spec.
 */
export interface ResolvedCluster {
  readonly name: string;
  readonly cloud: Cloud;
  readonly region: string;
  readonly profile: Profile;
  readonly kubernetesVersion: string;
  readonly zones: ResolvedZones;
  readonly network: ResolvedNetwork;
  readonly cni: ResolvedCni;
  readonly access: ResolvedAccess;
  readonly nodePools: readonly ResolvedNodePool[];
  readonly egress: ResolvedEgress;
  readonly ingress: ResolvedIngress;
  readonly certManager: ResolvedCertManager;
  readonly namespaces: readonly ResolvedNamespace[];
  /** Spec tags plus `polycluster-cluster` and `polycluster-profile`. */
  readonly tags: Readonly<Record<string, string>>;
  readonly stateBackend: ResolvedStateBackend;
  readonly security: ResolvedSecurity;
  readonly aws?: { readonly accountId?: string };
  readonly gcp?: { readonly project: string };
  readonly azure?: ResolvedAzure;
  /** The phase stacks this cluster has, in deploy order. */
  readonly phases: readonly Phase[];
  /** Every place where the cluster differs from the secure or highly available default. */
  readonly exceptions: readonly PostureException[];
}

/** The phase stacks (DESIGN.md). */
export type Phase = 'cluster' | 'cni' | 'nodes' | 'platform' | 'policies';

/** Zones by position. */
export interface ResolvedZones {
  readonly count: number;
  /** Explicit names; undefined when the cloud picks at deploy time (AWS, GCP). */
  readonly names?: readonly string[];
}

export interface ResolvedNetwork {
  readonly vpcCidr: string;
  /** Present only when the CNI mode has a pod range. */
  readonly podCidr?: string;
  readonly serviceCidr: string;
  /** The cluster DNS service address: the tenth address of the service range. */
  readonly dnsServiceIp: string;
  /** GKE only. */
  readonly controlPlaneCidr?: string;
  readonly subnets: SubnetPlan;
}

export interface ResolvedCni {
  readonly kind: CniKind;
  readonly mode: string;
  /** The matrix cell, for everything the mode implies. */
  readonly cell: CniCell;
  readonly kubeProxyReplacement: boolean;
  readonly encryption: CniEncryption;
  readonly hubble: boolean;
  /** The cni phase stack exists: the CNI is a chart installed between control plane and nodes. */
  readonly selfInstalled: boolean;
  /** What enforces NetworkPolicy (every implemented cell enforces it). */
  readonly policyEnforcer: string;
  /**
   * Where admission webhooks listen: on the host network, each on its own port, when the control
   * plane cannot reach pod IPs (overlay CNIs on EKS). Add-ons with webhooks read this.
   */
  readonly webhooks: ResolvedWebhooks;
  /** Taints every node starts with until the CNI is ready. */
  readonly startupTaints: readonly TaintSpec[];
}

export interface ResolvedAccess {
  readonly admins: readonly string[];
  /** Everyone granted cluster admin: the admins, then the deployer principal if not among them. */
  readonly clusterAdmins: readonly string[];
  readonly deployer: {
    readonly network: DeployerNetwork;
    readonly principal?: string;
    /** The public endpoint is on, open to `publicCidrs` only. */
    readonly publicEndpoint: boolean;
    readonly publicCidrs: readonly string[];
    /** Private ranges admitted to the private endpoint: `privateCidrs`, or the VPC range. */
    readonly privateCidrs: readonly string[];
  };
}

/** Node counts of one scope. */
export interface NodeCounts {
  readonly min: number;
  readonly max: number;
  readonly desired: number;
}

export interface ResolvedNodePool {
  readonly name: string;
  readonly machineType: string;
  readonly sizeScope: SizeScope;
  /** Counts over the whole pool. From per-zone counts: multiplied by the zone count. */
  readonly total: NodeCounts;
  /** Counts per zone. From total counts: divided by the zone count, rounded up. */
  readonly perZone: NodeCounts;
  readonly labels: Readonly<Record<string, string>>;
  /** The spec's taints plus the CNI's startup taints. */
  readonly taints: readonly TaintSpec[];
  readonly maxPods: number;
  readonly diskSizeGiB: number;
  readonly spot: boolean;
}

export interface ResolvedEgress {
  readonly nat: 'per-zone' | 'single' | 'none';
  /** Static egress addresses to reserve (outputs, for partners' allow lists). */
  readonly staticIpCount: number;
  /** Upstream registry host -> mirror the charts pull through. */
  readonly registryMirrors: Readonly<Record<string, string>>;
}

export interface ResolvedIngress {
  readonly controller: IngressController;
  readonly exposure: Exposure;
  readonly externalDnsZones: readonly string[];
  /** The default IngressClass and the shared Gateway's GatewayClass of the controller. */
  readonly classes: IngressClasses;
  /** GKE: the GatewayClasses in use (the shared Gateway's first). Empty elsewhere. */
  readonly gatewayClasses: readonly GkeGatewayClass[];
  /** GKE: a regional class is in use, so the cluster stack creates the proxy-only subnet. */
  readonly proxyOnlySubnet: boolean;
  /** How the ingress controller's Service asks for its load balancer, per `exposure`. */
  readonly loadBalancer: LoadBalancerService;
}

export interface ResolvedCertManager {
  readonly enabled: boolean;
  readonly acme?: Required<AcmeSpec>;
}

export interface ResolvedNamespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly baseline: boolean;
  readonly exposed: boolean;
  readonly denyMetadata: boolean;
  readonly allow: readonly ResolvedAllowance[];
  readonly egress: readonly ResolvedEgressAllowance[];
}

/** A port with its protocol filled in. */
export type ResolvedPort = Required<PortSpec>;

export type ResolvedAllowance = Omit<AllowanceSpec, 'ports'> & { readonly ports: readonly ResolvedPort[] };

export type ResolvedEgressAllowance = Omit<EgressAllowanceSpec, 'ports'> & { readonly ports: readonly ResolvedPort[] };

/** The backend with its key prefix filled in. */
export type ResolvedStateBackend =
  | { readonly kind: 'local'; readonly directory: string }
  | (Extract<StateBackendSpec, { kind: 's3' }> & { readonly keyPrefix: string })
  | (Extract<StateBackendSpec, { kind: 'gcs' }> & { readonly prefix: string })
  | (Extract<StateBackendSpec, { kind: 'azurerm' }> & { readonly keyPrefix: string });

export interface ResolvedSecurity {
  readonly logRetentionDays: number;
  readonly hostEncryption: boolean;
}

export interface ResolvedAzure {
  readonly subscriptionId?: string;
  readonly resourceGroupName: string;
  readonly dnsPrefix: string;
  readonly systemPool: {
    readonly machineType: string;
    readonly min: number;
    readonly max: number;
    /** The default pod limit, which the address checks reserve for the system pool. */
    readonly maxPods: number;
    readonly diskSizeGiB: number;
  };
}

/**
 * A departure from the secure or highly available default, kept so that it shows in the output
 * (stack outputs, PR review) instead of hiding in a default.
 */
export interface PostureException {
  /** Spec field path. */
  readonly path: string;
  readonly value: unknown;
  /** What production would have. */
  readonly secureValue: unknown;
  /** `spec`: written in the spec; `profile`: a development-profile relaxation. */
  readonly source: 'spec' | 'profile';
  /** What it means in practice. */
  readonly effect: string;
}
