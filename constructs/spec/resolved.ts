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
  /** The cluster name, prefix of its stacks (`<name>-cluster`, ...). */
  readonly name: string;
  /** The cloud the cluster runs on; picks the cloud folder that builds it. */
  readonly cloud: Cloud;
  /** The cloud region, as the spec gave it. */
  readonly region: string;
  /** `production`, or `development` with its listed relaxations. */
  readonly profile: Profile;
  /** The Kubernetes minor version, inside the cloud's supported window. */
  readonly kubernetesVersion: string;
  /** The zones the cluster spreads over. */
  readonly zones: ResolvedZones;
  /** The address plan: VPC/VNet, pod, service and control-plane ranges and the subnets. */
  readonly network: ResolvedNetwork;
  /** The CNI with its matrix cell and everything the cell implies. */
  readonly cni: ResolvedCni;
  /** Who administers the cluster and where deploys reach its API from. */
  readonly access: ResolvedAccess;
  /** The worker pools with their counts per scope. */
  readonly nodePools: readonly ResolvedNodePool[];
  /** Internet egress (NAT) and the registry mirrors the charts pull through. */
  readonly egress: ResolvedEgress;
  /** The ingress or gateway controller and its load balancer. */
  readonly ingress: ResolvedIngress;
  /** cert-manager and its ACME issuers. */
  readonly certManager: ResolvedCertManager;
  /** The namespaces polycluster manages, each with its NetworkPolicies. */
  readonly namespaces: readonly ResolvedNamespace[];
  /** Spec tags plus `polycluster-cluster` and `polycluster-profile`. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * `kubernetesLabels` of the spec, on every Kubernetes object polycluster generates. Absent when
   * the spec sets none, so that clusters without them resolve (and synthesize) exactly as before.
   */
  readonly kubernetesLabels?: Readonly<Record<string, string>>;
  /** Where the Terraform state of the cluster's stacks lives. */
  readonly stateBackend: ResolvedStateBackend;
  /** Security settings the profile decides. */
  readonly security: ResolvedSecurity;
  /** AWS settings; present on AWS clusters. */
  readonly aws?: {
    /** The AWS account id, when the spec names it. */
    readonly accountId?: string;
  };
  /** Google Cloud settings; present on GCP clusters. */
  readonly gcp?: {
    /** The Google Cloud project that holds the cluster. */
    readonly project: string;
  };
  /** Azure settings with their defaults; present on Azure clusters. */
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
  /** How many zones. */
  readonly count: number;
  /** Explicit names; undefined when the cloud picks at deploy time (AWS, GCP). */
  readonly names?: readonly string[];
}

/** The address plan of a cluster: every range checked disjoint, the subnets carved. */
export interface ResolvedNetwork {
  /** The VPC (AWS), the range GCP subnets are carved from, or the VNet address space (Azure). */
  readonly vpcCidr: string;
  /** Present only when the CNI mode has a pod range. */
  readonly podCidr?: string;
  /** The Kubernetes Service range. */
  readonly serviceCidr: string;
  /** The cluster DNS service address: the tenth address of the service range. */
  readonly dnsServiceIp: string;
  /** GKE only. */
  readonly controlPlaneCidr?: string;
  /** The subnets per role and zone. */
  readonly subnets: SubnetPlan;
}

