import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';
import type { GkeNames } from './names';

/**
 * Flow log settings of the node subnet, as CIS GCP Foundations asks: every flow, 5-second
 * aggregation, all metadata. How long they are kept is the log bucket's retention
 * (`security.logRetentionDays`, see ClusterLogs), not a sampling cut here.
 */
export const FLOW_LOGS = {
  aggregationInterval: 'INTERVAL_5_SEC',
  flowSampling: 1,
  metadata: 'INCLUDE_ALL_METADATA',
} as const;

/** Properties of `ClusterNetwork`. */
export interface ClusterNetworkProps {
  /** The resolved cluster: the only input. */
  readonly cluster: ResolvedCluster;
  /** Resource names derived from the cluster name. */
  readonly names: GkeNames;
  /** The Compute API must be on before the network is created. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The cluster's custom-mode VPC and its regional node subnet at the planned address, with the
 * named secondary ranges GKE takes pod and Service addresses from (VPC-native), Private Google
 * Access (nodes have no public address) and flow logs. Renaming the construct ids or the
 * resource names replaces the network, and with it the cluster.
 */
export class ClusterNetwork extends Construct {
  /** The custom-mode VPC network. */
  readonly network: ComputeNetwork;
  /** The regional node subnet with its secondary ranges. */
  readonly subnetwork: ComputeSubnetwork;
  /** Name of the secondary range for pod addresses. */
  readonly podRangeName: string;
  /** Name of the secondary range for Service addresses. */
  readonly serviceRangeName: string;

  constructor(scope: Construct, id: string, props: ClusterNetworkProps) {
    super(scope, id);
    const { cluster, names } = props;
    const { network } = cluster;
    if (network.subnets.nodes === undefined || network.podCidr === undefined) {
      // The GCP subnet plan always has a node subnet and every GKE CNI cell has a pod range.
      throw new Error(`polycluster: ${cluster.name} has no node subnet or pod range in its GCP plan`);
    }
    this.podRangeName = names.podRange;
    this.serviceRangeName = names.serviceRange;

    this.network = new ComputeNetwork(this, 'Vpc', {
      name: names.network,
      description: `polycluster network of GKE cluster ${cluster.name}`,
      // Custom mode: no auto subnets in every region, only the planned one.
      autoCreateSubnetworks: false,
      routingMode: 'REGIONAL',
      dependsOn: props.dependsOn,
    });

    this.subnetwork = new ComputeSubnetwork(this, 'Nodes', {
      name: names.subnetwork,
      description: `Nodes of GKE cluster ${cluster.name}; secondary ranges for its pods and Services`,
      network: this.network.id,
      region: cluster.region,
      ipCidrRange: network.subnets.nodes,
      secondaryIpRange: [
        { rangeName: names.podRange, ipCidrRange: network.podCidr },
        { rangeName: names.serviceRange, ipCidrRange: network.serviceCidr },
      ],
      stackType: 'IPV4_ONLY',
      // Private nodes reach Google APIs (images, logging, KMS) without a public address.
      privateIpGoogleAccess: true,
      logConfig: { ...FLOW_LOGS },
    });
  }
}
