import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';
import { projectOf, type GkeNames } from './names';

/**
 * What a node needs and nothing more (Google's least-privilege node service account): write
 * logs and metrics, read monitoring and resource metadata for the agents, pull images from
 * Artifact Registry. By construct id, which is the Terraform address: keep the ids.
 */
export const NODE_ROLES = {
  LogWriter: 'roles/logging.logWriter',
  MetricWriter: 'roles/monitoring.metricWriter',
  MonitoringViewer: 'roles/monitoring.viewer',
  ResourceMetadataWriter: 'roles/stackdriver.resourceMetadata.writer',
  ArtifactRegistryReader: 'roles/artifactregistry.reader',
} as const;

/** Properties of `NodeIdentity`. */
export interface NodeIdentityProps {
  /** The resolved cluster: the only input. */
  readonly cluster: ResolvedCluster;
  /** Resource names derived from the cluster name. */
  readonly names: GkeNames;
  /** The IAM API must be on first. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The dedicated service account of the cluster's nodes, instead of the Compute Engine default
 * account (which usually holds Editor on the project). Workloads never use it: Workload Identity
 * and the GKE metadata server give pods their own identities.
 */
export class NodeIdentity extends Construct {
  /** The node service account. */
  readonly serviceAccount: ServiceAccount;
  /** Its project roles, one grant per entry of `NODE_ROLES`. */
  readonly roles: ProjectIamMember[];

  constructor(scope: Construct, id: string, props: NodeIdentityProps) {
    super(scope, id);
    const { cluster, names } = props;
    const project = projectOf(cluster);
    this.serviceAccount = new ServiceAccount(this, 'ServiceAccount', {
      project,
      accountId: names.nodeServiceAccount,
      displayName: `GKE nodes of ${cluster.name}`,
      description: `Least-privilege node service account of GKE cluster ${cluster.name} (polycluster)`,
      dependsOn: props.dependsOn,
    });
    this.roles = Object.entries(NODE_ROLES).map(
      ([roleId, role]) => new ProjectIamMember(this, roleId, { project, role, member: this.serviceAccount.member }),
    );
  }

  /** The service account's e-mail, which node pools run as. */
  get email(): string {
    return this.serviceAccount.email;
  }
}
