import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import type { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { Construct } from 'constructs';
import { shortHash } from '../naming';
import type { ResolvedCluster } from '../spec';
import type { Account } from './account';

/**
 * Cluster-admin access entries for the admins and the deployer (DESIGN.md "Deploy access"), each
 * with the EKS cluster admin access policy scoped to the whole cluster. Ids derive from the
 * principal, so adding, removing or reordering admins touches no other entry.
 */
export class AdminAccessEntries extends Construct {
  constructor(scope: Construct, id: string, cluster: ResolvedCluster, eks: EksCluster, account: Account) {
    super(scope, id);
    const policyArn = `arn:${account.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`;
    for (const principalArn of cluster.access.clusterAdmins) {
      const key = shortHash(principalArn);
      const entry = new EksAccessEntry(this, `Entry-${key}`, { clusterName: eks.name, principalArn, type: 'STANDARD' });
      new EksAccessPolicyAssociation(this, `ClusterAdmin-${key}`, {
        clusterName: eks.name,
        principalArn: entry.principalArn,
        policyArn,
        accessScope: { type: 'cluster' },
      });
    }
  }
}
