/**
 * The cloud-neutral cluster spec: plain data that users write. Every optional field has its
 * `@default` in compact JSON; the applied values live in `DEFAULTS` (defaults.ts) and a test
 * keeps the two equal. Values that differ per cloud or per profile are keyed by cloud or profile.
 */

/** The clouds polycluster builds clusters on. */
export type Cloud = 'aws' | 'gcp' | 'azure';

/** The clouds, in the order used for documentation and iteration. */
export const CLOUDS: readonly Cloud[] = ['aws', 'gcp', 'azure'];

/** How messages name each cloud, with the article that goes before it. */
export const CLOUD_NAMES: {
  readonly [C in Cloud]: {
    /** The cloud's short name. */
    readonly name: string;
    /** The name with its indefinite article ("an AWS"). */
    readonly article: string;
  };
} = {
  aws: { name: 'AWS', article: 'an AWS' },
  gcp: { name: 'GCP', article: 'a GCP' },
  azure: { name: 'Azure', article: 'an Azure' },
};

/**
 * `production` keeps every secure and highly available default. `development` relaxes a listed
 * set of cost-heavy defaults (see `PROFILE_RELAXATIONS`); a value written in the spec always wins.
 */
export type Profile = 'production' | 'development';

/** A complete cluster description. Only `name`, `cloud` and `region` are required. */
export interface ClusterSpec {
  /** Cluster name; also the prefix of the phase stacks (`<name>-cluster`, ...). Renaming replaces the cluster. */
  readonly name: string;
  /** The cloud the cluster runs on. */
  readonly cloud: Cloud;
  /** Region, e.g. `eu-west-1` (AWS), `europe-west1` (GCP), `westeurope` (Azure). */
  readonly region: string;
  /**
   * Zone names. AWS: `eu-west-1a`; GCP: `europe-west1-b`; Azure: `1`, `2`, `3`. Zones are
   * planned by position: appending a zone adds subnets, reordering moves them.
   * @default the first `zoneCount` zones of the region: AWS and GCP ask the cloud at deploy time, Azure uses "1", "2", "3"
   */
  readonly zones?: readonly string[];
  /**
   * How many zones to use when `zones` is not given.
   * @default 3
   */
  readonly zoneCount?: number;
  /**
   * Kubernetes minor version, e.g. `1.34`; must be inside the cloud's supported window.
   * @default "1.34"
   */
  readonly kubernetesVersion?: string;
  /**
   * Production or development defaults.
   * @default "production"
   */
  readonly profile?: Profile;
  /** Address ranges and subnet layout. */
  readonly network?: NetworkSpec;
  /** The CNI. */
  readonly cni?: CniSpec;
  /** Who administers the cluster and where deploys run from. */
  readonly access?: AccessSpec;
  /**
   * Worker node pools. AKS additionally gets the system pool of `azure.systemPool`.
   * @default [{"name":"general"}]
   */
  readonly nodePools?: readonly NodePoolSpec[];
  /** Outbound internet access of the nodes. */
  readonly egress?: EgressSpec;
  /** Load balancers and the ingress/gateway controller. */
  readonly ingress?: IngressSpec;
  /** cert-manager and its issuers. */
  readonly certManager?: CertManagerSpec;
  /**
   * Namespaces the library manages, each with the baseline NetworkPolicies.
   * @default []
   */
  readonly namespaces?: readonly NamespaceSpec[];
  /**
   * Tags on every cloud resource (GCP: labels, so keys and values must be lowercase).
   * `polycluster-cluster` and `polycluster-profile` are always added.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Organisation labels on every Kubernetes object polycluster generates: managed and add-on
   * namespaces, NetworkPolicies, Cilium and Calico policies, ClusterIssuers, the GKE shared
   * Gateway, and the objects of the Helm charts that take chart-wide labels. A namespace's own
   * `namespaces[].labels` win on the Namespace. Keys of Kubernetes (`kubernetes.io`, `k8s.io`),
   * Helm (`helm.sh`) and polycluster (`polycluster.io`) are refused: selectors depend on them.
   * @default {}
   */
  readonly kubernetesLabels?: Readonly<Record<string, string>>;
  /**
   * Where Terraform keeps the state of the phase stacks.
   * @default {"kind":"local"}
   */
  readonly stateBackend?: StateBackendSpec;
  /** Security settings that may be relaxed, each only by an explicit value here. */
  readonly security?: SecuritySpec;
  /** AWS-only settings; ignored unless `cloud` is `aws`. */
  readonly aws?: AwsSettings;
  /** GCP-only settings; required when `cloud` is `gcp`. */
  readonly gcp?: GcpSettings;
  /** Azure-only settings; ignored unless `cloud` is `azure`. */
  readonly azure?: AzureSettings;
}

