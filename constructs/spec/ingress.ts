import type { Cloud, Exposure, GcpSettings, GkeGatewayClass, IngressController } from './types';

/**
 * GKE's single-cluster GatewayClasses: who can reach them, and whether they are regional (Envoy
 * proxies in the region's proxy-only subnet) or global (Google front ends).
 */
export const GKE_GATEWAY_CLASSES: {
  readonly [C in GkeGatewayClass]: {
    /** Who can reach Gateways of the class. */
    readonly exposure: Exposure;
    /** Regional (proxies in the proxy-only subnet) rather than global. */
    readonly regional: boolean;
  };
} = {
  'gke-l7-global-external-managed': { exposure: 'internet-facing', regional: false },
  'gke-l7-regional-external-managed': { exposure: 'internet-facing', regional: true },
  'gke-l7-rilb': { exposure: 'internal', regional: true },
  'gke-l7-gxlb': { exposure: 'internet-facing', regional: false },
};

/** The class of GKE's shared Gateway for each exposure: the current, managed load balancers. */
export const GKE_SHARED_GATEWAY_CLASS: { readonly [E in Exposure]: GkeGatewayClass } = {
  internal: 'gke-l7-rilb',
  'internet-facing': 'gke-l7-global-external-managed',
};

/** Where GKE's shared Gateway lives and what it is called: the names routes (and HTTP01 solvers) attach to. */
export const SHARED_GATEWAY = { namespace: 'polycluster-ingress', name: 'shared', listener: 'http' } as const;

/**
 * Label of namespaces whose routes may attach to the shared Gateway, and which the baseline
 * policies open to the ingress controller: the spec's `namespaces[].exposed`.
 */
export const EXPOSED_NAMESPACE_LABEL = 'polycluster.io/exposed';

/**
 * Which DNS zones ExternalDNS writes to: an internal load balancer's address means nothing outside
 * the network, so internal clusters write to private zones and internet-facing ones to public zones.
 */
export const EXTERNAL_DNS_ZONE_VISIBILITY: { readonly [E in Exposure]: 'private' | 'public' } = {
  internal: 'private',
  'internet-facing': 'public',
};

/**
 * The namespace of each in-cluster ingress controller; none for `cloud`, whose load balancers or
 * Gateway proxies reach pods from outside the cluster.
 */
export const INGRESS_CONTROLLER_NAMESPACES: { readonly [C in IngressController]: string | undefined } = {
  traefik: 'traefik',
  nginx: 'nginx-ingress',
  cloud: undefined,
};

/** What the chosen controller offers: an IngressClass, a GatewayClass, or both. */
export interface IngressClasses {
  /** The IngressClass marked as the cluster default (`ingressclass.kubernetes.io/is-default-class`). */
  readonly ingressClass?: string;
  /** The GatewayClass of the shared Gateway the platform stack creates. */
  readonly gatewayClass?: string;
}

/** The classes each controller serves on each cloud (AKS `cloud` is refused by validation). */
export function ingressClassesOf(cloud: Cloud, controller: IngressController, exposure: Exposure): IngressClasses {
  switch (controller) {
    case 'traefik':
      // Ingress only: Traefik 3.7 watches Gateway API resources (v1 TLSRoute) that only Gateway API
      // 1.5 has, its chart no longer ships the CRDs, and GKE manages its own older ones.
      return { ingressClass: 'traefik' };
    case 'nginx':
      return { ingressClass: 'nginx' };
    case 'cloud':
      if (cloud === 'aws') return { ingressClass: 'alb' };
      if (cloud === 'gcp') return { gatewayClass: GKE_SHARED_GATEWAY_CLASS[exposure] };
      return {};
  }
}

/** The GatewayClasses a GKE cluster uses: the shared Gateway's, then the spec's extra ones. */
export function gkeGatewayClasses(controller: IngressController, exposure: Exposure, gcp: GcpSettings | undefined): GkeGatewayClass[] {
  const listed = gcp?.gatewayClasses ?? [];
  const shared = controller === 'cloud' ? [GKE_SHARED_GATEWAY_CLASS[exposure]] : [];
  return [...new Set([...shared, ...listed])];
}

/** Whether any of the classes is regional and so needs the proxy-only subnet. */
export function needsProxyOnlySubnet(classes: readonly GkeGatewayClass[]): boolean {
  return classes.some((c) => GKE_GATEWAY_CLASSES[c]?.regional === true);
}
