import type { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import type { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import type { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { TerraformStack } from 'cdktf';
import { CERT_MANAGER, type ResolvedCluster } from '../spec';
import { certManagerIdentityName } from './names';
import type { AksNetwork } from './network';
import { createWorkloadIdentity, grantZoneContributor, type ZoneContributorGrants } from './workload-identity';

/**
 * cert-manager's workload identity for DNS01 in the cluster stack, limited to the ACME zones:
 * `zones` are the public zones of `certManager.acme.dnsZones` in spec order (the ClusterIssuers
 * name each zone's resource group, an apply-time value, since the zones may sit in different
 * groups), `grants` one "DNS Zone Contributor" per zone.
 */
export interface AksCertManagerIdentity extends ZoneContributorGrants {
  /** The user-assigned identity cert-manager acts as. */
  readonly identity: UserAssignedIdentity;
  /** Binds the identity to cert-manager's service account. */
  readonly credential: FederatedIdentityCredential;
}

/**
 * For `certManager.acme.solver = dns01`: a user-assigned identity that cert-manager's controller
 * service account assumes through the cluster's OIDC issuer, with "DNS Zone Contributor" on each
 * ACME zone alone. The zones are always the public ones, whatever `ingress.exposure` is: Let's
 * Encrypt resolves the TXT record through public DNS. Unlike ExternalDNS, no zone reader role is
 * needed: cert-manager's azureDNS solver is given each zone's resource group and name, so it never
 * lists zones, and the zones may sit in different resource groups.
 */
export function createCertManagerIdentity(
  stack: TerraformStack,
  cluster: ResolvedCluster,
  network: AksNetwork,
  aks: KubernetesCluster,
): AksCertManagerIdentity | undefined {
  const { enabled, acme } = cluster.certManager;
  if (!enabled || acme?.solver !== 'dns01') return undefined;
  // Construct ids are Terraform addresses: renaming them replaces the identity and its grants.
  const { identity, credential } = createWorkloadIdentity(stack, cluster, network, aks, {
    ids: { identity: 'CertManagerIdentity', credential: 'CertManagerFederatedCredential' },
    name: certManagerIdentityName(cluster),
    namespace: CERT_MANAGER.namespace,
    serviceAccount: CERT_MANAGER.serviceAccount,
  });
  const { zones, grants } = grantZoneContributor(stack, 'CertManager', identity, acme.dnsZones, 'public');
  return { identity, credential, zones, grants };
}
