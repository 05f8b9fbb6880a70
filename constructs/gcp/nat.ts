import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';
import type { GkeNames } from './names';

/** Properties of `CloudNat`. */
export interface CloudNatProps {
  /** The resolved cluster: the only input. */
  readonly cluster: ResolvedCluster;
  /** Resource names derived from the cluster name. */
  readonly names: GkeNames;
  /** The VPC network's id. */
  readonly network: string;
  /** The node subnet's id or self link. */
  readonly subnetwork: string;
}

/**
 * Internet egress of the private nodes: a Cloud Router with Cloud NAT on reserved static
 * addresses (`egress.staticIpCount`: one per zone, one, or none), so the egress IPs are known
 * and partners can allowlist them. `MANUAL_ONLY` keeps Google from adding addresses nobody
 * allowlisted. Addresses are `Address0`, `Address1`, ... by position: lowering the count
 * releases the last ones.
 */
export class CloudNat extends Construct {
  /** The Cloud Router that carries the NAT. */
  readonly router: ComputeRouter;
  /** The Cloud NAT on the node subnet, with manually allocated addresses. */
  readonly nat: ComputeRouterNat;
  /** The static egress addresses, in position order. */
  readonly addresses: ComputeAddress[] = [];

  constructor(scope: Construct, id: string, props: CloudNatProps) {
    super(scope, id);
    const { cluster, names } = props;
    for (let i = 0; i < cluster.egress.staticIpCount; i++) {
      this.addresses.push(
        new ComputeAddress(this, `Address${i}`, {
          name: names.natAddress(i),
          description: `Cloud NAT egress address ${i} of GKE cluster ${cluster.name}`,
          region: cluster.region,
          addressType: 'EXTERNAL',
          networkTier: 'PREMIUM',
        }),
      );
    }
    this.router = new ComputeRouter(this, 'Router', {
      name: names.router,
      description: `Cloud NAT router of GKE cluster ${cluster.name}`,
      network: props.network,
      region: cluster.region,
    });
    this.nat = new ComputeRouterNat(this, 'Nat', {
      name: names.nat,
      router: this.router.name,
      region: cluster.region,
      natIpAllocateOption: 'MANUAL_ONLY',
      natIps: this.addresses.map((a) => a.selfLink),
      // Only the node subnet, all its ranges: pod traffic that is not masqueraded to the node address egresses too.
      sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
      subnetwork: [{ name: props.subnetwork, sourceIpRangesToNat: ['ALL_IP_RANGES'] }],
      // Ports grow with a node's connections instead of a fixed share per VM.
      enableDynamicPortAllocation: true,
      enableEndpointIndependentMapping: false,
      minPortsPerVm: 64,
      maxPortsPerVm: 4096,
      logConfig: { enable: true, filter: 'ERRORS_ONLY' },
    });
  }
}
