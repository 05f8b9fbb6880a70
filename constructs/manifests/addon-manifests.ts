import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { addonNamespaces, type PolyClusterAddon } from '../addons/addon-contract';
import { labelObject } from '../kubernetes-labels';
import { API_SERVER_PORT, apiServerAddresses, controlPlaneAddresses, type ResolvedCluster } from '../spec';
import { clusterManifests, namespaceFileName, type ManifestFile, type ManifestObject } from './cluster-manifests';
import type { CiliumPolicySpec } from './cni-policy-types';
import { addresses, dropEmptyPortLists, podsOf, policyPorts } from './policy-peers';

/** Names of the policies an add-on's declared API-server and webhook traffic adds. */
export const ADDON_POLICY = {
  apiServer: 'allow-api-server',
  apiServerEntity: 'allow-api-server-entity',
  webhook: (app: string): string => `allow-webhook-${app}-from-control-plane`,
  webhookEntity: (app: string): string => `allow-webhook-${app}-from-api-server-entity`,
} as const;

/** The Kubernetes objects of one cluster, and the add-on Namespaces the platform stack creates. */
export interface PolyClusterManifests {
  /** What `dist/manifests/<cluster>/` holds and the policies stack applies. */
  readonly files: ManifestFile[];
  /** The add-ons' Namespace objects: created in the platform stack, before their releases. */
  readonly addonNamespaces: ManifestObject[];
}

const tcp = (port: number) => [{ port, protocol: 'TCP' as const }];

/**
 * The traffic an add-on declares beyond what the spec's allowance language says (as cert-manager's
 * own policies do): its pods to the API server, and the control plane to its webhooks. On modes
 * that serve CiliumNetworkPolicy the same paths again by Cilium entity, which ipBlocks do not
 * match (cilium/cilium#20550).
 */
function declaredTraffic(cluster: ResolvedCluster, namespace: string, addons: readonly PolyClusterAddon[]): ManifestObject[] {
  const chart = new Chart(new App(), 'Addon', { disableResourceNameHashes: true });
  const policy = (id: string, name: string, props: Omit<kplus.NetworkPolicyProps, 'metadata'>): void => {
    dropEmptyPortLists(new kplus.NetworkPolicy(chart, id, { ...props, metadata: { name, namespace } }));
  };
  const cilium = cluster.cni.cell.clusterPolicies.kind === 'cilium' && cluster.cni.cell.clusterPolicies.namespaced;
  const cnp = (id: string, name: string, spec: CiliumPolicySpec): void => {
    new ApiObject(chart, id, { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace }, spec });
  };
  const ciliumPort = (port: number) => ({ ports: [{ port: String(port), protocol: 'TCP' as const }] });
  if (addons.some((a) => a.network?.apiServer === true)) {
    const a = new Construct(chart, 'ApiServerPeers');
    policy('ApiServer', ADDON_POLICY.apiServer, {
      selector: kplus.Pods.all(a, 'All'),
      egress: { rules: apiServerAddresses(cluster).map((d, i) => ({ peer: addresses(a, `To${i}`, d.cidr), ports: policyPorts(tcp(API_SERVER_PORT)) })) },
    });
    if (cilium) {
      cnp('ApiServerEntity', ADDON_POLICY.apiServerEntity, {
        description: 'polycluster: the add-on reaches the API server, by Cilium entity',
        endpointSelector: {},
        enableDefaultDeny: { ingress: false, egress: false },
        egress: [{ toEntities: ['kube-apiserver'], toPorts: [ciliumPort(API_SERVER_PORT)] }],
      });
    }
  }
  const webhooks = addons.flatMap((a) => a.network?.webhooks ?? []);
  for (const app of [...new Set(webhooks.map((w) => w.app))]) {
    const ports = [...new Set(webhooks.filter((w) => w.app === app).map((w) => w.port))];
    const w = new Construct(chart, `Webhook${app}Peers`);
    policy(`Webhook${app}`, ADDON_POLICY.webhook(app), {
      selector: podsOf(w, 'Selected', { app }),
      ingress: {
        rules: controlPlaneAddresses(cluster).flatMap((s, i) => ports.map((port) => ({ peer: addresses(w, `From${i}-${port}`, s.cidr), ports: policyPorts(tcp(port)) }))),
      },
    });
    if (cilium) {
      cnp(`Webhook${app}Entity`, ADDON_POLICY.webhookEntity(app), {
        description: "polycluster: the API server reaches the add-on's webhook, by Cilium entity",
        endpointSelector: { matchLabels: { 'app.kubernetes.io/name': app } },
        enableDefaultDeny: { ingress: false, egress: false },
        ingress: [{ fromEntities: ['kube-apiserver'], toPorts: ports.map(ciliumPort) }],
      });
    }
  }
  return chart.toJson() as ManifestObject[];
}

/**
 * Every Kubernetes object of a cluster: `clusterManifests` over the spec's namespaces and the
 * add-ons' (so cluster-wide policies and cross-namespace allowances see both), the add-ons'
 * declared traffic in their namespace files, their Namespace objects set apart for the platform
 * stack, and the organisation's `kubernetesLabels` on everything. Without add-ons and labels the
 * result is exactly `clusterManifests(cluster)`.
 */
export function polyclusterManifests(cluster: ResolvedCluster, addons: readonly PolyClusterAddon[] = []): PolyClusterManifests {
  const extra = addonNamespaces(cluster, addons);
  const view: ResolvedCluster = extra.length > 0 ? { ...cluster, namespaces: [...cluster.namespaces, ...extra] } : cluster;
  const labels = cluster.kubernetesLabels ?? {};
  const label = (object: ManifestObject): ManifestObject => (Object.keys(labels).length > 0 ? labelObject(object, labels) : object);
  const namespaceObjects: ManifestObject[] = [];
  const files = clusterManifests(view).map((file) => {
    const namespace = extra.find((ns) => namespaceFileName(ns.name) === file.fileName);
    let objects = file.objects;
    if (namespace) {
      namespaceObjects.push(...objects.filter((o) => o.kind === 'Namespace'));
      objects = [...objects.filter((o) => o.kind !== 'Namespace'), ...declaredTraffic(view, namespace.name, addons.filter((a) => a.namespace === namespace.name))];
    }
    return { fileName: file.fileName, objects: objects.map(label) };
  });
  return { files, addonNamespaces: namespaceObjects.map(label) };
}
