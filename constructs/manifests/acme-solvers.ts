import { APPLY_TIME, applyTimeValue } from '../apply-time-values';
import { http01ViaGateway, SHARED_GATEWAY, type Cloud, type ResolvedCluster } from '../spec';

/** One ACME challenge solver of a cert-manager issuer (cert-manager.io/v1 `ACMEChallengeSolver`). */
export type AcmeSolver = Readonly<Record<string, unknown>>;

/**
 * The DNS01 provider block per cloud for the `i`th zone, authenticating with the controller's
 * workload identity (ambient credentials) and naming the zone exactly, so cert-manager never
 * needs to list zones: Route 53 by hosted zone id, Cloud DNS by managed-zone resource name, Azure
 * DNS by resource group and name with the managed identity's client id. Terraform looks these up
 * in the cluster stack; the manifests hold apply-time placeholders for them.
 */
const DNS01_PROVIDERS: { readonly [C in Cloud]: (cluster: ResolvedCluster, zone: string, i: number) => AcmeSolver } = {
  aws: (cluster, _zone, i) => ({ route53: { region: cluster.region, hostedZoneID: applyTimeValue(APPLY_TIME.dns01ZoneId(i)) } }),
  gcp: (cluster, _zone, i) => ({ cloudDNS: { project: cluster.gcp!.project, hostedZoneName: applyTimeValue(APPLY_TIME.dns01ZoneName(i)) } }),
  azure: (_cluster, zone, i) => ({
    azureDNS: {
      subscriptionID: applyTimeValue(APPLY_TIME.azureSubscriptionId),
      resourceGroupName: applyTimeValue(APPLY_TIME.dns01ZoneResourceGroup(i)),
      hostedZoneName: zone,
      environment: 'AzurePublicCloud',
      managedIdentity: { clientID: applyTimeValue(APPLY_TIME.certManagerClientId) },
    },
  }),
};

/**
 * HTTP01 through the cluster's ingress: the default IngressClass, or GKE's shared Gateway when the
 * controller is GKE's own. (Validation refuses the ALB class: each Ingress would get its own ALB.)
 */
function http01Solver(cluster: ResolvedCluster): AcmeSolver {
  if (http01ViaGateway(cluster)) {
    return { http01: { gatewayHTTPRoute: { parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: SHARED_GATEWAY.name, namespace: SHARED_GATEWAY.namespace, sectionName: SHARED_GATEWAY.listener }] } } };
  }
  return { http01: { ingress: { ingressClassName: cluster.ingress.classes.ingressClass! } } };
}

/** The solvers of the Let's Encrypt issuers: one DNS01 solver per zone (selected by zone), or HTTP01. */
export function acmeSolvers(cluster: ResolvedCluster): AcmeSolver[] {
  const acme = cluster.certManager.acme;
  if (!acme) return [];
  if (acme.solver === 'http01') return [http01Solver(cluster)];
  return acme.dnsZones.map((zone, i) => ({ selector: { dnsZones: [zone] }, dns01: DNS01_PROVIDERS[cluster.cloud](cluster, zone, i) }));
}
