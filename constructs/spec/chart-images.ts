import type { CniCell } from './cni-matrix';
import type { Cloud, IngressController } from './types';

/**
 * The upstream image repositories of every chart polycluster installs: the charts' values mirror
 * them (`egress.registryMirrors`), and validation knows from them which mirrors a cluster without
 * internet egress needs before anything is built.
 */
export const CHART_IMAGES = {
  cilium: {
    agent: 'quay.io/cilium/cilium',
    operator: 'quay.io/cilium/operator',
    envoy: 'quay.io/cilium/cilium-envoy',
    hubbleRelay: 'quay.io/cilium/hubble-relay',
  },
  // The operator pulls every Calico component from quay.io/calico (`installation.registry`).
  'tigera-operator': { operator: 'quay.io/tigera/operator', calicoNode: 'quay.io/calico/node' },
  'cluster-autoscaler': { autoscaler: 'registry.k8s.io/autoscaling/cluster-autoscaler' },
  'aws-load-balancer-controller': { controller: 'public.ecr.aws/eks/aws-load-balancer-controller' },
  // Docker Hub's official images live under library/, which pull-through caches spell out.
  traefik: { proxy: 'docker.io/library/traefik' },
  'nginx-ingress': { controller: 'docker.io/nginx/nginx-ingress' },
  'external-dns': { controller: 'registry.k8s.io/external-dns/external-dns' },
  // The chart composes every image from one registry and namespace (`imageRegistry`, `imageNamespace`).
  'cert-manager': {
    controller: 'quay.io/jetstack/cert-manager-controller',
    webhook: 'quay.io/jetstack/cert-manager-webhook',
    cainjector: 'quay.io/jetstack/cert-manager-cainjector',
    acmesolver: 'quay.io/jetstack/cert-manager-acmesolver',
    startupapicheck: 'quay.io/jetstack/cert-manager-startupapicheck',
  },
} as const;

/** A chart polycluster installs, named as in `CHART_IMAGES`. */
export type ChartName = keyof typeof CHART_IMAGES;

/** The registry host of an image repository. */
export const registryOf = (repository: string): string => repository.slice(0, repository.indexOf('/'));

/** The registries each chart pulls from. */
export function chartRegistries(chart: ChartName): string[] {
  return [...new Set(Object.values<string>(CHART_IMAGES[chart]).map(registryOf))];
}

/** What decides the charts besides the cloud and the CNI cell. */
export interface ChartChoices {
  /** The ingress settings that pick charts. */
  readonly ingress: {
    /** The ingress or gateway controller. */
    readonly controller: IngressController;
    /** Zones for ExternalDNS; its chart is installed when there are any. */
    readonly externalDnsZones: readonly string[];
  };
  /** The cert-manager settings that pick charts. */
  readonly certManager: {
    /** cert-manager is installed. */
    readonly enabled: boolean;
  };
}

/** The charts a cluster installs, given its cloud, CNI cell, ingress and cert-manager choices. */
export function chartsOf(cloud: Cloud, cell: CniCell, { ingress, certManager }: ChartChoices): ChartName[] {
  const charts: ChartName[] = [];
  if (cell.provisioning === 'self-installed' && cell.kind === 'cilium') charts.push('cilium');
  if (cell.provisioning === 'self-installed' && cell.kind === 'calico') charts.push('tigera-operator');
  if (cloud === 'aws') charts.push('cluster-autoscaler', 'aws-load-balancer-controller');
  if (ingress.controller === 'traefik') charts.push('traefik');
  if (ingress.controller === 'nginx') charts.push('nginx-ingress');
  if (ingress.externalDnsZones.length > 0) charts.push('external-dns');
  if (certManager.enabled) charts.push('cert-manager');
  return charts;
}

/** A registry host with an optional port, as image references name it. */
export const REGISTRY_HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

/** A mirror: a registry host and an optional repository path prefix, without a scheme. */
export const REGISTRY_MIRROR = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

/**
 * An image repository pulled through its mirror, when the spec names one for its registry:
 * `quay.io/cilium/cilium` -> `<mirror>/cilium/cilium`.
 */
export function mirroredRepository(repository: string, mirrors: Readonly<Record<string, string>>): string {
  const registry = registryOf(repository);
  const mirror = mirrors[registry];
  return mirror === undefined ? repository : `${mirror}${repository.slice(registry.length)}`;
}
