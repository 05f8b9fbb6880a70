import type { Construct } from 'constructs';
import { CHART_IMAGES, loadBalancerTargets, type ResolvedCluster } from '../../spec';
import { CHARTS } from '../charts';
import { HelmAddon } from '../helm-addon';
import { imageValues } from '../images';

export const AWS_LOAD_BALANCER_CONTROLLER_RELEASE = {
  name: 'aws-load-balancer-controller',
  namespace: 'kube-system',
  serviceAccount: 'aws-load-balancer-controller',
} as const;

/** What the controller takes from the cluster stack. */
export interface AwsLoadBalancerControllerInputs {
  /** Its IRSA role. */
  readonly roleArn: string;
  /** The VPC: pods cannot ask the instance metadata service (IMDSv2 with hop limit 1). */
  readonly vpcId: string;
}

/**
 * Chart values of the AWS Load Balancer Controller. It serves Ingresses of the `alb` class (the
 * default class when it is the spec's controller) and claims every new `Service` of type
 * `LoadBalancer` as an NLB, so the in-tree Classic Load Balancer is never used. Targets follow the
 * CNI (pod IPs where pods have VPC addresses, node ports on overlays); the scheme follows
 * `ingress.exposure`; the webhook moves to the host network where the control plane cannot reach
 * pods.
 */
export function awsLoadBalancerControllerValues(cluster: ResolvedCluster, inputs: AwsLoadBalancerControllerInputs): Record<string, unknown> {
  const { webhooks } = cluster.cni;
  const isDefault = cluster.ingress.classes.ingressClass === 'alb';
  return {
    clusterName: cluster.name,
    region: cluster.region,
    vpcId: inputs.vpcId,
    ...imageValues(CHART_IMAGES['aws-load-balancer-controller'].controller, cluster.egress.registryMirrors),
    serviceAccount: {
      create: true,
      name: AWS_LOAD_BALANCER_CONTROLLER_RELEASE.serviceAccount,
      annotations: { 'eks.amazonaws.com/role-arn': inputs.roleArn },
    },
    replicaCount: 2,
    podDisruptionBudget: { maxUnavailable: 1 },
    priorityClassName: 'system-cluster-critical',
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
    defaultTargetType: loadBalancerTargets(cluster),
    defaultLoadBalancerScheme: cluster.ingress.exposure,
    enableServiceMutatorWebhook: true,
    ingressClass: 'alb',
    createIngressClassResource: true,
    ingressClassConfig: { default: isDefault },
    ingressClassParams: { create: true, name: 'alb', spec: { scheme: cluster.ingress.exposure } },
    // Every load balancer, target group and security group carries the organisation's tags.
    defaultTags: { ...cluster.tags },
    ...(webhooks.hostNetwork
      ? {
          hostNetwork: true,
          dnsPolicy: 'ClusterFirstWithHostNet',
          webhookBindPort: webhooks.hostPorts['aws-load-balancer-controller'],
        }
      : {}),
  };
}

/** The controller in the platform stack, waiting until it runs: later releases need its webhooks. */
export class AwsLoadBalancerControllerAddon extends HelmAddon {
  constructor(scope: Construct, id: string, cluster: ResolvedCluster, inputs: AwsLoadBalancerControllerInputs) {
    super(scope, id, {
      chart: CHARTS.awsLoadBalancerController,
      releaseName: AWS_LOAD_BALANCER_CONTROLLER_RELEASE.name,
      namespace: AWS_LOAD_BALANCER_CONTROLLER_RELEASE.namespace,
      values: awsLoadBalancerControllerValues(cluster, inputs),
      wait: true,
    });
  }
}
