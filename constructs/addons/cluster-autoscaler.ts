import type { ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';
import { CHART_IMAGES, type ResolvedCluster } from '../spec';
import { CHARTS } from './charts';
import { HelmAddon } from './helm-addon';
import { imageValues } from './images';

/**
 * Cluster Autoscaler image per Kubernetes minor: the autoscaler simulates the scheduler of its own
 * minor, so its minor must match the cluster's (the chart's default image follows the chart, not
 * the cluster).
 */
export const CLUSTER_AUTOSCALER_IMAGE_TAGS: Readonly<Record<string, string>> = {
  '1.32': 'v1.32.0',
  '1.33': 'v1.33.0',
  '1.34': 'v1.34.0',
  '1.35': 'v1.35.0',
  '1.36': 'v1.36.0',
};

export const CLUSTER_AUTOSCALER_RELEASE = { name: 'cluster-autoscaler', namespace: 'kube-system', serviceAccount: 'cluster-autoscaler' } as const;

/** Chart values for the Cluster Autoscaler on EKS with Auto Scaling group auto-discovery. */
export function clusterAutoscalerAwsValues(cluster: ResolvedCluster, roleArn: string): Record<string, unknown> {
  const tag = CLUSTER_AUTOSCALER_IMAGE_TAGS[cluster.kubernetesVersion];
  if (!tag) throw new Error(`polycluster: no Cluster Autoscaler image for Kubernetes ${cluster.kubernetesVersion}`);
  return {
    cloudProvider: 'aws',
    awsRegion: cluster.region,
    // Managed node groups tag their Auto Scaling groups with these keys.
    autoDiscovery: { clusterName: cluster.name, tags: ['k8s.io/cluster-autoscaler/enabled', `k8s.io/cluster-autoscaler/${cluster.name}`] },
    image: { ...imageValues(CHART_IMAGES['cluster-autoscaler'].autoscaler, cluster.egress.registryMirrors).image, tag },
    extraArgs: {
      'balance-similar-node-groups': true,
      expander: 'least-waste',
      'skip-nodes-with-system-pods': false,
    },
    rbac: {
      serviceAccount: {
        create: true,
        name: CLUSTER_AUTOSCALER_RELEASE.serviceAccount,
        annotations: { 'eks.amazonaws.com/role-arn': roleArn },
      },
    },
    priorityClassName: 'system-cluster-critical',
    resources: { requests: { cpu: '100m', memory: '300Mi' }, limits: { memory: '600Mi' } },
    securityContext: { runAsNonRoot: true, runAsUser: 65534, fsGroup: 65534 },
  };
}

/** The Cluster Autoscaler on EKS, in the platform stack, waiting until it runs (nodes exist). */
export class ClusterAutoscalerAwsAddon extends HelmAddon {
  constructor(scope: Construct, id: string, cluster: ResolvedCluster, roleArn: string, dependsOn?: ITerraformDependable[]) {
    super(scope, id, {
      ...(dependsOn ? { dependsOn } : {}),
      chart: CHARTS.clusterAutoscaler,
      releaseName: CLUSTER_AUTOSCALER_RELEASE.name,
      namespace: CLUSTER_AUTOSCALER_RELEASE.namespace,
      values: clusterAutoscalerAwsValues(cluster, roleArn),
      wait: true,
    });
  }
}
