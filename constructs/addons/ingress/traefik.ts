import type { Construct } from 'constructs';
import { CHART_IMAGES, INGRESS_CONTROLLER_NAMESPACES, registryOf, type ResolvedCluster } from '../../spec';
import { CHARTS } from '../charts';
import { HelmAddon } from '../helm-addon';
import type { IngressControllerOptions } from './controller-options';

export const TRAEFIK_RELEASE = { name: 'traefik', namespace: INGRESS_CONTROLLER_NAMESPACES.traefik! } as const;

/**
 * Traefik's image values: its chart names the registry and the repository separately, so a
 * mirror replaces the registry and spells out the official image's `library/` path.
 */
function traefikImage(mirrors: Readonly<Record<string, string>>): Record<string, unknown> {
  const upstream = CHART_IMAGES.traefik.proxy;
  const registry = registryOf(upstream);
  const mirror = mirrors[registry];
  return mirror === undefined ? {} : { image: { registry: mirror, repository: upstream.slice(registry.length + 1) } };
}

/**
 * Chart values of Traefik Proxy as the cluster's ingress controller: the default IngressClass and
 * Traefik's own IngressRoute CRDs, behind a Service that asks the cloud for an internal or
 * internet-facing L4 load balancer per `ingress.exposure`. Its Gateway API provider stays off
 * (see `ingressClassesOf`).
 */
export function traefikValues(cluster: ResolvedCluster, options: IngressControllerOptions = {}): Record<string, unknown> {
  const lb = cluster.ingress.loadBalancer;
  return {
    ...traefikImage(cluster.egress.registryMirrors),
    deployment: { replicas: 2 },
    podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
    ingressClass: { enabled: true, isDefaultClass: true, name: 'traefik' },
    providers: {
      kubernetesIngress: { enabled: true, publishedService: { enabled: true } },
      kubernetesCRD: { enabled: true },
      kubernetesGateway: { enabled: false },
    },
    gatewayClass: { enabled: false },
    gateway: { enabled: false },
    service: {
      annotations: { ...lb.annotations, ...options.serviceAnnotations },
      ...(lb.loadBalancerClass ? { spec: { loadBalancerClass: lb.loadBalancerClass } } : {}),
    },
    // No calls home from a production ingress; the dashboard stays off.
    global: { checkNewVersion: false, sendAnonymousUsage: false },
    ingressRoute: { dashboard: { enabled: false } },
  };
}

/** Traefik in the platform stack. */
export class TraefikAddon extends HelmAddon {
  constructor(scope: Construct, id: string, cluster: ResolvedCluster, options: IngressControllerOptions = {}) {
    super(scope, id, {
      chart: CHARTS.traefik,
      releaseName: TRAEFIK_RELEASE.name,
      namespace: TRAEFIK_RELEASE.namespace,
      values: traefikValues(cluster, options),
      wait: true,
      ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}),
    });
  }
}
