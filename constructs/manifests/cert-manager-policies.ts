import { ApiObject, type Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import {
  API_SERVER_PORT,
  CERT_MANAGER,
  CERT_MANAGER_PODS,
  certManagerEgress,
  certManagerWebhookPort,
  apiServerAddresses,
  controlPlaneAddresses,
  type ResolvedCluster,
} from '../spec';
import { BASELINE_POLICY } from './baseline-network-policies';
import type { CiliumPolicySpec, CiliumPortRule } from './cni-policy-types';
import { addresses, defaultDenyProps, dropEmptyPortLists, kubeDnsEgressProps, policyPorts } from './policy-peers';

/** Names of cert-manager's NetworkPolicies (and, on Cilium, its CiliumNetworkPolicy). */
export const CERT_MANAGER_POLICY = {
  defaultDeny: BASELINE_POLICY.defaultDeny,
  dns: BASELINE_POLICY.dns,
  apiServer: 'allow-api-server',
  webhook: 'allow-webhook-from-control-plane',
  controllerEgress: 'allow-controller-egress',
  controllerMetadata: 'allow-controller-metadata',
  apiServerEntity: 'allow-api-server-entity',
  webhookEntity: 'allow-webhook-from-api-server-entity',
} as const;

const tcp = (port: number) => ({ port, protocol: 'TCP' as const });

/**
 * cert-manager's namespace gets what it needs and nothing more (REFERENCE.md baseline item 5):
 * default deny both ways; DNS; every component to the API server; the control plane to the
 * webhook's port; and only with ACME, the controller to the internet on 443 (and 80 for the
 * HTTP01 self-check) with the cluster's own ranges cut out, plus on GKE the metadata server that
 * hands out its Workload Identity tokens. Metrics stay closed until a scraper is named.
 */
export function certManagerPolicies(chart: Chart, cluster: ResolvedCluster): void {
  const namespace = CERT_MANAGER.namespace;
  const policy = (id: string, name: string, props: Omit<kplus.NetworkPolicyProps, 'metadata'>): void => {
    dropEmptyPortLists(new kplus.NetworkPolicy(chart, id, { ...props, metadata: { name, namespace } }));
  };
  const peers = (id: string): Construct => new Construct(chart, id);
  const component = (scope: Construct, id: string, labels: Readonly<Record<string, string>>): kplus.Pods => kplus.Pods.select(scope, id, { labels: { ...labels } });
  const controlPlane = controlPlaneAddresses(cluster);
  const apiServer = apiServerAddresses(cluster);

  policy('CertManagerDefaultDeny', CERT_MANAGER_POLICY.defaultDeny, defaultDenyProps(peers('CertManagerDefaultDenyPeers')));
  policy('CertManagerDns', CERT_MANAGER_POLICY.dns, kubeDnsEgressProps(peers('CertManagerDnsPeers')));
  const a = peers('CertManagerApiServerPeers');
  policy('CertManagerApiServer', CERT_MANAGER_POLICY.apiServer, {
    selector: kplus.Pods.all(a, 'All'),
    egress: { rules: apiServer.map((destination, i) => ({ peer: addresses(a, `To${i}`, destination.cidr), ports: policyPorts([tcp(API_SERVER_PORT)]) })) },
  });
  const w = peers('CertManagerWebhookPeers');
  policy('CertManagerWebhook', CERT_MANAGER_POLICY.webhook, {
    selector: component(w, 'Webhook', CERT_MANAGER_PODS.webhook),
    ingress: { rules: controlPlane.map((source, i) => ({ peer: addresses(w, `From${i}`, source.cidr), ports: policyPorts([tcp(certManagerWebhookPort(cluster))]) })) },
  });

  const egress = certManagerEgress(cluster);
  if (egress.internet) {
    const { cidr, except, ports } = egress.internet;
    const e = peers('CertManagerControllerEgressPeers');
    policy('CertManagerControllerEgress', CERT_MANAGER_POLICY.controllerEgress, {
      selector: component(e, 'Controller', CERT_MANAGER_PODS.controller),
      egress: { rules: [{ peer: addresses(e, 'Internet', cidr, except), ports: policyPorts(ports) }] },
    });
  }
  if (egress.metadata.length > 0) {
    const m = peers('CertManagerControllerMetadataPeers');
    policy('CertManagerControllerMetadata', CERT_MANAGER_POLICY.controllerMetadata, {
      selector: component(m, 'Controller', CERT_MANAGER_PODS.controller),
      egress: { rules: egress.metadata.map((dest, i) => ({ peer: addresses(m, `To${i}`, dest.cidr), ports: policyPorts(dest.ports) })) },
    });
  }

  // Cilium gives the API server's endpoints the kube-apiserver identity, which NetworkPolicy
  // ipBlocks do not match (cilium/cilium#20550): the same two paths again, by entity, where the
  // mode serves CiliumNetworkPolicy (GKE's Dataplane V2 does not).
  const api = cluster.cni.cell.clusterPolicies;
  if (api.kind === 'cilium' && api.namespaced) {
    const cnp = (id: string, name: string, spec: CiliumPolicySpec): void => {
      new ApiObject(chart, id, { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace }, spec });
    };
    const port = (p: number): CiliumPortRule => ({ ports: [{ port: String(p), protocol: 'TCP' }] });
    cnp('CertManagerApiServerEntity', CERT_MANAGER_POLICY.apiServerEntity, {
      description: 'polycluster: cert-manager reaches the API server, by Cilium entity',
      endpointSelector: {},
      enableDefaultDeny: { ingress: false, egress: false },
      egress: [{ toEntities: ['kube-apiserver'], toPorts: [port(API_SERVER_PORT)] }],
    });
    cnp('CertManagerWebhookEntity', CERT_MANAGER_POLICY.webhookEntity, {
      description: "polycluster: the API server reaches cert-manager's webhook, by Cilium entity",
      endpointSelector: { matchLabels: { ...CERT_MANAGER_PODS.webhook } },
      enableDefaultDeny: { ingress: false, egress: false },
      ingress: [{ fromEntities: ['kube-apiserver'], toPorts: [port(certManagerWebhookPort(cluster))] }],
    });
  }
}