/** The CNI of a cluster: its kind and mode, the support-matrix cell, and the options the cell allows. */
export interface ResolvedCni {
  /** `cloud`, `calico`, `cilium` or `flannel`. */
  readonly kind: CniKind;
  /** The mode within the kind, a cell of the CNI matrix (for example `eni` or `dataplane-v2`). */
  readonly mode: string;
  /** The matrix cell, for everything the mode implies. */
  readonly cell: CniCell;
  /** eBPF service handling replaces kube-proxy. */
  readonly kubeProxyReplacement: boolean;
  /** Transparent node-to-node encryption. */
  readonly encryption: CniEncryption;
  /** Hubble flow observability is on. */
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

/** Cluster administrators and the deployer's route to the API server. */
export interface ResolvedAccess {
  /** Principals the spec grants cluster admin. */
  readonly admins: readonly string[];
  /** Everyone granted cluster admin: the admins, then the deployer principal if not among them. */
  readonly clusterAdmins: readonly string[];
  /** Where `cdktf deploy` runs from, and how the API endpoint is opened for it. */
  readonly deployer: {
    /** The deployer's network, as the spec gave it. */
    readonly network: DeployerNetwork;
    /** The deployer's identity, granted cluster admin; absent when the cloud grants the creator. */
    readonly principal?: string;
    /** The public endpoint is on, open to `publicCidrs` only. */
    readonly publicEndpoint: boolean;
    /** Public CIDRs admitted to the public endpoint; empty when it is off. */
    readonly publicCidrs: readonly string[];
    /** Private ranges admitted to the private endpoint: `privateCidrs`, or the VPC range. */
    readonly privateCidrs: readonly string[];
  };
}

/** Node counts of one scope. */
export interface NodeCounts {
  /** Minimum nodes. */
  readonly min: number;
  /** Maximum nodes. */
  readonly max: number;
  /** Nodes at creation; the autoscaler owns the count afterwards. */
  readonly desired: number;
}

/** A worker pool with defaults applied and its counts in both scopes. */
export interface ResolvedNodePool {
  /** The pool name, unique in the cluster. */
  readonly name: string;
  /** The cloud machine type. */
  readonly machineType: string;
  /** Whether the spec counted nodes for the whole pool or per zone. */
  readonly sizeScope: SizeScope;
  /** Counts over the whole pool. From per-zone counts: multiplied by the zone count. */
  readonly total: NodeCounts;
  /** Counts per zone. From total counts: divided by the zone count, rounded up. */
  readonly perZone: NodeCounts;
  /** Kubernetes node labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** The spec's taints plus the CNI's startup taints. */
  readonly taints: readonly TaintSpec[];
  /** Pods per node; sizes the pod range or, in VPC-IP modes, the subnets. */
  readonly maxPods: number;
  /** OS disk size in GiB. */
  readonly diskSizeGiB: number;
  /** Spot or preemptible capacity. */
  readonly spot: boolean;
}

/** Internet egress of the cluster's nodes. */
export interface ResolvedEgress {
  /** A NAT gateway (or static egress address) per zone, a single one, or no internet egress. */
  readonly nat: 'per-zone' | 'single' | 'none';
  /** Static egress addresses to reserve (outputs, for partners' allow lists). */
  readonly staticIpCount: number;
  /** Upstream registry host -> mirror the charts pull through. */
  readonly registryMirrors: Readonly<Record<string, string>>;
}

/** The ingress or gateway controller and how it is exposed. */
export interface ResolvedIngress {
  /** `cloud`, `traefik` or `nginx`. */
  readonly controller: IngressController;
  /** `internal` or `internet-facing` load balancer. */
  readonly exposure: Exposure;
  /** DNS zones ExternalDNS manages; empty when ExternalDNS is off. */
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

/** cert-manager with its issuers. */
export interface ResolvedCertManager {
  /** cert-manager with the self-signed root and internal CA issuer is installed. */
  readonly enabled: boolean;
  /** Let's Encrypt staging and production issuers; absent without `certManager.acme`. */
  readonly acme?: Required<AcmeSpec>;
}

/** A namespace polycluster manages, with the policies it gets. */
export interface ResolvedNamespace {
  /** The namespace name. */
  readonly name: string;
  /** Extra namespace labels from the spec. */
  readonly labels: Readonly<Record<string, string>>;
  /** The baseline NetworkPolicies apply (default deny, DNS, same namespace). */
  readonly baseline: boolean;
  /** Reachable from the ingress controller and the cloud load balancers. */
  readonly exposed: boolean;
  /** Egress to the cloud metadata address 169.254.169.254 is denied. */
  readonly denyMetadata: boolean;
  /** Ingress allowances between workloads, ports resolved. */
  readonly allow: readonly ResolvedAllowance[];
  /** Egress allowances to CIDRs or DNS names, ports resolved. */
  readonly egress: readonly ResolvedEgressAllowance[];
}

/** A port with its protocol filled in. */
export type ResolvedPort = Required<PortSpec>;

/** An ingress allowance with its ports' protocols filled in. */
export type ResolvedAllowance = Omit<AllowanceSpec, 'ports'> & {
  /** The allowed ports; every port has its protocol. */
  readonly ports: readonly ResolvedPort[];
};

/** An egress allowance with its ports' protocols filled in. */
export type ResolvedEgressAllowance = Omit<EgressAllowanceSpec, 'ports'> & {
  /** The allowed ports; every port has its protocol. */
  readonly ports: readonly ResolvedPort[];
};

/** The backend with its key prefix filled in. */
export type ResolvedStateBackend =
  | {
      /** State in local files. */
      readonly kind: 'local';
      /** The folder that holds the state files. */
      readonly directory: string;
    }
  | (Extract<StateBackendSpec, { kind: 's3' }> & {
      /** The prefix of each stack's state key. */
      readonly keyPrefix: string;
    })
  | (Extract<StateBackendSpec, { kind: 'gcs' }> & {
      /** The prefix of each stack's state object. */
      readonly prefix: string;
    })
  | (Extract<StateBackendSpec, { kind: 'azurerm' }> & {
      /** The prefix of each stack's state blob. */
      readonly keyPrefix: string;
    });

/** Security settings whose values depend on the profile. */
export interface ResolvedSecurity {
  /** Retention of control-plane and flow logs, in days. */
  readonly logRetentionDays: number;
  /** AKS: encryption at host on every node. */
  readonly hostEncryption: boolean;
}

/** Azure settings of a cluster with their defaults. */
export interface ResolvedAzure {
  /** The subscription; absent when the provider's environment decides. */
  readonly subscriptionId?: string;
  /** The resource group created for the cluster. */
  readonly resourceGroupName: string;
  /** The AKS DNS prefix of the API server's name. */
  readonly dnsPrefix: string;
  /** The AKS system node pool, kept in the cluster resource. */
  readonly systemPool: {
    /** The system pool's machine type. */
    readonly machineType: string;
    /** Minimum system nodes. */
    readonly min: number;
    /** Maximum system nodes. */
    readonly max: number;
    /** The default pod limit, which the address checks reserve for the system pool. */
    readonly maxPods: number;
    /** OS disk size of system nodes in GiB. */
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
  /** The value in effect. */
  readonly value: unknown;
  /** What production would have. */
  readonly secureValue: unknown;
  /** `spec`: written in the spec; `profile`: a development-profile relaxation. */
  readonly source: 'spec' | 'profile';
  /** What it means in practice. */
  readonly effect: string;
}
