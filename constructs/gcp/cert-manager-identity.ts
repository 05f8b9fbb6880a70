import { TerraformLocal, type ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';
import type { CertManagerIdentity } from '../addons/cert-manager';
import { CERT_MANAGER, type ResolvedCluster } from '../spec';
import { DnsZoneIdentity, type DnsZoneVisibility } from './dns-zone-identity';
import { projectOf, type GkeNames } from './names';

/**
 * Let's Encrypt resolves DNS01 challenges in public DNS, so cert-manager writes the public zone of
 * each name, whatever `ingress.exposure` is (an internal cluster's private zone of the same name
 * would hold a TXT record nobody outside can see).
 */
export const DNS01_ZONE_VISIBILITY: DnsZoneVisibility = 'public';

/** Properties of `CertManagerDnsIdentity`. */
export interface CertManagerDnsIdentityProps {
  /** The resolved cluster: the only input. */
  readonly cluster: ResolvedCluster;
  /** Resource names derived from the cluster name. */
  readonly names: GkeNames;
  /** The IAM API must be on first. */
  readonly dependsOn: ITerraformDependable[];
  /** The GKE cluster, whose Workload Identity pool the binding needs. */
  readonly gke: ITerraformDependable;
}

/**
 * cert-manager's Google identity for DNS01 in the cluster stack: a dedicated service account that
 * may change records only in the public zones of `certManager.acme.dnsZones`, and that only the
 * `cert-manager/cert-manager` Kubernetes service account can act as (Workload Identity). It gets
 * no project-level role: the ClusterIssuers name each zone's resource name (`hostedZoneName`), so
 * cert-manager never lists zones. Grants are `Dns01Zone0`, `Dns01Zone1`, ... by position in the spec.
 */
export class CertManagerDnsIdentity extends DnsZoneIdentity {
  /**
   * Each zone's resource name as a local of the cluster stack: the ClusterIssuers in the policies
   * stack reference these alone, not the project's whole zone list the lookup returns.
   */
  readonly issuerZoneNames: string[];

  constructor(scope: Construct, id: string, props: CertManagerDnsIdentityProps) {
    const { cluster, names } = props;
    const project = projectOf(cluster);
    const zones = cluster.certManager.acme?.dnsZones ?? [];
    super(scope, id, {
      project,
      accountId: names.certManagerServiceAccount,
      displayName: `cert-manager of ${cluster.name}`,
      description: `cert-manager of GKE cluster ${cluster.name}: DNS01 records in ${zones.join(', ')} only (polycluster)`,
      zones,
      visibility: DNS01_ZONE_VISIBILITY,
      grantIdPrefix: 'Dns01Zone',
      kubernetes: { namespace: CERT_MANAGER.namespace, serviceAccount: CERT_MANAGER.serviceAccount },
      listsZones: false,
      missingZoneMessage: (zone) =>
        `certManager.acme.dnsZones: no ${DNS01_ZONE_VISIBILITY} Cloud DNS zone for ${zone} in project ${project}; create it first (Let's Encrypt checks DNS01 challenges in public DNS, whatever ingress.exposure is)`,
      dependsOn: props.dependsOn,
      gke: props.gke,
    });
    this.issuerZoneNames = this.zoneNames.map((name, i) => new TerraformLocal(this, `Dns01Zone${i}Name`, name).asString);
  }
}

/** Whether cert-manager solves ACME challenges through Cloud DNS, and so needs a Google identity. */
export const needsDns01Identity = (cluster: ResolvedCluster): boolean => cluster.certManager.enabled && cluster.certManager.acme?.solver === 'dns01';

/** The chart's side of the identity: the Kubernetes service account acts as the Google one `email`. */
export function gkeCertManagerIdentity(email: string): CertManagerIdentity {
  return { serviceAccountAnnotations: { 'iam.gke.io/gcp-service-account': email } };
}