/** Address ranges. All ranges are IPv4 CIDRs and pairwise disjoint. */
export interface NetworkSpec {
  /**
   * The VPC (AWS), the range subnets are carved from (GCP), or the VNet address space (Azure).
   * @default "10.0.0.0/16"
   */
  readonly vpcCidr?: string;
  /**
   * Pod range, only for CNI modes with their own pod addresses (overlays, GKE secondary range,
   * AKS overlay). Modes where pods take VPC addresses (EKS VPC CNI, Cilium `eni`) reject it.
   * It must hold max nodes × the per-node block.
   * @default "100.64.0.0/14"
   */
  readonly podCidr?: string;
  /**
   * Kubernetes Service range.
   * @default "172.20.0.0/16"
   */
  readonly serviceCidr?: string;
  /**
   * GKE only: the control plane's /28.
   * @default "172.16.0.0/28"
   */
  readonly controlPlaneCidr?: string;
  /** Subnet sizes; positions are derived from the VPC range and never move. */
  readonly subnets?: SubnetLayoutSpec;
}

/**
 * Prefix lengths of the planned subnets. Each role owns a fixed block of the VPC range with room
 * for `ZONE_SLOTS` zones, so adding a zone or a node pool never renumbers an existing subnet.
 * Changing a prefix here does renumber, and replaces the subnets.
 */
export interface SubnetLayoutSpec {
  /**
   * AWS: private (node) subnet per zone. In VPC-IP CNI modes it also holds the pods.
   * @default 19
   */
  readonly privatePrefix?: number;
  /**
   * AWS: public subnet per zone (load balancers, NAT gateways).
   * @default 22
   */
  readonly publicPrefix?: number;
  /**
   * GCP and Azure: the regional node subnet.
   * @default 20
   */
  readonly nodePrefix?: number;
  /**
   * Azure: the API server VNet-integration subnet (at least /28).
   * @default 28
   */
  readonly apiServerPrefix?: number;
  /**
   * GCP: the proxy-only subnet (`REGIONAL_MANAGED_PROXY`) of regional and internal Gateways;
   * Google recommends /23 and accepts /26 at the narrowest. Its block is always reserved, and the
   * subnet is created when a regional GatewayClass is in use.
   * @default 23
   */
  readonly proxyOnlyPrefix?: number;
}

/** The CNI kinds. `cloud` is the cloud's own networking. */
export type CniKind = 'cloud' | 'calico' | 'cilium' | 'flannel';

/** Transparent node-to-node encryption. */
export type CniEncryption = 'none' | 'wireguard';

/**
 * The CNI choice. `mode` picks a cell of the support matrix (see `CNI_MATRIX`); when it is left
 * out the cloud's recommended mode for that kind is used.
 */
