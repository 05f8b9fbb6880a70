import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';
import type { GkeNames } from './names';

/** Properties of `IngressAddress`. */
export interface IngressAddressProps {
  /** The resolved cluster: the only input. */
  readonly cluster: ResolvedCluster;
  /** Resource names derived from the cluster name. */
  readonly names: GkeNames;
  /** The Compute API must be on first. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The static global IPv4 address of the internet-facing shared Gateway
 * (`gke-l7-global-external-managed`), which the Gateway claims by name (`NamedAddress`). A
 * reserved address outlives the Gateway, so DNS records and partners' allowlists survive a
 * Gateway being recreated; an ephemeral one would change with it.
 */
export class IngressAddress extends Construct {
  /** The reserved global address. */
  readonly address: ComputeGlobalAddress;

  constructor(scope: Construct, id: string, props: IngressAddressProps) {
    super(scope, id);
    const { cluster, names } = props;
    this.address = new ComputeGlobalAddress(this, 'Address', {
      name: names.ingressAddress,
      description: `Internet-facing address of the shared Gateway of GKE cluster ${cluster.name}`,
      addressType: 'EXTERNAL',
      ipVersion: 'IPV4',
      dependsOn: props.dependsOn,
    });
  }
}
