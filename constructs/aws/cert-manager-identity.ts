import type { TerraformStack } from 'cdktf';
import { CERT_MANAGER, type ResolvedCluster } from '../spec';
import type { Account } from './account';
import { certManagerDns01Statements } from './iam-policies';
import { ServiceAccountRole, type ClusterOidc } from './identities';
import { lookUpHostedZones } from './hosted-zones';

/** cert-manager's DNS01 identity: its IRSA role and the hosted zones it answers challenges in. */
export interface CertManagerDns01Identity {
  readonly role: ServiceAccountRole;
  /** Route 53 ids of `certManager.acme.dnsZones`, in spec order (the ClusterIssuer's `hostedZoneID`s). */
  readonly zoneIds: string[];
}

/**
 * The IRSA role of cert-manager's controller, only for the DNS01 solver (HTTP01 needs no cloud
 * access). The zones are always the public ones of those names, whatever `ingress.exposure` is:
 * Let's Encrypt resolves the challenge record from the internet. Zone ids are by position
 * (`CertManagerZone0`, ...), like ExternalDNS's.
 */
export function createCertManagerRole(stack: TerraformStack, cluster: ResolvedCluster, oidc: ClusterOidc, account: Account): CertManagerDns01Identity | undefined {
  const acme = cluster.certManager.acme;
  if (!cluster.certManager.enabled || acme?.solver !== 'dns01') return undefined;
  const zones = lookUpHostedZones(stack, 'CertManagerZone', acme.dnsZones, { privateZone: false });
  const role = new ServiceAccountRole(stack, 'CertManagerRole', {
    clusterName: cluster.name,
    oidc,
    account,
    name: 'cert-manager',
    namespace: CERT_MANAGER.namespace,
    serviceAccount: CERT_MANAGER.serviceAccount,
    statements: certManagerDns01Statements(zones.map((z) => z.arn), account.partition),
  });
  return { role, zoneIds: zones.map((z) => z.zoneId) };
}
