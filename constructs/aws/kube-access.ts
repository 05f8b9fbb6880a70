import type { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EXEC_API_VERSION, type KubeConnection } from '../kube-providers';
import type { ResolvedCluster } from '../spec';

/**
 * EKS login for the helm and kubernetes providers: endpoint and CA through remote state, and a
 * token minted by `aws eks get-token` at each plan or apply with the deployer's own credentials,
 * so no token is ever stored in state. The deployer needs the AWS CLI v2 on its path.
 */
export function eksConnection(cluster: ResolvedCluster, eks: EksCluster): KubeConnection {
  return {
    host: eks.endpoint,
    clusterCaCertificateBase64: eks.certificateAuthority.get(0).data,
    exec: {
      apiVersion: EXEC_API_VERSION,
      command: 'aws',
      args: ['eks', 'get-token', '--cluster-name', cluster.name, '--region', cluster.region, '--output', 'json'],
    },
  };
}
