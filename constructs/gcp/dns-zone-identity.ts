import { DataGoogleDnsManagedZones } from '@cdktf/provider-google/lib/data-google-dns-managed-zones';
import { DnsManagedZoneIamMember } from '@cdktf/provider-google/lib/dns-managed-zone-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** Record changes inside one managed zone; granted on each zone, never on the project. */
export const DNS_ZONE_ROLE = 'roles/dns.admin';

/**
 * Listing managed zones (`managedZones.list`) is a permission that exists only at project level;
 * `dns.reader` is the narrowest predefined role with it: it reads, never writes.
 */
export const DNS_ZONE_LISTER_ROLE = 'roles/dns.reader';

/** A Cloud DNS zone visibility. */
export type DnsZoneVisibility = 'private' | 'public';

/** Properties of `DnsZoneIdentity`. */
export interface DnsZoneIdentityProps {
  /** The project of the account, the zones and the Workload Identity pool. */
  readonly project: string;
  /** The service account id (at most 30 characters). */
  readonly accountId: string;
  /** The service account's display name. */
  readonly displayName: string;
  /** The service account's description. */
  readonly description: string;
  /** The zones the account may write to, by DNS name (without the trailing dot). */
  readonly zones: readonly string[];
  /** The visibility of the managed zones to look up: two zones may share a DNS name (split horizon). */
  readonly visibility: DnsZoneVisibility;
  /** The zone grants' construct ids are this prefix and the zone's position in `zones`. */
  readonly grantIdPrefix: string;
  /** The only Kubernetes service account that may act as the account. */
  readonly kubernetes: {
    /** The service account's namespace. */
    readonly namespace: string;
    /** The service account's name. */
    readonly serviceAccount: string;
  };
  /** Grant the project-level zone lister role, for workloads that find zones by listing them. */
  readonly listsZones: boolean;
  /** The precondition's message when `zone` has no managed zone of the visibility in the project. */
  readonly missingZoneMessage: (zone: string) => string;
  /** The IAM API must be on first. */
  readonly dependsOn: ITerraformDependable[];
  /**
   * The GKE cluster: the Workload Identity pool exists only once a cluster with Workload
   * Identity does, and binding a member of a missing pool fails.
   */
  readonly gke: ITerraformDependable;
}

/**
 * A Google identity that may change records only in the given Cloud DNS zones, and that only one
 * Kubernetes service account can act as (Workload Identity). ExternalDNS and cert-manager (DNS01)
 * each have one.
 *
 * Zones are named by DNS name; IAM needs the managed zone's resource name, which Terraform looks
 * up among the project's zones of the given visibility. A missing zone stops the plan with a
 * precondition naming it, before anything is created. Construct ids are Terraform addresses:
 * `ServiceAccount`, `Zones`, the grants `<grantIdPrefix>0`, `<grantIdPrefix>1`, ... by position,
 * `ZoneLister` and `WorkloadIdentity`.
 */
export class DnsZoneIdentity extends Construct {
  /** The Google service account. */
  readonly serviceAccount: ServiceAccount;
  /** The account's DNS admin grant on each zone, in the order of `zones`. */
  readonly zoneAccess: DnsManagedZoneIamMember[];
  /**
   * Each zone's managed-zone resource name, as the expression the grant resolves it with; the
   * DNS01 ClusterIssuers name it so that cert-manager never has to list zones.
   */
  readonly zoneNames: string[];

  constructor(scope: Construct, id: string, props: DnsZoneIdentityProps) {
    super(scope, id);
    const { project, visibility } = props;

    this.serviceAccount = new ServiceAccount(this, 'ServiceAccount', {
      project,
      accountId: props.accountId,
      displayName: props.displayName,
      description: props.description,
      dependsOn: props.dependsOn,
    });

    const zones = new DataGoogleDnsManagedZones(this, 'Zones', { project });
    const matches = props.zones.map((zone) => `[for z in ${zones.fqn}.managed_zones : z.name if z.dns_name == "${zone}." && z.visibility == "${visibility}"]`);
    this.zoneNames = matches.map((m) => `\${one(${m})}`);
    this.zoneAccess = props.zones.map(
      (zone, i) =>
        new DnsManagedZoneIamMember(this, `${props.grantIdPrefix}${i}`, {
          project,
          managedZone: this.zoneNames[i]!,
          role: DNS_ZONE_ROLE,
          member: this.serviceAccount.member,
          lifecycle: { precondition: [{ condition: `\${length(${matches[i]}) == 1}`, errorMessage: props.missingZoneMessage(zone) }] },
        }),
    );

    if (props.listsZones) new ProjectIamMember(this, 'ZoneLister', { project, role: DNS_ZONE_LISTER_ROLE, member: this.serviceAccount.member });

    new ServiceAccountIamMember(this, 'WorkloadIdentity', {
      serviceAccountId: this.serviceAccount.name,
      role: 'roles/iam.workloadIdentityUser',
      member: `serviceAccount:${project}.svc.id.goog[${props.kubernetes.namespace}/${props.kubernetes.serviceAccount}]`,
      dependsOn: [props.gke],
    });
  }

  /** The service account's e-mail, which the Kubernetes service account is annotated with. */
  get email(): string {
    return this.serviceAccount.email;
  }
}
