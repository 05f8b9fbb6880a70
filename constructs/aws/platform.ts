import type { TerraformStack } from 'cdktf';
import { installCertManager } from '../addons/cert-manager';
import { ClusterAutoscalerAwsAddon } from '../addons/cluster-autoscaler';
import { AwsLoadBalancerControllerAddon, ExternalDnsAddon, installIngressController } from '../addons/ingress';
import { EXTERNAL_DNS_ZONE_VISIBILITY, type ResolvedCluster } from '../spec';
import type { EksClusterStack } from './cluster-stack';

/**
 * The platform stack of an EKS cluster: the AWS Load Balancer Controller first (always: it gives
 * every `Service` of type `LoadBalancer` an NLB and serves the `alb` class), then the Cluster
 * Autoscaler, the spec's in-cluster ingress controller, ExternalDNS and cert-manager (its
 * controller bound to its IRSA role for the DNS01 solver). Every later release waits for the
 * controller because its mutating webhook sees every new Service and, with its failure policy
 * `Fail`, refuses them all while its pods are not ready.
 */
export function buildPlatformStack(stack: TerraformStack, cluster: ResolvedCluster, built: EksClusterStack): void {
  const controller = new AwsLoadBalancerControllerAddon(stack, 'LoadBalancerController', cluster, {
    roleArn: built.ingress.loadBalancerController.role.arn,
    vpcId: built.network.vpc.id,
  });
  const afterController = { dependsOn: [controller.release] };
  new ClusterAutoscalerAwsAddon(stack, 'ClusterAutoscaler', cluster, built.roles.clusterAutoscaler.role.arn, afterController.dependsOn);
  installIngressController(stack, cluster, afterController);
  const dns = built.ingress.externalDns;
  if (dns) {
    new ExternalDnsAddon(
      stack,
      'ExternalDns',
      cluster,
      {
        name: 'aws',
        args: { 'aws-zone-type': EXTERNAL_DNS_ZONE_VISIBILITY[cluster.ingress.exposure], 'zone-id-filter': dns.zoneIds },
        serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': dns.role.role.arn },
      },
      afterController,
    );
  }
  const certManagerRole = built.certManager?.role;
  installCertManager(
    stack,
    cluster,
    certManagerRole ? { serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': certManagerRole.role.arn } } : undefined,
    afterController.dependsOn,
  );
}
