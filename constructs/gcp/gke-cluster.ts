import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';
import { gkeNetworking } from './cni';
import { projectOf } from './names';
import { CONTROL_PLANE_LOGS } from '../spec/control-plane-logs';

/** GKE's upgrade cadence for production: new versions after they have proven themselves in RAPID. */
export const RELEASE_CHANNEL = 'REGULAR';

/**
 * Automatic upgrades only on weekend nights: Saturday and Sunday 00:00-08:00 UTC. GKE wants at
 * least 48 hours of maintenance time in any 32 days; 32 days hold at least 8 weekend days, so
 * 8 × 8 = 64 hours. The start date only anchors the recurrence (2025-01-04 is a Saturday).
 */
export const MAINTENANCE_WINDOW = {
  startTime: '2025-01-04T00:00:00Z',
  endTime: '2025-01-04T08:00:00Z',
  recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU',
} as const;

/** Control-plane and workload logs sent to Cloud Logging. */
export const LOGGING_COMPONENTS = CONTROL_PLANE_LOGS.gcp;

/** Metrics collected by Cloud Monitoring (with Managed Service for Prometheus). */
export const MONITORING_COMPONENTS = [
  'SYSTEM_COMPONENTS',
  'APISERVER',
  'SCHEDULER',
  'CONTROLLER_MANAGER',
  'STORAGE',
  'HPA',
  'POD',
  'DAEMONSET',
  'DEPLOYMENT',
  'STATEFULSET',
  'KUBELET',
  'CADVISOR',
] as const;

/** Node settings shared by the cluster's temporary default pool and every node pool. */
export const NODE_HARDENING = {
  imageType: 'COS_CONTAINERD',
  oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
  shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
  // Pods see the GKE metadata server (Workload Identity), never the node's credentials.
  workloadMetadataConfig: { mode: 'GKE_METADATA' },
} as const;

/** Properties of `GkeCluster`. */
export interface GkeClusterProps {
  /** The resolved cluster: the only input. */
  readonly cluster: ResolvedCluster;
  /** The VPC network's id. */
  readonly network: string;
  /** The node subnet's id. */
  readonly subnetwork: string;
  /** Name of the subnet's secondary range for pod addresses. */
  readonly podRangeName: string;
  /** Name of the subnet's secondary range for Service addresses. */
  readonly serviceRangeName: string;
  /** The Cloud KMS key that encrypts Secrets. */
  readonly secretsKeyId: string;
  /** The dedicated node service account, also used by the short-lived default pool. */
  readonly nodeServiceAccount: string;
  /** The zones nodes run in (see nodeZones). */
  readonly nodeZones: string[];
  /** The key grant, the node roles and the APIs: creation fails without them. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The regional GKE Standard cluster, secure by default (REFERENCE.md "Secure defaults"): private
 * nodes; a private endpoint, or the public one open to the deployer's CIDRs only; VPC-native with
 * the subnet's named ranges; Workload Identity; shielded nodes; intranode visibility; control-plane
 * logs and metrics; legacy ABAC off; no client certificate; Secrets encrypted with Cloud KMS;
 * release channel with a maintenance window; the default node pool removed; deletion protection.
 * Secure values are written even where they are the API default: scanners count a missing
 * attribute as insecure. The construct id is the cluster's Terraform address: renaming it
 * replaces the cluster.
 */
export class GkeCluster extends Construct {
  /** The `google_container_cluster`. */
  readonly cluster: ContainerCluster;
  /** `<project>.svc.id.goog`: Kubernetes service accounts map to IAM through this pool. */
  readonly workloadIdentityPool: string;

  constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id);
    const { cluster } = props;
    const project = projectOf(cluster);
    const controlPlaneCidr = cluster.network.controlPlaneCidr;
    if (controlPlaneCidr === undefined) throw new Error(`polycluster: ${cluster.name} has no control-plane range`);
    const { deployer } = cluster.access;
    const networking = gkeNetworking(cluster.cni);
    this.workloadIdentityPool = `${project}.svc.id.goog`;

