import { describe, expect, it } from 'vitest';
import {
  ACME_SERVERS,
  CERT_MANAGER_FILE,
  CERT_MANAGER_POLICY,
  clusterManifests,
  CLUSTER_ISSUERS,
  INTERNAL_CA,
  resolveCluster,
  type ClusterSpec,
  type ManifestObject,
} from '../../constructs';
import { MINIMAL } from '../support/specs';

const EMAIL = 'ops@acme.example';
const dns01 = (spec: ClusterSpec, zones = ['acme.example', 'apps.acme.example']): ClusterSpec => ({ ...spec, certManager: { acme: { email: EMAIL, dnsZones: zones } } });
const http01 = (spec: ClusterSpec): ClusterSpec => ({ ...spec, ingress: { ...spec.ingress, exposure: 'internet-facing' }, certManager: { acme: { email: EMAIL, solver: 'http01' } } });

/** The objects of cert-manager.yaml. */
function certManagerObjects(spec: ClusterSpec): ManifestObject[] {
  const file = clusterManifests(resolveCluster(spec)).find((f) => f.fileName === CERT_MANAGER_FILE);
  if (!file) throw new Error(`${spec.name}: no ${CERT_MANAGER_FILE}`);
  return [...file.objects];
}
const named = (objects: readonly ManifestObject[], kind: string, name: string): any => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const solvers = (spec: ClusterSpec): any[] => named(certManagerObjects(spec), 'ClusterIssuer', CLUSTER_ISSUERS.letsEncryptProduction).spec.acme.solvers;

