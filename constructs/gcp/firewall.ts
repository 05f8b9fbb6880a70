import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';
import type { GkeNames } from './names';

/**
 * Ports the control plane must reach on nodes and pods for admission webhooks and aggregated API
 * servers, beyond what GKE opens itself. GKE's own firewall rule for private clusters already
 * allows the control-plane range to reach the nodes on 443 and 10250 (which is why cert-manager's
 * webhook listens on 10250); nothing else gets through unless a rule opens it.
 */
export const CONTROL_PLANE_WEBHOOK_PORTS: readonly { readonly port: number; readonly why: string }[] = [
  { port: 8443, why: 'the conventional port of webhooks and aggregated API servers that run without root (e.g. OPA Gatekeeper)' },
  { port: 9443, why: 'the controller-runtime default webhook port, used by most operators (e.g. Kyverno)' },
];

/** Properties of `ControlPlaneWebhooks`. */
export interface ControlPlaneWebhooksProps {
  /** The resolved cluster: the only input. */
  readonly cluster: ResolvedCluster;
  /** Resource names derived from the cluster name. */
  readonly names: GkeNames;
  /** The network's id or self link. */
  readonly network: string;
}

/**
 * Lets the private control plane call webhooks on the nodes (and their pods, whose alias IPs the
 * node tag covers) on the ports above. The source is the control plane's /28 only, so nothing
 * else in or outside the VPC gains access.
 */
export class ControlPlaneWebhooks extends Construct {
  /** The firewall rule from the control-plane range to the nodes. */
  readonly rule: ComputeFirewall;

  constructor(scope: Construct, id: string, props: ControlPlaneWebhooksProps) {
    super(scope, id);
    const { cluster, names } = props;
    const source = cluster.network.controlPlaneCidr;
    if (source === undefined) throw new Error(`polycluster: ${cluster.name} has no control-plane range`);
    this.rule = new ComputeFirewall(this, 'Rule', {
      name: names.webhookFirewall,
      description: `GKE control plane of ${cluster.name} to admission webhooks on ${CONTROL_PLANE_WEBHOOK_PORTS.map((p) => p.port).join(', ')}`,
      network: props.network,
      direction: 'INGRESS',
      priority: 1000,
      sourceRanges: [source],
      targetTags: [names.nodeTag],
      allow: [{ protocol: 'tcp', ports: CONTROL_PLANE_WEBHOOK_PORTS.map((p) => String(p.port)) }],
      // Few connections, so full logging is cheap and shows who called a webhook.
      logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
    });
  }
}