    this.cluster = new ContainerCluster(this, 'Cluster', {
      name: cluster.name,
      description: `polycluster ${cluster.profile} cluster ${cluster.name}`,
      project,
      // A region makes the control plane regional (replicated over the region's zones).
      location: cluster.region,
      nodeLocations: props.nodeZones,
      minMasterVersion: cluster.kubernetesVersion,
      releaseChannel: { channel: RELEASE_CHANNEL },
      maintenancePolicy: { recurringWindow: { ...MAINTENANCE_WINDOW } },
      resourceLabels: { ...cluster.tags },
      deletionProtection: true,

      network: props.network,
      subnetwork: props.subnetwork,
      networkingMode: 'VPC_NATIVE',
      ipAllocationPolicy: {
        clusterSecondaryRangeName: props.podRangeName,
        servicesSecondaryRangeName: props.serviceRangeName,
        stackType: 'IPV4',
      },
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint: !deployer.publicEndpoint,
        masterIpv4CidrBlock: controlPlaneCidr,
        masterGlobalAccessConfig: { enabled: false },
      },
      // Public endpoint: the deployer's CIDRs only (validation refuses 0.0.0.0/0 and anything
      // wider than /8), never Google Cloud's ranges. The deployer's private ranges are listed for
      // the private endpoint, which GKE leaves open to internal addresses of the VPC and its peers.
      masterAuthorizedNetworksConfig: {
        gcpPublicCidrsAccessEnabled: false,
        cidrBlocks: [
          ...deployer.publicCidrs.map((cidr) => ({ cidrBlock: cidr, displayName: `deployer ${cidr}` })),
          ...deployer.privateCidrs.map((cidr) => ({ cidrBlock: cidr, displayName: `deployer private ${cidr}` })),
        ],
      },
      // The IAM-authenticated DNS endpoint would be reachable from anywhere: keep it internal.
      controlPlaneEndpointsConfig: { dnsEndpointConfig: { allowExternalTraffic: false } },

      datapathProvider: networking.datapathProvider,
      networkPolicy: { ...networking.networkPolicy },
      enableCiliumClusterwideNetworkPolicy: networking.ciliumClusterwidePolicy,
      ...(networking.inTransitEncryption ? { inTransitEncryptionConfig: networking.inTransitEncryption } : {}),
      enableIntranodeVisibility: true,
      addonsConfig: {
        networkPolicyConfig: { disabled: networking.networkPolicyAddonDisabled },
        // Load balancing and Gateway API controllers.
        httpLoadBalancing: { disabled: false },
        horizontalPodAutoscaling: { disabled: false },
        gcePersistentDiskCsiDriverConfig: { enabled: true },
      },
      gatewayApiConfig: { channel: 'CHANNEL_STANDARD' },

      workloadIdentityConfig: { workloadPool: this.workloadIdentityPool },
      enableShieldedNodes: true,
      enableLegacyAbac: false,
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      databaseEncryption: { state: 'ENCRYPTED', keyName: props.secretsKeyId },
      securityPostureConfig: { mode: 'BASIC' },
      nodePoolDefaults: { nodeConfigDefaults: { insecureKubeletReadonlyPortEnabled: 'FALSE' } },

      loggingConfig: { enableComponents: [...LOGGING_COMPONENTS] },
      monitoringConfig: {
        enableComponents: [...MONITORING_COMPONENTS],
        managedPrometheus: { enabled: true },
        ...(networking.datapathObservability ? { advancedDatapathObservabilityConfig: { enableMetrics: true, enableRelay: true } } : {}),
      },

      // GKE always creates a default pool; it is deleted right after creation and the node pools
      // of the nodes stack take over. Until then it runs as the dedicated, hardened identity, so
      // clusters also deploy where the Compute Engine default account is disabled.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      nodeConfig: { ...NODE_HARDENING, oauthScopes: [...NODE_HARDENING.oauthScopes], serviceAccount: props.nodeServiceAccount },
      // After the default pool is gone GKE reports another pool's settings here; that must not
      // look like a change (node_config changes would replace the cluster).
      lifecycle: { ignoreChanges: ['node_config'] },
      dependsOn: props.dependsOn,
    });
  }

  /** The control plane's IP address (the cluster's `endpoint`), without `https://`. */
  get endpoint(): string {
    return this.cluster.endpoint;
  }

  /** Base64-encoded PEM of the cluster CA. */
  get caCertificate(): string {
    return this.cluster.masterAuth.clusterCaCertificate;
  }
}
