import { ApiObject, type Chart } from 'cdk8s';
import { ACME_SERVERS, CERT_MANAGER, CLUSTER_ISSUERS, INTERNAL_CA, type ResolvedCluster } from '../spec';
import { acmeSolvers } from './acme-solvers';

const CERT_MANAGER_API = 'cert-manager.io/v1';

/** The internal CA's lifetime and renewal: ten years, renewed (with a new key) a year ahead. */
const INTERNAL_CA_VALIDITY = { duration: '87600h', renewBefore: '8760h' } as const;

/**
 * The ClusterIssuers (REFERENCE.md "cert-manager"):
 * - `polycluster-selfsigned` signs one thing, the internal CA's certificate;
 * - `polycluster-internal-ca` issues from that CA, for traffic inside the organisation;
 * - with `certManager.acme`, `letsencrypt-staging` and `letsencrypt-production`, solving through
 *   the cloud's DNS (DNS01) or the ingress (HTTP01). Use staging until a Certificate works:
 *   production has strict rate limits.
 */
export function certManagerIssuers(chart: Chart, cluster: ResolvedCluster): void {
  const clusterIssuer = (id: string, name: string, spec: Record<string, unknown>): void => {
    new ApiObject(chart, id, { apiVersion: CERT_MANAGER_API, kind: 'ClusterIssuer', metadata: { name }, spec });
  };
  clusterIssuer('SelfSignedIssuer', CLUSTER_ISSUERS.selfSigned, { selfSigned: {} });
  new ApiObject(chart, 'InternalCaCertificate', {
    apiVersion: CERT_MANAGER_API,
    kind: 'Certificate',
    // ClusterIssuers read their secrets from cert-manager's own namespace.
    metadata: { name: INTERNAL_CA.certificate, namespace: CERT_MANAGER.namespace },
    spec: {
      isCA: true,
      // cert-manager refuses common names over 64 bytes; cluster names may be longer.
      commonName: 'polycluster internal CA',
      subject: { organizations: ['polycluster'], organizationalUnits: [cluster.name] },
      secretName: INTERNAL_CA.secret,
      ...INTERNAL_CA_VALIDITY,
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: CLUSTER_ISSUERS.selfSigned },
    },
  });
  clusterIssuer('InternalCaIssuer', CLUSTER_ISSUERS.internalCa, { ca: { secretName: INTERNAL_CA.secret } });

  const acme = cluster.certManager.acme;
  if (!acme) return;
  const solvers = acmeSolvers(cluster);
  const letsEncrypt = (id: string, name: string, server: string): void =>
    clusterIssuer(id, name, { acme: { email: acme.email, server, privateKeySecretRef: { name: `${name}-account-key` }, solvers } });
  letsEncrypt('LetsEncryptStaging', CLUSTER_ISSUERS.letsEncryptStaging, ACME_SERVERS.staging);
  letsEncrypt('LetsEncryptProduction', CLUSTER_ISSUERS.letsEncryptProduction, ACME_SERVERS.production);
}
