/**
 * Where admission webhooks listen. When the control plane cannot reach pod IPs (overlay CNIs on
 * EKS: the managed control plane sits outside the overlay), a webhook must run on the node's own
 * network, and every webhook on the same node then needs its own port.
 */

/** The add-ons polycluster installs that serve admission webhooks. */
export type WebhookAddon = 'cert-manager' | 'aws-load-balancer-controller';

/**
 * Node ports taken by the kubelet, kube-proxy and the CNIs polycluster installs: no webhook may
 * listen on these when it runs on the host network.
 */
export const RESERVED_HOST_PORTS: Readonly<Record<number, string>> = {
  4240: 'Cilium health',
  4244: 'Hubble server',
  5443: 'Calico API server (the Tigera operator puts it on the host network on EKS)',
  5473: 'Calico Typha',
  9099: 'Calico Felix health',
  9234: 'Cilium operator health',
  9878: 'Cilium Envoy health',
  9879: 'Cilium agent health',
  9890: 'Cilium agent gops',
  9891: 'Cilium operator gops',
  10248: 'kubelet health',
  10249: 'kube-proxy metrics',
  10250: 'kubelet API',
  10256: 'kube-proxy health',
  61678: 'VPC CNI introspection',
  61679: 'VPC CNI metrics',
};

/**
 * The host port of each webhook, used only when webhooks run on the host network. cert-manager's
 * is the one its documentation gives for EKS with a custom CNI.
 */
export const WEBHOOK_HOST_PORTS: Readonly<Record<WebhookAddon, number>> = {
  'cert-manager': 10260,
  'aws-load-balancer-controller': 10261,
};

/** How the cluster's webhooks listen; add-ons with webhooks read this rather than the CNI. */
export interface ResolvedWebhooks {
  /** Webhooks run with `hostNetwork: true` on their `hostPorts` (the control plane cannot reach pods). */
  readonly hostNetwork: boolean;
  /** The host port of each add-on's webhook, clear of the ports the kubelet and the CNI take. */
  readonly hostPorts: Readonly<Record<WebhookAddon, number>>;
}

/** The webhook placement for a CNI cell. */
export function resolveWebhooks(controlPlaneReachesPods: boolean): ResolvedWebhooks {
  return { hostNetwork: !controlPlaneReachesPods, hostPorts: WEBHOOK_HOST_PORTS };
}
