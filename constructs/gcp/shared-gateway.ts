import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { Construct } from 'constructs';
import { EXPOSED_NAMESPACE_LABEL, SHARED_GATEWAY } from '../spec';

export { SHARED_GATEWAY };

/**
 * The shared Gateway object: one HTTP listener on port 80 that only routes from namespaces
 * labelled exposed (`namespaces[].exposed`) may attach to, so a team cannot publish a namespace
 * the spec did not open. `addressName` claims a reserved address by name (GKE `NamedAddress`);
 * without it GKE picks one (internal classes take an ephemeral address from the node subnet).
 */
export function sharedGatewayManifest(gatewayClass: string, addressName?: string): Record<string, unknown> {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: SHARED_GATEWAY.name, namespace: SHARED_GATEWAY.namespace },
    spec: {
      gatewayClassName: gatewayClass,
      listeners: [
        {
          name: SHARED_GATEWAY.listener,
          protocol: 'HTTP',
          port: 80,
          allowedRoutes: {
            namespaces: { from: 'Selector', selector: { matchLabels: { [EXPOSED_NAMESPACE_LABEL]: 'true' } } },
          },
        },
      ],
      ...(addressName !== undefined ? { addresses: [{ type: 'NamedAddress', value: addressName }] } : {}),
    },
  };
}

/** Properties of `SharedGateway`. */
export interface SharedGatewayProps {
  /** The GKE GatewayClass of the Gateway (`cluster.ingress.classes.gatewayClass`). */
  readonly gatewayClass: string;
  /** The name of the reserved address to claim (internet-facing only). */
  readonly addressName?: string;
}

/**
 * GKE's shared Gateway in the platform stack: its namespace and the Gateway, which GKE's
 * Gateway controller turns into a managed load balancer. The Gateway API CRDs come with the
 * cluster (`gateway_api_config`), so `kubernetes_manifest` can plan the object here.
 */
export class SharedGateway extends Construct {
  /** The namespace that holds the Gateway. */
  readonly namespace: NamespaceV1;
  /** The Gateway object. */
  readonly gateway: Manifest;

  constructor(scope: Construct, id: string, props: SharedGatewayProps) {
    super(scope, id);
    this.namespace = new NamespaceV1(this, 'Namespace', {
      metadata: {
        name: SHARED_GATEWAY.namespace,
        // Nothing runs here (the Gateway is served by Google's load balancer), so the strictest profile costs nothing.
        labels: { 'pod-security.kubernetes.io/enforce': 'restricted' },
      },
    });
    this.gateway = new Manifest(this, 'Gateway', {
      manifest: sharedGatewayManifest(props.gatewayClass, props.addressName),
      dependsOn: [this.namespace],
    });
  }
}
