import type { ResolvedCluster } from '../spec';
import { nthAddress, prefixOf } from '../spec/cidr';
import type { Connection } from './model';

/**
 * The reachability questions worth asking of a cluster's policies, each with the answer the
 * spec implies. `npm run explain-policies` and the tests put them to the evaluator; a probe whose
 * verdict differs from `expected` is a defect in the generated policies.
 */
export interface Probe {
  /** The connection to judge: source, destination, port and protocol. */
  readonly connection: Connection;
  /** Whether the spec means the connection to be allowed. */
  readonly expected: boolean;
}

/** Documentation addresses (RFC 5737) stand in for the internet. */
export const INTERNET_ADDRESSES = ['192.0.2.10', '198.51.100.10', '203.0.113.10'];

/** An address inside a range (the tenth, or the only one of a /32). */
export function sampleAddress(cidr: string): string {
  return nthAddress(cidr, prefixOf(cidr) >= 28 ? 0 : 10);
}

/**
 * A pod's address: where the CNI mode gives pods their addresses (the pod range, or the node
 * subnets in VPC-IP modes), so that address rules meant for load balancers are tested against pods too.
 */
export function podAddress(cluster: ResolvedCluster): string {
  const { network } = cluster;
  return sampleAddress(network.podCidr ?? network.subnets.private[0] ?? network.subnets.nodes!);
}
