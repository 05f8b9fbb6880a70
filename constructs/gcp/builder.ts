import { installCertManager } from '../addons/cert-manager';
import { APPLY_TIME, type ApplyTimeValues } from '../apply-time-values';
import type { BuiltCluster, CloudBuilder } from '../cloud-builder';
import type { PhaseStacks } from '../phase-stacks';
import type { ResolvedCluster } from '../spec';
import { CertManagerDnsIdentity, gkeCertManagerIdentity, needsDns01Identity } from './cert-manager-identity';
import { ClusterAccess } from './cluster-access';
import { ControlPlaneWebhooks } from './firewall';
import { GkeCluster } from './gke-cluster';
import { NodeIdentity } from './identities';
import { buildGkeIngressNetwork, buildGkeIngressPlatform } from './ingress';
import { SecretsKey } from './kms';
import { connectGkeStacks } from './kube-access';
import { ClusterLogs } from './logging';
import { gkeNames } from './names';
import { CloudNat } from './nat';
import { ClusterNetwork } from './network';
import { NodePools } from './node-pools';
import { clusterOutputs } from './outputs';
import { googleProvider } from './provider';
import { ProjectServices } from './services';
import { nodeZones } from './zones';

/**
 * Fills the phase stacks of a GKE cluster. The construct ids below are Terraform addresses:
 * renaming one replaces what it holds (for `Network` and `Gke`, the whole cluster).
 *
 * - cluster: APIs, network, firewall, Cloud NAT, log bucket, KMS key, node identity, admin IAM,
 *   the GKE cluster, ingress networking (proxy-only subnet, the shared Gateway's address,
 *   ExternalDNS's identity), cert-manager's DNS01 identity and the outputs;
 * - nodes: the node pools (cross-stack references to the cluster and its node identity);
 * - platform, policies: a google provider and the helm/kubernetes login, when they exist; the
 *   platform stack also holds the shared Gateway or the in-cluster ingress controller,
 *   ExternalDNS and cert-manager.
 * GKE's CNIs are managed, so there is never a cni stack. The DNS01 ClusterIssuers of the policies
 * stack get each zone's managed-zone resource name from the cluster stack (apply-time values).
 */
export function buildGke(stacks: PhaseStacks, cluster: ResolvedCluster): BuiltCluster {
  const names = gkeNames(cluster.name);
  const stack = stacks.cluster;
  googleProvider(stack, cluster);
  const apis = new ProjectServices(stack, 'Apis', cluster).services;

  const network = new ClusterNetwork(stack, 'Network', { cluster, names, dependsOn: apis });
  new ControlPlaneWebhooks(stack, 'ControlPlaneWebhooks', { cluster, names, network: network.network.id });
  const nat =
    cluster.egress.nat === 'none'
      ? undefined
      : new CloudNat(stack, 'Egress', { cluster, names, network: network.network.id, subnetwork: network.subnetwork.id });
  new ClusterLogs(stack, 'Logs', { cluster, names, dependsOn: apis });
  const secretsKey = new SecretsKey(stack, 'SecretsKey', { cluster, names, dependsOn: apis });
  const nodeIdentity = new NodeIdentity(stack, 'NodeIdentity', { cluster, names, dependsOn: apis });
  new ClusterAccess(stack, 'ClusterAccess', cluster);

  const gke = new GkeCluster(stack, 'Gke', {
    cluster,
    network: network.network.id,
    subnetwork: network.subnetwork.id,
    podRangeName: network.podRangeName,
    serviceRangeName: network.serviceRangeName,
    secretsKeyId: secretsKey.key.id,
    nodeServiceAccount: nodeIdentity.email,
    nodeZones: nodeZones(stack, cluster),
    dependsOn: [...apis, secretsKey.serviceAgentAccess, ...nodeIdentity.roles],
  });
  const ingress = buildGkeIngressNetwork(stack, { cluster, names, network: network.network.id, apis, gke: gke.cluster });
  const certManager = needsDns01Identity(cluster)
    ? new CertManagerDnsIdentity(stack, 'CertManagerIdentity', { cluster, names, dependsOn: apis, gke: gke.cluster })
    : undefined;
  clusterOutputs(stack, {
    gke,
    network,
    ...(nat ? { nat } : {}),
    ...(ingress.address ? { ingressAddress: ingress.address } : {}),
    nodeIdentity,
    secretsKey,
  });

  googleProvider(stacks.nodes, cluster);
  new NodePools(stacks.nodes, 'NodePools', {
    cluster,
    clusterId: gke.cluster.id,
    serviceAccount: nodeIdentity.email,
    nodeZones: nodeZones(stacks.nodes, cluster),
    nodeTag: names.nodeTag,
  });

  connectGkeStacks(stacks, cluster, gke);
  if (stacks.platform) {
    buildGkeIngressPlatform(stacks.platform, cluster, names, ingress);
    installCertManager(stacks.platform, cluster, certManager ? gkeCertManagerIdentity(certManager.email) : undefined);
  }
  return { applyTimeValues: certManager ? dns01ZoneNames(certManager) : {} };
}

/** The managed-zone resource name of each DNS01 zone, which the ClusterIssuers name in `hostedZoneName`. */
function dns01ZoneNames(identity: CertManagerDnsIdentity): ApplyTimeValues {
  return Object.fromEntries(identity.issuerZoneNames.map((name, i) => [APPLY_TIME.dns01ZoneName(i), name]));
}

/** The GKE builder the dispatcher loads for `cloud: gcp`. */
export const builder: CloudBuilder = { cloud: 'gcp', build: buildGke };
