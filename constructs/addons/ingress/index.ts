import type { Construct } from 'constructs';
import type { ResolvedCluster } from '../../spec';
import type { HelmAddon } from '../helm-addon';
import type { IngressControllerOptions } from './controller-options';
import { NginxIngressAddon } from './nginx';
import { TraefikAddon } from './traefik';

export * from './aws-load-balancer-controller';
export * from './controller-options';
export * from './external-dns';
export * from './nginx';
export * from './traefik';

/**
 * Installs the spec's in-cluster ingress controller (Traefik or NGINX) in the platform stack.
 * `cloud` installs nothing here: the cloud folder provides its own (the AWS Load Balancer
 * Controller, GKE's Gateway controller).
 */
export function installIngressController(scope: Construct, cluster: ResolvedCluster, options: IngressControllerOptions = {}): HelmAddon | undefined {
  switch (cluster.ingress.controller) {
    case 'traefik':
      return new TraefikAddon(scope, 'Traefik', cluster, options);
    case 'nginx':
      return new NginxIngressAddon(scope, 'NginxIngress', cluster, options);
    case 'cloud':
      return undefined;
  }
}
