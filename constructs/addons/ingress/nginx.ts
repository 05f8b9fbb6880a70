import type { Construct } from 'constructs';
import { CHART_IMAGES, INGRESS_CONTROLLER_NAMESPACES, type ResolvedCluster } from '../../spec';
import { CHARTS } from '../charts';
import { HelmAddon } from '../helm-addon';
import { imageValues } from '../images';
import type { IngressControllerOptions } from './controller-options';

export const NGINX_INGRESS_RELEASE = { name: 'nginx-ingress', namespace: INGRESS_CONTROLLER_NAMESPACES.nginx! } as const;

/**
 * Chart values of the F5 NGINX Ingress Controller (the maintained NGINX controller; not the
 * retired community ingress-nginx): the default `nginx` IngressClass, snippets off (they let any
 * Ingress author inject NGINX configuration), and a Service that asks the cloud for an internal
 * or internet-facing L4 load balancer per `ingress.exposure`. On EKS the AWS Load Balancer
 * Controller's webhook gives the Service its NLB class.
 */
export function nginxIngressValues(cluster: ResolvedCluster, options: IngressControllerOptions = {}): Record<string, unknown> {
  return {
    controller: {
      kind: 'deployment',
      replicaCount: 2,
      ...imageValues(CHART_IMAGES['nginx-ingress'].controller, cluster.egress.registryMirrors),
      ingressClass: { name: 'nginx', create: true, setAsDefaultIngress: true },
      enableSnippets: false,
      healthStatus: true,
      reportIngressStatus: { enable: true },
      podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
      service: {
        type: 'LoadBalancer',
        annotations: { ...cluster.ingress.loadBalancer.annotations, ...options.serviceAnnotations },
      },
    },
  };
}

/** The NGINX Ingress Controller in the platform stack. */
export class NginxIngressAddon extends HelmAddon {
  constructor(scope: Construct, id: string, cluster: ResolvedCluster, options: IngressControllerOptions = {}) {
    super(scope, id, {
      chart: CHARTS.nginxIngress,
      releaseName: NGINX_INGRESS_RELEASE.name,
      namespace: NGINX_INGRESS_RELEASE.namespace,
      values: nginxIngressValues(cluster, options),
      wait: true,
      ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}),
    });
  }
}
