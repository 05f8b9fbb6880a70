import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import type { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';
import type { Account } from './account';

/**
 * Cluster-admin access entries for the admins and the deployer (DESIGN.md "Deploy access"), each
 * with the EKS cluster admin access policy scoped to the whole cluster. Ids are positions in the
 * deduplicated principal list so that adding an admin at the end changes nothing else.
 */
export class AdminAccessEntries extends Construct {
  readonly principals: readonly string[];

  constructor(scope: Construct, id: string, cluster: ResolvedCluster, eks: EksCluster, account: Account) {
    super(scope, id);
    const principals = [...cluster.access.admins];
    const deployer = cluster.access.deployer.principal;
    if (deployer !== undefined && !principals.includes(deployer)) principals.push(deployer);
    this.principals = principals;
    const policyArn = `arn:${account.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`;
    principals.forEach((principalArn, i) => {
      const entry = new EksAccessEntry(this, `Entry${i}`, { clusterName: eks.name, principalArn, type: 'STANDARD' });
      new EksAccessPolicyAssociation(this, `ClusterAdmin${i}`, {
        clusterName: eks.name,
        principalArn: entry.principalArn,
        policyArn,
        accessScope: { type: 'cluster' },
      });
    });
  }
}
