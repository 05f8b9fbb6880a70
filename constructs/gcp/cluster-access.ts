import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';
import { pascalCase, shortHash } from '../naming';
import { projectOf } from './names';

/**
 * Full access to the cluster's Kubernetes API (cluster-admin through GKE IAM). GKE IAM roles
 * are granted on the project: they cover every cluster of the project, so keep clusters with
 * different administrators in different projects.
 */
export const CLUSTER_ADMIN_ROLE = 'roles/container.admin';

/**
 * A construct id derived from the member, so reordering the admin list never moves a grant; the
 * hash keeps members apart that differ only in punctuation (`a.b@` and `a-b@`).
 */
function memberId(member: string): string {
  return `Admin${pascalCase(member)}${shortHash(member).slice(0, 6).toUpperCase()}`;
}

/**
 * IAM grants for `access.admins` and `access.deployer.principal`: the deployer installs charts
 * and policies through the Kubernetes API in the later stacks, so it needs the same access.
 */
export class ClusterAccess extends Construct {
  /** The Kubernetes Engine cluster admin role for each of `access.clusterAdmins`. */
  readonly grants: ProjectIamMember[];

  constructor(scope: Construct, id: string, cluster: ResolvedCluster) {
    super(scope, id);
    const project = projectOf(cluster);
    this.grants = cluster.access.clusterAdmins.map(
      (member) => new ProjectIamMember(this, memberId(member), { project, role: CLUSTER_ADMIN_ROLE, member }),
    );
  }
}
