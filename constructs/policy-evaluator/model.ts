// Type-only import: kubernetes-models is ESM and this project is CommonJS, so it must never be
// loaded at runtime from here; its "types" export condition resolves in either mode.
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';

/**
 * The inputs and outputs of the NetworkPolicy evaluator: who talks to whom, what policies exist,
 * and what networking.k8s.io/v1 semantics say about it.
 */

/** The transport protocols a NetworkPolicyPort can name. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** A pod, which NetworkPolicies can select and isolate. */
export interface PodEndpoint {
  /** Discriminator. */
  readonly kind: 'pod';
  /** The namespace the pod runs in. */
  readonly namespace: string;
  /** The pod's labels, matched by podSelectors. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * The pod IP, matched by ipBlock peers.
   * @default - none: the pod never matches an ipBlock
   */
  readonly ip?: string;
  /**
   * Container port names -> numbers, for named ports.
   * @default - none: named ports never resolve on this pod
   */
  readonly namedPorts?: Readonly<Record<string, number>>;
  /** A short label for tables, e.g. "payments/checkout". */
  readonly name: string;
}

/** Anything outside the pod network (a VPC host, the internet): only ipBlock peers match it. */
export interface AddressEndpoint {
  /** Discriminator. */
  readonly kind: 'address';
  /** The IPv4 address, matched by ipBlock peers. */
  readonly ip: string;
  /** A short label for tables, e.g. "internet" or "rds". */
  readonly name: string;
}

/** One side of a connection. */
export type Endpoint = PodEndpoint | AddressEndpoint;

/** A connection attempt from one endpoint to a port on another. */
export interface Connection {
  /** The client, checked against its own egress policies. */
  readonly from: Endpoint;
  /** The server, checked against its own ingress policies. */
  readonly to: Endpoint;
  /** The destination port number. */
  readonly port: number;
  /** The transport protocol. */
  readonly protocol: Protocol;
}

/** Everything the evaluator knows about the cluster. */
export interface PolicyWorld {
  /** Namespace name -> its labels; kubernetes.io/metadata.name=<name> is implied for every namespace. */
  readonly namespaces: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Every NetworkPolicy in the cluster, in any namespace. */
  readonly policies: readonly INetworkPolicy[];
}

/** What one direction (egress of `from`, ingress of `to`) says about a connection. */
export interface DirectionVerdict {
  /** False when the endpoint on this side is not a pod (addresses are not policed here). */
  readonly applies: boolean;
  /** Some policy selects the pod for this direction (so only listed traffic is allowed). */
  readonly isolated: boolean;
  /** Whether this direction lets the connection through. */
  readonly allowed: boolean;
  /** "<namespace>/<name>" of every policy whose rule admits the connection, sorted. */
  readonly allowedBy: readonly string[];
}

/** The outcome of evaluating one connection. */
export interface Verdict {
  /** Both directions allow the connection. */
  readonly allowed: boolean;
  /** The verdict of the client's egress policies. */
  readonly egress: DirectionVerdict;
  /** The verdict of the server's ingress policies. */
  readonly ingress: DirectionVerdict;
  /** One line a human can read: why allowed or denied, naming the policies. */
  readonly reason: string;
}

/** A Kubernetes label selector, as NetworkPolicies spell it. */
export type LabelSelector = NonNullable<NonNullable<INetworkPolicy['spec']>['podSelector']>;
