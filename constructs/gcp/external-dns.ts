import { DataGoogleDnsManagedZones } from '@cdktf/provider-google/lib/data-google-dns-managed-zones';
import { DnsManagedZoneIamMember } from '@cdktf/provider-google/lib/dns-managed-zone-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { EXTERNAL_DNS_RELEASE, type ExternalDnsProvider } from '../addons/ingress';
import { EXTERNAL_DNS_ZONE_VISIBILITY, type ResolvedCluster } from '../spec';
import { projectOf, type GkeNames } from './names';

/** Record changes inside one managed zone; granted on each zone, never on the project. */
export const EXTERNAL_DNS_ZONE_ROLE = 'roles/dns.admin';

/**
 * ExternalDNS's Google provider starts by listing the project's managed zones
 * (`managedZones.list`), a permission that exists only at project level, then filters them by
 * domain. `dns.reader` is the narrowest predefined role with it: it reads, never writes.
 */
export const EXTERNAL_DNS_PROJECT_ROLE = 'roles/dns.reader';

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
 * change records only in the spec's `ingress.externalDnsZones`, and that only the
 * `external-dns/external-dns` Kubernetes service account can act as (Workload Identity).
 *
 * The spec names zones by DNS name; IAM needs the managed zone's resource name, which Terraform
 * looks up among the project's zones with the exposure's visibility. A missing zone stops the
 * plan with a precondition naming it, before anything is created. Grants are
 * `ExternalDnsZone0`, `ExternalDnsZone1`, ... by position in the spec.
 */
export class ExternalDnsIdentity extends Construct {
  readonly serviceAccount: ServiceAccount;
  readonly zoneAccess: DnsManagedZoneIamMember[];

  constructor(scope: Construct, id: string, props: ExternalDnsIdentityProps) {
    super(scope, id);
    const { cluster, names } = props;
    const project = projectOf(cluster);
    const visibility = EXTERNAL_DNS_ZONE_VISIBILITY[cluster.ingress.exposure];

    this.serviceAccount = new ServiceAccount(this, 'ServiceAccount', {
      project,
      accountId: names.externalDnsServiceAccount,
      displayName: `ExternalDNS of ${cluster.name}`,
      description: `ExternalDNS of GKE cluster ${cluster.name}: records in ${cluster.ingress.externalDnsZones.join(', ')} only (polycluster)`,
      dependsOn: props.dependsOn,
    });

    const zones = new DataGoogleDnsManagedZones(this, 'Zones', { project });
    this.zoneAccess = cluster.ingress.externalDnsZones.map((zone, i) => {
      const matches = `[for z in ${zones.fqn}.managed_zones : z.name if z.dns_name == "${zone}." && z.visibility == "${visibility}"]`;
      return new DnsManagedZoneIamMember(this, `ExternalDnsZone${i}`, {
        project,
        managedZone: `\${one(${matches})}`,
        role: EXTERNAL_DNS_ZONE_ROLE,
        member: this.serviceAccount.member,
        lifecycle: {
          precondition: [
            {
              condition: `\${length(${matches}) == 1}`,
              errorMessage: `ingress.externalDnsZones: no ${visibility} Cloud DNS zone for ${zone} in project ${project}; create it first (ExternalDNS writes ${visibility} zones when exposure is ${cluster.ingress.exposure})`,
            },
          ],
        },
      });
    });

    new ProjectIamMember(this, 'ZoneLister', { project, role: EXTERNAL_DNS_PROJECT_ROLE, member: this.serviceAccount.member });

    new ServiceAccountIamMember(this, 'WorkloadIdentity', {
      serviceAccountId: this.serviceAccount.name,
      role: 'roles/iam.workloadIdentityUser',
      member: `serviceAccount:${project}.svc.id.goog[${EXTERNAL_DNS_RELEASE.namespace}/${EXTERNAL_DNS_RELEASE.serviceAccount}]`,
      dependsOn: [props.gke],
    });
  }

  /** The service account's e-mail, which the Kubernetes service account is annotated with. */
  get email(): string {
    return this.serviceAccount.email;
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
