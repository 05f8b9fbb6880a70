import { TerraformOutput, type TerraformStack } from 'cdktf';
import type { IngressAddress } from './ingress-address';
import type { CloudNat } from './nat';
import type { ClusterNetwork } from './network';
import type { GkeCluster } from './gke-cluster';
import type { NodeIdentity } from './identities';
import type { SecretsKey } from './kms';

/** What the cluster stack's outputs are read from. */
export interface ClusterOutputsProps {
  /** The GKE cluster. */
  readonly gke: GkeCluster;
  /** The cluster's network. */
  readonly network: ClusterNetwork;
  /** Undefined when `egress.nat` is `none`. */
  readonly nat?: CloudNat;
  /** The internet-facing shared Gateway's reserved address; undefined otherwise. */
  readonly ingressAddress?: IngressAddress;
  /** The node service account. */
  readonly nodeIdentity: NodeIdentity;
  /** The Secrets encryption key. */
  readonly secretsKey: SecretsKey;
}

/**
 * What the cluster stack reports after a deploy: how to reach the cluster, the Workload Identity
 * pool for add-on identities, the egress IPs partners allowlist (`egress_ips`, the same name on
 * every cloud), the shared Gateway's public address when it has one, and the network for
 * peering or further subnets. Output names are the stack's interface: renaming one breaks its readers.
 * The google provider marks none of these values sensitive (the endpoint is an address, the CA
 * a public certificate), so neither do the outputs.
 */
export function clusterOutputs(stack: TerraformStack, props: ClusterOutputsProps): void {
  const { gke, network } = props;
  const out = (name: string, description: string, value: unknown): void => {
    new TerraformOutput(stack, name, { description, value });
  };
  out('cluster_id', 'GKE cluster id (projects/<project>/locations/<region>/clusters/<name>)', gke.cluster.id);
  out('cluster_name', 'GKE cluster name', gke.cluster.name);
  out('cluster_endpoint', 'API server address (private when the deployer runs from the network)', gke.endpoint);
  out('cluster_ca_certificate', 'Cluster CA, base64-encoded PEM', gke.caCertificate);
  out('workload_identity_pool', 'Workload Identity pool of the cluster', gke.workloadIdentityPool);
  out('egress_ips', 'Static egress addresses of Cloud NAT, for partners to allowlist (empty when egress.nat is none)', (props.nat?.addresses ?? []).map((a) => a.address));
  if (props.ingressAddress) out('ingress_ip', 'Reserved public address of the internet-facing shared Gateway, for DNS records', props.ingressAddress.address.address);
  out('network_id', 'VPC network id', network.network.id);
  out('network_name', 'VPC network name', network.network.name);
  out('network_self_link', 'VPC network self link', network.network.selfLink);
  out('subnetwork_id', 'Node subnetwork id', network.subnetwork.id);
  out('subnetwork_name', 'Node subnetwork name', network.subnetwork.name);
  out('subnetwork_self_link', 'Node subnetwork self link', network.subnetwork.selfLink);
  out('node_service_account', 'E-mail of the dedicated node service account', props.nodeIdentity.email);
  out('secrets_kms_key_id', 'Cloud KMS key that encrypts Kubernetes Secrets', props.secretsKey.key.id);
}
