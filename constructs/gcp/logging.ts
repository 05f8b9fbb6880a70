import { LoggingProjectBucketConfig } from '@cdktf/provider-google/lib/logging-project-bucket-config';
import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';
import { projectOf, type GkeNames } from './names';

/** Properties of `ClusterLogs`. */
export interface ClusterLogsProps {
  /** The resolved cluster: the only input. */
  readonly cluster: ResolvedCluster;
  /** Resource names derived from the cluster name. */
  readonly names: GkeNames;
  /** The Logging API must be on first. */
  readonly dependsOn: ITerraformDependable[];
}

/** The Cloud Logging filter of everything the cluster and its network log. */
export function clusterLogFilter(cluster: string, names: GkeNames): string {
  return [
    // Control plane, nodes, pods and containers: every GKE resource type has cluster_name.
    `resource.labels.cluster_name="${cluster}"`,
    // VPC flow logs and firewall rule logs of the node subnet.
    `(resource.type="gce_subnetwork" AND resource.labels.subnetwork_name="${names.subnetwork}")`,
    `(resource.type="nat_gateway" AND resource.labels.gateway_name="${names.nat}")`,
  ].join(' OR ');
}

/**
 * Keeps the cluster's control-plane, workload, flow and NAT logs for `security.logRetentionDays`:
 * a regional log bucket with that retention and a sink routing the cluster's entries to it. The
 * project's `_Default` bucket keeps its own copy for its own retention (30 days unless changed);
 * that bucket is the project's, not the cluster's, so it is left alone. A sink into a bucket of
 * its own project needs no IAM grant.
 */
export class ClusterLogs extends Construct {
  /** The regional log bucket with the cluster's retention. */
  readonly bucket: LoggingProjectBucketConfig;
  /** The sink that routes the cluster's entries to the bucket. */
  readonly sink: LoggingProjectSink;

  constructor(scope: Construct, id: string, props: ClusterLogsProps) {
    super(scope, id);
    const { cluster, names } = props;
    const project = projectOf(cluster);
    this.bucket = new LoggingProjectBucketConfig(this, 'Bucket', {
      project,
      location: cluster.region,
      bucketId: names.logBucket,
      description: `Logs of GKE cluster ${cluster.name}, kept ${cluster.security.logRetentionDays} days`,
      retentionDays: cluster.security.logRetentionDays,
      dependsOn: props.dependsOn,
    });
    this.sink = new LoggingProjectSink(this, 'Sink', {
      project,
      name: names.logSink,
      description: `Routes the logs of GKE cluster ${cluster.name} and its network to ${names.logBucket}`,
      destination: `logging.googleapis.com/${this.bucket.id}`,
      filter: clusterLogFilter(cluster.name, names),
      uniqueWriterIdentity: true,
    });
  }
}
