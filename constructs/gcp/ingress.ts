import type { ITerraformDependable, TerraformStack } from 'cdktf';
import { ExternalDnsAddon, installIngressController } from '../addons/ingress';
import { GKE_GATEWAY_CLASSES, type GkeGatewayClass, type ResolvedCluster } from '../spec';
import { ExternalDnsIdentity, gkeExternalDnsProvider } from './external-dns';
import { IngressAddress } from './ingress-address';
import type { GkeNames } from './names';
import { ProxyOnlySubnet } from './proxy-only-subnet';
import { SharedGateway } from './shared-gateway';

/** The shared Gateway's class when GKE's own controller serves it (`controller: cloud`). */
export function sharedGkeGatewayClass(cluster: ResolvedCluster): GkeGatewayClass | undefined {
  const gatewayClass = cluster.ingress.classes.gatewayClass;
  return gatewayClass !== undefined && Object.hasOwn(GKE_GATEWAY_CLASSES, gatewayClass) ? (gatewayClass as GkeGatewayClass) : undefined;
}

/** Inputs of `buildGkeIngressNetwork`. */
export interface GkeIngressNetworkProps {
  /** The resolved cluster: the only input. */
  readonly cluster: ResolvedCluster;
  /** Resource names derived from the cluster name. */
  readonly names: GkeNames;
  /** The VPC network's id. */
  readonly network: string;
  /** The project's APIs (Compute, IAM) must be on first. */
  readonly apis: ITerraformDependable[];
  /** The GKE cluster, whose Workload Identity pool ExternalDNS's binding needs. */
  readonly gke: ITerraformDependable;
}

/** What the cluster stack holds for ingress; the platform stack and the outputs read it. */
export interface GkeIngressNetwork {
  /** The static address of an internet-facing shared Gateway. */
  readonly address?: IngressAddress;
  /** ExternalDNS's Google identity, when the spec names zones. */
  readonly externalDns?: ExternalDnsIdentity;
}

/**
 * The cluster-stack side of load balancing and DNS: the proxy-only subnet when a regional
 * GatewayClass is in use, the reserved address of a global (internet-facing) shared Gateway,
 * and ExternalDNS's zone-scoped identity. Construct ids are Terraform addresses: keep them.
 */
export function buildGkeIngressNetwork(stack: TerraformStack, props: GkeIngressNetworkProps): GkeIngressNetwork {
  const { cluster, names } = props;
  if (cluster.ingress.proxyOnlySubnet) new ProxyOnlySubnet(stack, 'ProxyOnlySubnet', { cluster, names, network: props.network });
  const sharedClass = sharedGkeGatewayClass(cluster);
  // Global classes are Google front ends reached from the internet and need a reserved global
  // address; regional ones take theirs from the region's subnets.
  const address =
    sharedClass !== undefined && !GKE_GATEWAY_CLASSES[sharedClass].regional
      ? new IngressAddress(stack, 'IngressAddress', { cluster, names, dependsOn: props.apis })
      : undefined;
  const externalDns =
    cluster.ingress.externalDnsZones.length > 0 ? new ExternalDnsIdentity(stack, 'ExternalDnsIdentity', { cluster, names, dependsOn: props.apis, gke: props.gke }) : undefined;
  return { ...(address ? { address } : {}), ...(externalDns ? { externalDns } : {}) };
}

/**
 * The platform-stack side: GKE's shared Gateway (`controller: cloud`), or the in-cluster
 * controller the spec chose (Traefik, NGINX), and ExternalDNS acting as its Google identity
 * (the e-mail arrives from the cluster stack by cross-stack reference).
 */
export function buildGkeIngressPlatform(platform: TerraformStack, cluster: ResolvedCluster, names: GkeNames, network: GkeIngressNetwork): void {
  const sharedClass = sharedGkeGatewayClass(cluster);
  if (sharedClass !== undefined) {
    new SharedGateway(platform, 'SharedGateway', {
      gatewayClass: sharedClass,
      // By name, as GKE expects it; the cluster stack that reserves it is always deployed first.
      ...(network.address ? { addressName: names.ingressAddress } : {}),
    });
  }
  installIngressController(platform, cluster);
  if (network.externalDns) new ExternalDnsAddon(platform, 'ExternalDns', cluster, gkeExternalDnsProvider(cluster, network.externalDns.email));
}