export interface CniSpec {
  /**
   * Which CNI.
   * @default "cloud"
   */
  readonly kind?: CniKind;
  /**
   * The mode within the kind, e.g. `eni` or `chaining` for Cilium on EKS.
   * @default {"cloud":{"aws":"vpc-cni","gcp":"dataplane-v2","azure":"azure-cilium"},"cilium":{"aws":"eni","gcp":"dataplane-v2","azure":"azure-cilium"},"calico":{"aws":"policy-only","gcp":"policy-only","azure":"policy-only"},"flannel":{"aws":"vxlan","gcp":"vxlan","azure":"vxlan"}}
   */
  readonly mode?: string;
  /**
   * Replace kube-proxy with the CNI's eBPF service handling. Only where the mode allows it;
   * managed modes that always replace kube-proxy report `true`.
   * @default the mode's own default (true for Cilium `eni`, `overlay` and the managed Cilium modes; otherwise false)
   */
  readonly kubeProxyReplacement?: boolean;
  /**
   * Transparent encryption between nodes.
   * @default "none"
   */
  readonly encryption?: CniEncryption;
  /**
   * Hubble flow observability (self-installed Cilium).
   * @default false
   */
  readonly hubble?: boolean;
}

/** Where `cdktf deploy` runs from, and who it runs as. */
export type DeployerNetwork =
  /**
   * A runner inside the VPC or a peered network: the API endpoint stays private. `privateCidrs`
   * are the runners' private ranges (a runner subnet, a peered VPC or VNet), admitted to the
   * private endpoint (EKS: the cluster security group); the cluster's VPC range when left out.
   */
  | {
      /** Discriminator: deploys run inside the network. */
      readonly from: 'network';
      /** The runners' private ranges; the cluster's VPC range when left out. */
      readonly privateCidrs?: readonly string[];
    }
  /** Listed public CIDRs: the public endpoint opens to these only, never to 0.0.0.0/0. */
  | {
      /** Discriminator: deploys come from listed public CIDRs. */
      readonly from: 'cidrs';
      /** The public CIDRs the endpoint admits. */
      readonly cidrs: readonly string[];
    };

/** The identity and location of the deployer. */
export interface DeployerSpec {
  /**
   * Network path of the deployer to the API server.
   * @default {"from":"network"}
   */
  readonly network?: DeployerNetwork;
  /**
   * The deployer's identity, granted cluster admin: an IAM role ARN (AWS), a
   * `serviceAccount:` or `user:` member (GCP), an Entra object id (Azure).
   * Without it, EKS grants the identity that creates the cluster.
   */
  readonly principal?: string;
}

/** Administrators and the deployer. */
export interface AccessSpec {
  /**
   * Principals granted cluster admin: IAM role or user ARNs (AWS); `user:`, `group:` or
   * `serviceAccount:` members (GCP); Entra group or user object ids (Azure).
   * @default []
   */
  readonly admins?: readonly string[];
  /** Where deploys run from. */
  readonly deployer?: DeployerSpec;
}

