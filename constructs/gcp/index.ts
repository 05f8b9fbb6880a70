/**
 * polycluster's GKE folder: the only code that imports @cdktf/provider-google, always by deep
 * path (the package root costs about 1.2 s and 450 MB per process). The dispatcher imports this
 * module only for fleets with a GCP cluster; importing it registers the builder, so consumers
 * can also call `defineCluster` directly after importing `polycluster/gcp`.
 *
 * @module polycluster/gcp
 */
import { cloudDispatcher } from '../cloud-dispatch';
import { builder } from './builder';

export { builder, buildGke } from './builder';
export {
  CertManagerDnsIdentity,
  DNS01_ZONE_VISIBILITY,
  gkeCertManagerIdentity,
  needsDns01Identity,
  type CertManagerDnsIdentityProps,
} from './cert-manager-identity';
export { ClusterAccess, CLUSTER_ADMIN_ROLE } from './cluster-access';
export { gkeNetworking, type GkeNetworking } from './cni';
export { CONTROL_PLANE_WEBHOOK_PORTS, ControlPlaneWebhooks, type ControlPlaneWebhooksProps } from './firewall';
export {
  GkeCluster,
  LOGGING_COMPONENTS,
  MAINTENANCE_WINDOW,
  MONITORING_COMPONENTS,
  NODE_HARDENING,
  RELEASE_CHANNEL,
  type GkeClusterProps,
} from './gke-cluster';
export { DNS_ZONE_LISTER_ROLE, DNS_ZONE_ROLE, DnsZoneIdentity, type DnsZoneIdentityProps, type DnsZoneVisibility } from './dns-zone-identity';
export {
  EXTERNAL_DNS_PROJECT_ROLE,
  EXTERNAL_DNS_ZONE_ROLE,
  ExternalDnsIdentity,
  gkeExternalDnsProvider,
  type ExternalDnsIdentityProps,
} from './external-dns';
export { NODE_ROLES, NodeIdentity, type NodeIdentityProps } from './identities';
export { buildGkeIngressNetwork, buildGkeIngressPlatform, sharedGkeGatewayClass, type GkeIngressNetwork, type GkeIngressNetworkProps } from './ingress';
export { IngressAddress, type IngressAddressProps } from './ingress-address';
export { KMS_ENCRYPTER_DECRYPTER, SECRETS_KEY_DESTROY_DELAY, SECRETS_KEY_ROTATION, SecretsKey, type SecretsKeyProps } from './kms';
export { connectGkeStacks } from './kube-access';
export { ClusterLogs, clusterLogFilter, type ClusterLogsProps } from './logging';
export { gcpName, gkeNames, pascalCase, type GkeNames } from './names';
export { CloudNat, type CloudNatProps } from './nat';
export { ClusterNetwork, FLOW_LOGS, type ClusterNetworkProps } from './network';
export { gkeAutoscaling, gkeTaint, nodePoolId, NodePools, UPGRADE_SURGE, type NodePoolsProps } from './node-pools';
export { clusterOutputs, type ClusterOutputsProps } from './outputs';
export { googleProvider } from './provider';
export { ProxyOnlySubnet, type ProxyOnlySubnetProps } from './proxy-only-subnet';
export { ProjectServices, REQUIRED_SERVICES } from './services';
export { SHARED_GATEWAY, SharedGateway, sharedGatewayManifest, type SharedGatewayProps } from './shared-gateway';
export { nodeZones } from './zones';

cloudDispatcher.register(builder);
