import type { TerraformStack } from 'cdktf';
import { AWS_LOAD_BALANCER_CONTROLLER_RELEASE, EXTERNAL_DNS_RELEASE } from '../addons/ingress';
import { EXTERNAL_DNS_ZONE_VISIBILITY, type ResolvedCluster } from '../spec';
import type { Account } from './account';
import { lookUpHostedZones } from './hosted-zones';
import { externalDnsStatements } from './iam-policies';
import { ServiceAccountRole, type ClusterOidc } from './identities';
import { loadBalancerControllerStatements } from './load-balancer-controller-policy';

/** The IRSA roles of the load balancer controller and ExternalDNS. */
export interface IngressRoles {
  readonly loadBalancerController: ServiceAccountRole;
  /** Present when the spec names ExternalDNS zones. */
  readonly externalDns?: { readonly role: ServiceAccountRole; readonly zoneIds: string[] };
}

/**
 * Identities of the ingress path, in the cluster stack with the other add-on roles. ExternalDNS
 * zones are looked up by name: the private hosted zone associated with the cluster's VPC when the
 * load balancers are internal (their addresses mean nothing outside it), the public one when they
 * face the internet.
 * A missing zone fails the plan with Route 53's own error. Zone ids are by position
 * (`ExternalDnsZone0`, ...): reordering the list only changes data sources, never resources.
 */
export function createIngressRoles(stack: TerraformStack, cluster: ResolvedCluster, oidc: ClusterOidc, account: Account, vpcId: string): IngressRoles {
  const irsa = { clusterName: cluster.name, oidc, account };
  const loadBalancerController = new ServiceAccountRole(stack, 'LoadBalancerControllerRole', {
    ...irsa,
    name: 'aws-load-balancer-controller',
    namespace: AWS_LOAD_BALANCER_CONTROLLER_RELEASE.namespace,
    serviceAccount: AWS_LOAD_BALANCER_CONTROLLER_RELEASE.serviceAccount,
    statements: loadBalancerControllerStatements(cluster.name, account.partition, cluster.region, account.id),
  });
  const internal = EXTERNAL_DNS_ZONE_VISIBILITY[cluster.ingress.exposure] === 'private';
  const zones = lookUpHostedZones(stack, 'ExternalDnsZone', cluster.ingress.externalDnsZones, internal ? { privateZone: true, vpcId } : { privateZone: false });
  if (zones.length === 0) return { loadBalancerController };
  const role = new ServiceAccountRole(stack, 'ExternalDnsRole', {
    ...irsa,
    name: 'external-dns',
    namespace: EXTERNAL_DNS_RELEASE.namespace,
    serviceAccount: EXTERNAL_DNS_RELEASE.serviceAccount,
    statements: externalDnsStatements(zones.map((z) => z.arn)),
  });
  return { loadBalancerController, externalDns: { role, zoneIds: zones.map((z) => z.zoneId) } };
}