describe('the internal CA', () => {
  it('is a self-signed root in cert-manager\'s namespace that the internal CA issuer signs from', () => {
    const objects = certManagerObjects(MINIMAL.aws);
    expect(named(objects, 'ClusterIssuer', CLUSTER_ISSUERS.selfSigned).spec).toEqual({ selfSigned: {} });
    const ca = named(objects, 'Certificate', INTERNAL_CA.certificate);
    expect(ca.metadata.namespace).toBe('cert-manager');
    expect(ca.spec).toMatchObject({ isCA: true, secretName: INTERNAL_CA.secret, issuerRef: { kind: 'ClusterIssuer', name: CLUSTER_ISSUERS.selfSigned } });
    expect(ca.spec.privateKey).toEqual({ algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' });
    // A fixed common name: cert-manager refuses more than 64 bytes, and cluster names may be longer.
    expect(ca.spec.commonName).toBe('polycluster internal CA');
    expect(ca.spec.subject.organizationalUnits).toEqual([MINIMAL.aws.name]);
    expect(named(objects, 'ClusterIssuer', CLUSTER_ISSUERS.internalCa).spec).toEqual({ ca: { secretName: ca.spec.secretName } });
  });

  it('exists on every cluster with cert-manager, with no Let\'s Encrypt issuer unless the spec asks for ACME', () => {
    for (const spec of [MINIMAL.aws, MINIMAL.gcp, MINIMAL.azure]) {
      const issuers = certManagerObjects(spec).filter((o) => o.kind === 'ClusterIssuer').map((o) => o.metadata.name);
      expect(issuers).toEqual([CLUSTER_ISSUERS.selfSigned, CLUSTER_ISSUERS.internalCa]);
    }
  });

  it('is absent, with cert-manager\'s policies, when cert-manager is off', () => {
    const files = clusterManifests(resolveCluster({ ...MINIMAL.gcp, certManager: { enabled: false } }));
    expect(files.map((f) => f.fileName)).not.toContain(CERT_MANAGER_FILE);
    expect(resolveCluster({ ...MINIMAL.gcp, certManager: { enabled: false } }).phases).not.toContain('policies');
  });
});

describe("Let's Encrypt issuers", () => {
  it('come as staging and production with their own account keys and the spec\'s e-mail', () => {
    const objects = certManagerObjects(dns01(MINIMAL.aws));
    const staging = named(objects, 'ClusterIssuer', CLUSTER_ISSUERS.letsEncryptStaging).spec.acme;
    const production = named(objects, 'ClusterIssuer', CLUSTER_ISSUERS.letsEncryptProduction).spec.acme;
    expect([staging.server, production.server]).toEqual([ACME_SERVERS.staging, ACME_SERVERS.production]);
    expect([staging.email, production.email]).toEqual([EMAIL, EMAIL]);
    expect(staging.privateKeySecretRef.name).not.toBe(production.privateKeySecretRef.name);
    expect(staging.solvers).toEqual(production.solvers);
  });

  it('solve DNS01 on Route 53 per zone by hosted zone id, with IRSA (no credentials in the issuer)', () => {
    expect(solvers(dns01(MINIMAL.aws))).toEqual([
      { selector: { dnsZones: ['acme.example'] }, dns01: { route53: { region: MINIMAL.aws.region, hostedZoneID: '<terraform: dns01-zone-0-id>' } } },
      { selector: { dnsZones: ['apps.acme.example'] }, dns01: { route53: { region: MINIMAL.aws.region, hostedZoneID: '<terraform: dns01-zone-1-id>' } } },
    ]);
  });

  it('solve DNS01 on Cloud DNS by managed-zone resource name in the cluster\'s project', () => {
    expect(solvers(dns01(MINIMAL.gcp, ['acme.example']))).toEqual([
      { selector: { dnsZones: ['acme.example'] }, dns01: { cloudDNS: { project: MINIMAL.gcp.gcp!.project, hostedZoneName: '<terraform: dns01-zone-0-name>' } } },
    ]);
  });

  it('solve DNS01 on Azure DNS with the managed identity, each zone in its own resource group', () => {
    const [first, second] = solvers(dns01(MINIMAL.azure));
    expect(first.dns01.azureDNS).toEqual({
      subscriptionID: '<terraform: azure-subscription-id>',
      resourceGroupName: '<terraform: dns01-zone-0-resource-group>',
      hostedZoneName: 'acme.example',
      environment: 'AzurePublicCloud',
      managedIdentity: { clientID: '<terraform: cert-manager-client-id>' },
    });
    expect(second.dns01.azureDNS.resourceGroupName).toBe('<terraform: dns01-zone-1-resource-group>');
    expect(second.selector).toEqual({ dnsZones: ['apps.acme.example'] });
  });

  it('solve HTTP01 through the default IngressClass', () => {
    expect(solvers(http01({ ...MINIMAL.aws, ingress: { controller: 'traefik' } }))).toEqual([{ http01: { ingress: { ingressClassName: 'traefik' } } }]);
    expect(solvers(http01({ ...MINIMAL.azure, ingress: { controller: 'nginx' } }))).toEqual([{ http01: { ingress: { ingressClassName: 'nginx' } } }]);
    expect(solvers(http01(MINIMAL.azure))).toEqual([{ http01: { ingress: { ingressClassName: 'traefik' } } }]);
  });

  it("solve HTTP01 through GKE's shared Gateway when GKE's controller serves the ingress", () => {
    expect(solvers(http01(MINIMAL.gcp))).toEqual([
      { http01: { gatewayHTTPRoute: { parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared', namespace: 'polycluster-ingress', sectionName: 'http' }] } } },
    ]);
  });
});

describe("cert-manager's namespace policies", () => {
  const policies = (spec: ClusterSpec) => certManagerObjects(spec).filter((o) => o.kind === 'NetworkPolicy' || o.kind === 'CiliumNetworkPolicy');
  const names = (spec: ClusterSpec) => policies(spec).map((o) => `${o.kind}/${o.metadata.name}`);

  it('deny by default and open only DNS, the API server and the webhook without ACME', () => {
    expect(names(MINIMAL.aws)).toEqual([
      `NetworkPolicy/${CERT_MANAGER_POLICY.defaultDeny}`,
      `NetworkPolicy/${CERT_MANAGER_POLICY.dns}`,
      `NetworkPolicy/${CERT_MANAGER_POLICY.apiServer}`,
      `NetworkPolicy/${CERT_MANAGER_POLICY.webhook}`,
    ]);
    for (const p of policies(MINIMAL.aws)) expect(p.metadata.namespace).toBe('cert-manager');
  });

  it('admit the control plane to the webhook only, on its port: the pod port, or its host port on EKS overlays', () => {
    const webhook = (spec: ClusterSpec) => named(policies(spec), 'NetworkPolicy', CERT_MANAGER_POLICY.webhook).spec;
    const gke = webhook(MINIMAL.gcp);
    expect(gke.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'webhook', 'app.kubernetes.io/component': 'webhook' } });
    expect(gke.ingress).toEqual([{ from: [{ ipBlock: { cidr: resolveCluster(MINIMAL.gcp).network.controlPlaneCidr } }], ports: [{ port: 10250, protocol: 'TCP' }] }]);
    const aks = resolveCluster(MINIMAL.azure);
    expect(webhook(MINIMAL.azure).ingress.flatMap((r: any) => r.from)).toEqual([{ ipBlock: { cidr: aks.network.subnets.apiServer } }]);
    const eks = resolveCluster(MINIMAL.aws);
    expect(webhook(MINIMAL.aws).ingress.flatMap((r: any) => r.from)).toEqual(eks.network.subnets.private.map((cidr) => ({ ipBlock: { cidr } })));
    const overlay = { ...MINIMAL.aws, cni: { kind: 'calico' as const, mode: 'vxlan' }, network: { podCidr: '100.64.0.0/14' } };
    expect(webhook(overlay).ingress[0].ports).toEqual([{ port: 10260, protocol: 'TCP' }]);
  });

  it("with ACME, let only the controller out to the internet on 443 (and 80 for HTTP01), the cluster's own ranges and the metadata address cut out", () => {
    const cluster = resolveCluster(dns01(MINIMAL.aws));
    const egress = named(policies(dns01(MINIMAL.aws)), 'NetworkPolicy', CERT_MANAGER_POLICY.controllerEgress).spec;
    expect(egress.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'cert-manager', 'app.kubernetes.io/component': 'controller' } });
    expect(egress.egress).toEqual([
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [cluster.network.vpcCidr, cluster.network.serviceCidr, '169.254.169.254/32'] } }], ports: [{ port: 443, protocol: 'TCP' }] },
    ]);
    const web = named(policies(http01(MINIMAL.azure)), 'NetworkPolicy', CERT_MANAGER_POLICY.controllerEgress).spec.egress[0];
    expect(web.ports).toEqual([{ port: 443, protocol: 'TCP' }, { port: 80, protocol: 'TCP' }]);
    expect(web.to[0].ipBlock.except).toContain(resolveCluster(MINIMAL.azure).network.podCidr);
  });

  it("open GKE's metadata server to the controller only for DNS01, whose Workload Identity tokens come from it", () => {
    expect(names(dns01(MINIMAL.gcp))).toContain(`NetworkPolicy/${CERT_MANAGER_POLICY.controllerMetadata}`);
    expect(names(http01(MINIMAL.gcp))).not.toContain(`NetworkPolicy/${CERT_MANAGER_POLICY.controllerMetadata}`);
    expect(names(dns01(MINIMAL.aws))).not.toContain(`NetworkPolicy/${CERT_MANAGER_POLICY.controllerMetadata}`);
    expect(names(dns01(MINIMAL.azure))).not.toContain(`NetworkPolicy/${CERT_MANAGER_POLICY.controllerMetadata}`);
    const metadata = named(policies(dns01(MINIMAL.gcp)), 'NetworkPolicy', CERT_MANAGER_POLICY.controllerMetadata).spec.egress;
    expect(metadata).toEqual([
      { to: [{ ipBlock: { cidr: '169.254.169.254/32' } }], ports: [{ port: 80, protocol: 'TCP' }] },
      { to: [{ ipBlock: { cidr: '169.254.169.252/32' } }], ports: [{ port: 988, protocol: 'TCP' }] },
    ]);
  });

  it('reach the API server at the kubernetes Service address too, for enforcers that check before the Service is translated', () => {
    const apiServer = named(policies(MINIMAL.aws), 'NetworkPolicy', CERT_MANAGER_POLICY.apiServer).spec.egress.flatMap((r: any) => r.to);
    expect(apiServer[0]).toEqual({ ipBlock: { cidr: '172.20.0.1/32' } });
    expect(apiServer.slice(1)).toEqual(resolveCluster(MINIMAL.aws).network.subnets.private.map((cidr) => ({ ipBlock: { cidr } })));
  });

  it('repeat the API server paths by Cilium entity where the mode serves CiliumNetworkPolicy, and only there', () => {
    const gkeCilium = { ...MINIMAL.gcp, cni: { kind: 'cilium' as const } };
    expect(names(gkeCilium).some((n) => n.startsWith('CiliumNetworkPolicy/'))).toBe(false);
    const cilium = { ...MINIMAL.aws, cni: { kind: 'cilium' as const, mode: 'eni' } };
    expect(names(cilium)).toEqual(expect.arrayContaining([`CiliumNetworkPolicy/${CERT_MANAGER_POLICY.apiServerEntity}`, `CiliumNetworkPolicy/${CERT_MANAGER_POLICY.webhookEntity}`]));
    const entity = named(policies(cilium), 'CiliumNetworkPolicy', CERT_MANAGER_POLICY.apiServerEntity).spec;
    expect(entity.egress).toEqual([{ toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }]);
    expect(entity.enableDefaultDeny).toEqual({ ingress: false, egress: false });
    expect(names(MINIMAL.azure)).toEqual(expect.arrayContaining([`CiliumNetworkPolicy/${CERT_MANAGER_POLICY.apiServerEntity}`]));
    for (const spec of [MINIMAL.aws, MINIMAL.gcp, { ...MINIMAL.aws, cni: { kind: 'calico' as const, mode: 'policy-only' } }]) {
      expect(names(spec).some((n) => n.startsWith('CiliumNetworkPolicy/')), spec.cni?.kind ?? 'default').toBe(false);
    }
  });
});
