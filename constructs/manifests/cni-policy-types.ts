/**
 * The parts of the Cilium (cilium.io/v2) and Calico (projectcalico.org/v3) policy kinds that
 * polycluster writes. Tests validate every object against the published CRD schemas.
 */

/** A Kubernetes label selector as Cilium reads it (keys may carry a source prefix, `k8s:`). */
export interface CiliumSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; readonly values?: readonly string[] }[];
}

export interface CiliumPortRule {
  readonly ports: readonly { readonly port: string; readonly protocol: 'TCP' | 'UDP' | 'ANY' }[];
  /** L7 DNS rules: sends the selected pods' DNS through Cilium's DNS proxy (FQDN policies need it). */
  readonly rules?: { readonly dns: readonly { readonly matchPattern?: string; readonly matchName?: string }[] };
}

/** The Cilium entities polycluster names: nodes, and the API server's endpoints. */
export type CiliumEntity = 'remote-node' | 'host' | 'kube-apiserver';

export interface CiliumEgressRule {
  readonly toEndpoints?: readonly CiliumSelector[];
  readonly toEntities?: readonly CiliumEntity[];
  readonly toCIDR?: readonly string[];
  readonly toFQDNs?: readonly ({ readonly matchName: string } | { readonly matchPattern: string })[];
  readonly toPorts?: readonly CiliumPortRule[];
}

export interface CiliumPolicySpec {
  readonly description: string;
  readonly endpointSelector: CiliumSelector;
  /** `false`: the policy adds rules without putting the selected pods into default deny. */
  readonly enableDefaultDeny?: { readonly ingress: boolean; readonly egress: boolean };
  readonly ingress?: readonly { readonly fromEntities: readonly CiliumEntity[]; readonly toPorts?: readonly CiliumPortRule[] }[];
  readonly egress?: readonly CiliumEgressRule[];
  readonly egressDeny?: readonly Pick<CiliumEgressRule, 'toCIDR'>[];
}

export interface CalicoEntityRule {
  readonly nets?: readonly string[];
  readonly selector?: string;
  readonly namespaceSelector?: string;
  readonly ports?: readonly number[];
}

export interface CalicoRule {
  readonly action: 'Allow' | 'Deny' | 'Pass';
  readonly protocol?: 'TCP' | 'UDP';
  readonly destination?: CalicoEntityRule;
}

export interface CalicoGlobalPolicySpec {
  /** Lower orders apply first; Calico gives Kubernetes NetworkPolicies order 1000. */
  readonly order: number;
  readonly namespaceSelector: string;
  readonly types: readonly ('Ingress' | 'Egress')[];
  readonly egress: readonly CalicoRule[];
}
