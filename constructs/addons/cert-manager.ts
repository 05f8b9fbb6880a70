import type { ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';
import { CERT_MANAGER, CERT_MANAGER_PODS, CHART_IMAGES, DNS01_SELF_CHECK_RESOLVERS, http01ViaGateway, registryOf, type ResolvedCluster } from '../spec';
import { CHARTS } from './charts';
import { HelmAddon } from './helm-addon';

/** How the cloud's workload identity reaches cert-manager's controller (DNS01 through the cloud's DNS). */
export interface CertManagerIdentity {
  /** Annotations of the controller's service account that bind the identity. */
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** Labels of the controller's service account (AKS workload identity). */
  readonly serviceAccountLabels?: Readonly<Record<string, string>>;
  /** Labels of the controller's pods (AKS workload identity: the webhook injects the token only into labelled pods). */
  readonly podLabels?: Readonly<Record<string, string>>;
}

/** Requests sized for a few hundred Certificates; the memory limit guards the node. */
const RESOURCES = {
  controller: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
  webhook: { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '256Mi' } },
  cainjector: { requests: { cpu: '20m', memory: '128Mi' }, limits: { memory: '512Mi' } },
  startupapicheck: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
} as const;

/**
 * Two replicas of each component, spread over zones, with a PodDisruptionBudget: a node drain or a
 * zone outage never stops issuance, and never stops the webhook, which every cert-manager object
 * passes through.
 */
function highlyAvailable(labels: Readonly<Record<string, string>>): Record<string, unknown> {
  return {
    replicaCount: 2,
    podDisruptionBudget: { enabled: true, minAvailable: 1 },
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: { ...labels, 'app.kubernetes.io/instance': CERT_MANAGER.release } },
      },
    ],
  };
}

/**
 * The chart composes every image from `imageRegistry` and `imageNamespace`, so a mirror of quay.io
 * replaces the registry for all five components at once.
 */
function imageRegistry(cluster: ResolvedCluster): Record<string, string> {
  const mirror = cluster.egress.registryMirrors[registryOf(CHART_IMAGES['cert-manager'].controller)];
  return mirror === undefined ? {} : { imageRegistry: mirror };
}

/**
 * Chart values of cert-manager (chart v1.21, checked against its values schema in the tests):
 * CRDs installed and kept on uninstall (deleting them would delete every Certificate), two
 * replicas of each component, the leader-election lease in cert-manager's own namespace (no Role
 * in kube-system), the webhook on the host network where the control plane cannot reach pods,
 * and for DNS01 the cloud's workload identity plus a self-check through public DNS-over-HTTPS
 * resolvers. HTTP01 through GKE's shared Gateway needs the controller's Gateway API support.
 */
export function certManagerValues(cluster: ResolvedCluster, identity?: CertManagerIdentity): Record<string, unknown> {
  const { webhooks } = cluster.cni;
  const acme = cluster.certManager.acme;
  return {
    ...imageRegistry(cluster),
    crds: { enabled: true, keep: true },
    global: { leaderElection: { namespace: CERT_MANAGER.namespace } },
    ...highlyAvailable(CERT_MANAGER_PODS.controller),
    resources: RESOURCES.controller,
    serviceAccount: {
      create: true,
      name: CERT_MANAGER.serviceAccount,
      ...(identity ? { annotations: { ...identity.serviceAccountAnnotations } } : {}),
      ...(identity?.serviceAccountLabels ? { labels: { ...identity.serviceAccountLabels } } : {}),
    },
    ...(identity?.podLabels ? { podLabels: { ...identity.podLabels } } : {}),
    ...(acme?.solver === 'dns01' ? { dns01RecursiveNameservers: DNS01_SELF_CHECK_RESOLVERS.join(','), dns01RecursiveNameserversOnly: true } : {}),
    ...(http01ViaGateway(cluster) ? { config: { apiVersion: 'controller.config.cert-manager.io/v1alpha1', kind: 'ControllerConfiguration', gatewayAPI: { enabled: true } } } : {}),
    webhook: {
      ...highlyAvailable(CERT_MANAGER_PODS.webhook),
      resources: RESOURCES.webhook,
      ...(webhooks.hostNetwork ? { hostNetwork: true, securePort: webhooks.hostPorts['cert-manager'] } : {}),
    },
    cainjector: { ...highlyAvailable(CERT_MANAGER_PODS.cainjector), resources: RESOURCES.cainjector },
    startupapicheck: { resources: RESOURCES.startupapicheck },
  };
}

/** cert-manager in the platform stack; the policies stack's ClusterIssuers need its CRDs and webhook. */
export class CertManagerAddon extends HelmAddon {
  constructor(scope: Construct, id: string, cluster: ResolvedCluster, identity?: CertManagerIdentity, dependsOn?: ITerraformDependable[]) {
    super(scope, id, {
      chart: CHARTS.certManager,
      releaseName: CERT_MANAGER.release,
      namespace: CERT_MANAGER.namespace,
      values: certManagerValues(cluster, identity),
      wait: true,
      ...(dependsOn ? { dependsOn } : {}),
    });
  }
}

/** Installs cert-manager when the spec keeps it on. */
export function installCertManager(
  scope: Construct,
  cluster: ResolvedCluster,
  identity?: CertManagerIdentity,
  dependsOn?: ITerraformDependable[],
): CertManagerAddon | undefined {
  return cluster.certManager.enabled ? new CertManagerAddon(scope, 'CertManager', cluster, identity, dependsOn) : undefined;
}
