import type { ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';
import { EXTERNAL_DNS_RELEASE, type ExternalDnsProvider } from '../addons/ingress';
import { EXTERNAL_DNS_ZONE_VISIBILITY, type ResolvedCluster } from '../spec';
import { DNS_ZONE_LISTER_ROLE, DNS_ZONE_ROLE, DnsZoneIdentity } from './dns-zone-identity';
import { projectOf, type GkeNames } from './names';

/** Record changes inside one managed zone; granted on each zone, never on the project. */
export const EXTERNAL_DNS_ZONE_ROLE = DNS_ZONE_ROLE;

/**
 * ExternalDNS's Google provider starts by listing the project's managed zones, then filters them
 * by domain, so it needs the project-level zone lister role (read-only).
 */
export const EXTERNAL_DNS_PROJECT_ROLE = DNS_ZONE_LISTER_ROLE;

/** Properties of `ExternalDnsIdentity`. */
export interface ExternalDnsIdentityProps {
  /** The resolved cluster: the only input. */
  readonly cluster: ResolvedCluster;
  /** Resource names derived from the cluster name. */
  readonly names: GkeNames;
  /** The IAM API must be on first. */
  readonly dependsOn: ITerraformDependable[];
  /**
   * The GKE cluster: the Workload Identity pool exists only once a cluster with Workload
   * Identity does, and binding a member of a missing pool fails.
   */
  readonly gke: ITerraformDependable;
}

/**
 * ExternalDNS's Google identity in the cluster stack: a dedicated service account that may
 * change records only in the spec's `ingress.externalDnsZones` (looked up with the exposure's
 * visibility), may list the project's zones, and that only the `external-dns/external-dns`
 * Kubernetes service account can act as (Workload Identity). Grants are `ExternalDnsZone0`,
 * `ExternalDnsZone1`, ... by position in the spec.
 */
export class ExternalDnsIdentity extends DnsZoneIdentity {
  constructor(scope: Construct, id: string, props: ExternalDnsIdentityProps) {
    const { cluster, names } = props;
    const project = projectOf(cluster);
    const visibility = EXTERNAL_DNS_ZONE_VISIBILITY[cluster.ingress.exposure];
    super(scope, id, {
      project,
      accountId: names.externalDnsServiceAccount,
      displayName: `ExternalDNS of ${cluster.name}`,
      description: `ExternalDNS of GKE cluster ${cluster.name}: records in ${cluster.ingress.externalDnsZones.join(', ')} only (polycluster)`,
      zones: cluster.ingress.externalDnsZones,
      visibility,
      grantIdPrefix: 'ExternalDnsZone',
      kubernetes: { namespace: EXTERNAL_DNS_RELEASE.namespace, serviceAccount: EXTERNAL_DNS_RELEASE.serviceAccount },
      listsZones: true,
      missingZoneMessage: (zone) =>
        `ingress.externalDnsZones: no ${visibility} Cloud DNS zone for ${zone} in project ${project}; create it first (ExternalDNS writes ${visibility} zones when exposure is ${cluster.ingress.exposure})`,
      dependsOn: props.dependsOn,
      gke: props.gke,
    });
  }
}

/** The Google side of the ExternalDNS chart, acting as the service account `email`. */
export function gkeExternalDnsProvider(cluster: ResolvedCluster, email: string): ExternalDnsProvider {
  return {
    name: 'google',
    args: { 'google-project': projectOf(cluster), 'google-zone-visibility': EXTERNAL_DNS_ZONE_VISIBILITY[cluster.ingress.exposure] },
    serviceAccountAnnotations: { 'iam.gke.io/gcp-service-account': email },
  };
}