/** A Kubernetes taint on every node of a pool. */
export interface TaintSpec {
  /** Taint key, a label-style key such as `dedicated` or `example.com/gpu`. */
  readonly key: string;
  /** Taint value; none when left out. */
  readonly value?: string;
  /** What the taint does to pods without a matching toleration. */
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/**
 * What min/max/desired count: the whole pool (`total`) or each zone (`perZone`). Each cloud's
 * own meaning is converted from this (GKE counts per zone, EKS and AKS count the whole pool).
 */
export type SizeScope = 'total' | 'perZone';

/** A pool of identical worker nodes spread over the cluster's zones. */
export interface NodePoolSpec {
  /** Pool name; unique in the cluster. AKS: `^[a-z][a-z0-9]{0,11}$`. */
  readonly name: string;
  /**
   * Machine type.
   * @default {"aws":"m7i.large","gcp":"n2-standard-4","azure":"Standard_D4ds_v5"}
   */
  readonly machineType?: string;
  /**
   * Minimum node count, counted per `sizeScope`.
   * @default {"production":3,"development":1}
   */
  readonly min?: number;
  /**
   * Maximum node count, counted per `sizeScope`.
   * @default 6
   */
  readonly max?: number;
  /**
   * Node count at creation, counted per `sizeScope`; later changes come from the autoscaler
   * and are ignored by Terraform.
   * @default the pool's `min`
   */
  readonly desired?: number;
  /**
   * Whether min/max/desired count the pool or each zone.
   * @default "total"
   */
  readonly sizeScope?: SizeScope;
  /**
   * Kubernetes labels on the nodes.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Kubernetes taints on the nodes.
   * @default []
   */
  readonly taints?: readonly TaintSpec[];
  /**
   * Pods per node. Sizes the pod range (per-node block) or, in VPC-IP modes, the subnets.
   * @default 110
   */
  readonly maxPods?: number;
  /**
   * OS disk size in GiB.
   * @default 100
   */
  readonly diskSizeGiB?: number;
  /**
   * Spot/preemptible capacity.
   * @default false
   */
  readonly spot?: boolean;
}

/** Node egress. */
export interface EgressSpec {
  /**
   * `per-zone`: a NAT gateway per zone (AWS) or one static egress IP per zone on the regional
   * NAT (GCP Cloud NAT, Azure NAT Gateway). `single`: one gateway and one IP. `none`: no
   * internet egress (AWS then gets VPC endpoints for ECR, S3, STS, EC2 and logs).
   * @default {"production":"per-zone","development":"single"}
   */
  readonly nat?: 'per-zone' | 'single' | 'none';
  /**
   * Registries the charts' images are pulled through instead of their upstream, keyed by
   * upstream registry host: `{ "quay.io": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/quay" }`
   * (an ECR pull-through cache, Artifact Registry remote repository or your own mirror). With
   * `nat: none` every registry the cluster's charts use needs one.
   * @default {}
   */
  readonly registryMirrors?: Readonly<Record<string, string>>;
}

/**
 * The in-cluster ingress/gateway controller. `cloud`: the cloud's own (AWS Load Balancer
 * Controller with the `alb` IngressClass; the GKE Gateway controller with a shared Gateway).
 * `traefik`: Traefik Proxy, for Ingress and Gateway API. `nginx`: F5 NGINX Ingress Controller,
 * the maintained NGINX controller; the retired community ingress-nginx is never used.
 */
export type IngressController = 'cloud' | 'traefik' | 'nginx';

/** Who can reach a load balancer: addresses inside the network only, or the internet. */
export type Exposure = 'internal' | 'internet-facing';

/** Load balancing and ingress. */
export interface IngressSpec {
  /**
   * The in-cluster ingress/gateway controller. AKS has no supported cloud controller for
   * internal traffic (see the README), so its default is Traefik.
   * @default {"aws":"cloud","gcp":"cloud","azure":"traefik"}
   */
  readonly controller?: IngressController;
  /**
   * Whether the default load balancer is reachable from the internet.
   * @default "internal"
   */
  readonly exposure?: Exposure;
  /**
   * ExternalDNS for these DNS zones (names), with workload identity limited to them. Internal
   * clusters write to the private zones of these names, internet-facing ones to the public zones.
   * @default []
   */
  readonly externalDnsZones?: readonly string[];
}

/** ACME (Let's Encrypt) issuing. */
export interface AcmeSpec {
  /** Account e-mail for Let's Encrypt. */
  readonly email: string;
  /**
   * `dns01` through the cloud's DNS with workload identity, or `http01` through the ingress class.
   * @default "dns01"
   */
  readonly solver?: 'dns01' | 'http01';
  /**
   * DNS zones (names) cert-manager may write to for DNS01.
   * @default []
   */
  readonly dnsZones?: readonly string[];
}

/** cert-manager. */
export interface CertManagerSpec {
  /**
   * Install cert-manager with a self-signed root and an internal CA issuer.
   * @default true
   */
  readonly enabled?: boolean;
  /** Let's Encrypt staging and production issuers; none without this block. */
  readonly acme?: AcmeSpec;
}

/** A TCP/UDP port. */
export interface PortSpec {
  /** Port number, 1-65535. */
  readonly port: number;
  /** @default "TCP" */
  readonly protocol?: 'TCP' | 'UDP';
}

/**
 * The callers of an allowance: pods selected by namespace and/or app label
 * (`app.kubernetes.io/name`), or a range of addresses outside the cluster.
 */
export interface PeerSpec {
  /** Namespace of the peer; the allowance's own namespace when left out. Not with `cidr`. */
  readonly namespace?: string;
  /** Value of the peer pods' `app.kubernetes.io/name` label; every pod when left out. Not with `cidr`. */
  readonly app?: string;
  /**
   * Callers outside the cluster by address, e.g. the clients of a load balancer that keeps their
   * addresses (`externalTrafficPolicy: Local`, passthrough load balancers). Not with `namespace` or `app`.
   */
  readonly cidr?: string;
}

/** The pods of one app in the declaring namespace. */
export interface AppSelectorSpec {
  /** Value of the pods' `app.kubernetes.io/name` label. */
  readonly app: string;
}

/** Ingress to `to` from `from` on `ports`, on top of the baseline. */
export interface AllowanceSpec {
  /** The calling pods. */
  readonly from: PeerSpec;
  /** The app being called, in the namespace that declares the allowance. */
  readonly to: AppSelectorSpec;
  /** Ports of the callee that the callers may reach. */
  readonly ports: readonly PortSpec[];
}

/** Egress from the namespace to a destination outside the cluster: a CIDR or DNS names. */
export interface EgressAllowanceSpec {
  /** Destination range, e.g. a partner's API. Exactly one of `cidr` and `fqdns`. */
  readonly cidr?: string;
  /**
   * Destination DNS names (`api.stripe.com`, or `*.stripe.com` for one level of subdomains),
   * enforced where the CNI mode filters by name (Cilium). Exactly one of `cidr` and `fqdns`.
   */
  readonly fqdns?: readonly string[];
  /** Destination ports. */
  readonly ports: readonly PortSpec[];
}

/** A namespace managed by the library. */
export interface NamespaceSpec {
  /** Namespace name (DNS label). */
  readonly name: string;
  /**
   * Extra labels on the namespace.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Apply the baseline NetworkPolicies (default deny, DNS, same-namespace). Turning this off is
   * an explicit opt-out and shows in the output.
   * @default true
   */
  readonly baseline?: boolean;
  /**
   * Reachable from the ingress/gateway controller and the cloud load balancers.
   * @default false
   */
  readonly exposed?: boolean;
  /**
   * Keep pods away from the cloud metadata address 169.254.169.254. `false` allows it explicitly.
   * On GKE it is the GKE metadata server, which hides node credentials and serves Workload
   * Identity, so GKE allows it by default; elsewhere `false` shows in the output.
   * @default {"aws":true,"gcp":false,"azure":true}
   */
  readonly denyMetadata?: boolean;
  /**
   * Extra ingress allowances, e.g. only `checkout` may call `payments` on 8443.
   * @default []
   */
  readonly allow?: readonly AllowanceSpec[];
  /**
   * Extra egress allowances to CIDRs outside the cluster.
   * @default []
   */
  readonly egress?: readonly EgressAllowanceSpec[];
}

/** State files on disk. */
export interface LocalBackendSpec {
  /** Selects this backend. */
  readonly kind: 'local';
  /**
   * Folder for the state files, relative to the project root.
   * @default "."
   */
  readonly directory?: string;
}

/** S3 with locking: S3 native lock files (Terraform >= 1.10), or a DynamoDB table when named. */
export interface S3BackendSpec {
  /** Selects this backend. */
  readonly kind: 's3';
  /** Bucket name (versioning on is recommended). */
  readonly bucket: string;
  /** The bucket's region. */
  readonly region: string;
  /**
   * Key prefix; each stack's state is `<keyPrefix>/<stack>.tfstate`.
   * @default "polycluster"
   */
  readonly keyPrefix?: string;
  /** A DynamoDB lock table instead of S3 native locking. */
  readonly dynamodbTable?: string;
  /** A customer KMS key for the state objects instead of the bucket's default encryption. */
  readonly kmsKeyId?: string;
}

/** A GCS bucket (locking is built in). */
export interface GcsBackendSpec {
  /** Selects this backend. */
  readonly kind: 'gcs';
  /** Bucket name. */
  readonly bucket: string;
  /**
   * Object prefix; each stack's state is under `<prefix>/<stack>`.
   * @default "polycluster"
   */
  readonly prefix?: string;
}

/** An Azure storage container (blob leases lock), reached with Entra ID auth. */
export interface AzurermBackendSpec {
  /** Selects this backend. */
  readonly kind: 'azurerm';
  /** Resource group of the storage account. */
  readonly resourceGroupName: string;
  /** Storage account name. */
  readonly storageAccountName: string;
  /** Blob container for the state. */
  readonly containerName: string;
  /**
   * Blob name prefix; each stack's state is `<keyPrefix>/<stack>.tfstate`.
   * @default "polycluster"
   */
  readonly keyPrefix?: string;
}

/** Terraform state of the phase stacks; each stack gets its own key. */
export type StateBackendSpec = LocalBackendSpec | S3BackendSpec | GcsBackendSpec | AzurermBackendSpec;

/** Security settings that are relaxable only by writing a value. */
export interface SecuritySpec {
  /**
   * Retention of control-plane and flow logs, in days.
   * @default {"production":365,"development":30}
   */
  readonly logRetentionDays?: number;
  /**
   * AKS: encryption at host on every node (needs the EncryptionAtHost feature on the
   * subscription). `false` is an opt-out that shows in the output.
   * @default true
   */
  readonly hostEncryption?: boolean;
}

/** AWS-only settings. */
export interface AwsSettings {
  /**
   * Expected account id; deploys into any other account fail.
   */
  readonly accountId?: string;
}

/**
 * GKE's single-cluster GatewayClasses. Regional classes (`gke-l7-rilb`,
 * `gke-l7-regional-external-managed`) need the proxy-only subnet; `gke-l7-gxlb` is the classic
 * global load balancer.
 */
export type GkeGatewayClass = 'gke-l7-global-external-managed' | 'gke-l7-regional-external-managed' | 'gke-l7-rilb' | 'gke-l7-gxlb';

/** GCP-only settings. */
export interface GcpSettings {
  /** Project id that owns the cluster and its network. */
  readonly project: string;
  /**
   * GatewayClasses the cluster's Gateways may use, besides the class of the shared Gateway
   * (`gke-l7-rilb` when internal, `gke-l7-global-external-managed` when internet-facing).
   * Listing a regional class creates the proxy-only subnet.
   * @default []
   */
  readonly gatewayClasses?: readonly GkeGatewayClass[];
}

/** The AKS system pool: runs critical add-ons only (CriticalAddonsOnly taint). */
export interface AzureSystemPoolSpec {
  /**
   * Machine type of the system pool.
   * @default "Standard_D4ds_v5"
   */
  readonly machineType?: string;
  /**
   * Minimum node count of the system pool (over all zones).
   * @default 3
   */
  readonly min?: number;
  /**
   * Maximum node count of the system pool (over all zones).
   * @default 5
   */
  readonly max?: number;
}

/** Azure-only settings. */
export interface AzureSettings {
  /** Subscription id; the provider's environment decides when left out. */
  readonly subscriptionId?: string;
  /**
   * Resource group created for the cluster.
   * @default the cluster name followed by "-rg"
   */
  readonly resourceGroupName?: string;
  /**
   * DNS prefix of the API server.
   * @default the cluster name
   */
  readonly dnsPrefix?: string;
  /** The system node pool. */
  readonly systemPool?: AzureSystemPoolSpec;
}

/** A fleet: organisation defaults deep-merged under every cluster spec. */
export interface FleetSpec {
  /** Base spec merged under each cluster (see `mergeSpecs` for the rules). */
  readonly defaults?: SpecDefaults;
  /** The clusters; names must be unique in the fleet. */
  readonly clusters: readonly ClusterSpec[];
}

/** The part of a spec an organisation can set for every cluster. */
export type SpecDefaults = DeepPartial<Omit<ClusterSpec, 'name'>>;

/** Recursive Partial for plain data. */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly U[]
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;
