export * from './types';
export * from './defaults';
export * from './problems';
export * from './resolved';
export { analyseSpec, checkSpec, resolveCluster, validateSpec, type Analysis } from './resolve';
export { mergeSpecs } from './merge';
export { cellKey, CNI_CELLS, CNI_MODES, CNI_REFUSALS, lookupCni, modesOn } from './cni-matrix';
export type { Capability, ClusterPolicyApi, CniCell, CniLookup, CniRefusal, PodAddressing, PodBlock } from './cni-matrix';
export { planSubnets, subnetBlocks, usableAddresses, ZONE_SLOTS, RESERVED_ADDRESSES } from './cidr-plan';
export type { PlanResult, SubnetBlock, SubnetPlan, SubnetRole } from './cidr-plan';
export { KUBERNETES_VERSIONS, isSupportedVersion } from './versions';
export { CILIUM_AGENT_NOT_READY } from './node-pools';
export { RESERVED_HOST_PORTS, WEBHOOK_HOST_PORTS, type ResolvedWebhooks, type WebhookAddon } from './webhooks';
export { CHART_IMAGES, chartRegistries, chartsOf, mirroredRepository, registryOf, type ChartChoices, type ChartName } from './chart-images';
export {
  ACME_SERVERS,
  API_SERVER_PORT,
  apiServerAddresses,
  CERT_MANAGER,
  CERT_MANAGER_PODS,
  certManagerEgress,
  certManagerWebhookPort,
  CLUSTER_ISSUERS,
  controlPlaneAddresses,
  DNS01_SELF_CHECK_RESOLVERS,
  http01ViaGateway,
  INTERNAL_CA,
  WORKLOAD_IDENTITY_FROM_METADATA,
  type CertManagerEgress,
} from './cert-manager';
export { EXPOSED_NAMESPACE_LABEL, EXTERNAL_DNS_ZONE_VISIBILITY, GKE_GATEWAY_CLASSES, GKE_SHARED_GATEWAY_CLASS, INGRESS_CONTROLLER_NAMESPACES, ingressClassesOf, SHARED_GATEWAY, type IngressClasses } from './ingress';
export { loadBalancerService, loadBalancerTargets, type LoadBalancerService, type LoadBalancerTargets } from './load-balancer-service';
export {
  APP_LABEL,
  exposureSources,
  isolatedApps,
  KUBE_DNS,
  MANAGED_NAMESPACE_LABEL,
  METADATA_CIDR,
  metadataCidrs,
  metadataDestinations,
  NAMESPACE_NAME_LABEL,
  namespaceLabels,
  outgoingAllowances,
  type AddressDestination,
  type AddressSource,
  type ExposureSources,
  type OutgoingAllowance,
} from './network-policy';
export { CONTROL_PLANE_LOGS } from './control-plane-logs';
