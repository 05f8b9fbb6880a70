import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';
import type { GkeNames } from './names';

/** Properties of `ProxyOnlySubnet`. */
export interface ProxyOnlySubnetProps {
  /** The resolved cluster: the only input. */
  readonly cluster: ResolvedCluster;
  /** Resource names derived from the cluster name. */
  readonly names: GkeNames;
  /** The VPC network's id. */
  readonly network: string;
}

/**
 * The proxy-only subnet that regional GatewayClasses (`gke-l7-rilb`,
 * `gke-l7-regional-external-managed`) need: Google's managed Envoy proxies take their addresses
 * from it, in the cluster's region and network, and connect from them to the backends (NEG
 * endpoints, i.e. pod IPs). Only one `REGIONAL_MANAGED_PROXY` subnet can be `ACTIVE` per region
 * and network, which is why it is created here, with the cluster's own VPC.
 *
 * No firewall rule is added for it: GKE's Gateway controller creates and maintains
 * `gkegw1-l7-<network>-<region>`, which admits the health-check ranges and, for regional
 * classes, the range of the network's ACTIVE proxy-only subnet to the node tag on the
 * Services' container target ports (GKE docs, "Automatically created firewall rules"). A rule
 * of ours would open every port to the proxies instead of only the ones routes use.
 */
export class ProxyOnlySubnet extends Construct {
  /** The `REGIONAL_MANAGED_PROXY` subnet. */
  readonly subnetwork: ComputeSubnetwork;

  constructor(scope: Construct, id: string, props: ProxyOnlySubnetProps) {
    super(scope, id);
    const { cluster, names } = props;
    const range = cluster.network.subnets.proxyOnly;
    if (range === undefined) throw new Error(`polycluster: ${cluster.name} uses a regional GatewayClass but its plan has no proxy-only subnet`);
    this.subnetwork = new ComputeSubnetwork(this, 'Subnet', {
      name: names.proxyOnlySubnetwork,
      description: `Proxy-only subnet of the regional Gateways of GKE cluster ${cluster.name}`,
      network: props.network,
      region: cluster.region,
      ipCidrRange: range,
      purpose: 'REGIONAL_MANAGED_PROXY',
      role: 'ACTIVE',
      // No flow logs or Private Google Access: the API refuses both on proxy-only subnets, which hold no VMs.
    });
  }
}
