import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { certManagerValues, resolveCluster, type CertManagerIdentity, type ClusterSpec } from '../../constructs';
import { CHARTS } from '../../constructs/addons/charts';
import { chartDefaults, SHARED_PRESENT, sharedSchema, unknownValueKeys } from '../support/shared-data';
import { MINIMAL, MIRRORS } from '../support/specs';

const ACME = { email: 'ops@acme.example', dnsZones: ['acme.example'] };
const IRSA: CertManagerIdentity = { serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/cert-manager' } };
const AKS_IDENTITY: CertManagerIdentity = {
  serviceAccountAnnotations: { 'azure.workload.identity/client-id': '00000000-0000-0000-0000-000000000000' },
  serviceAccountLabels: { 'azure.workload.identity/use': 'true' },
  podLabels: { 'azure.workload.identity/use': 'true' },
};

/** Every branch of the values: identities, host-network webhooks, HTTP01 through a Gateway, mirrors. */
const SPECS: [string, ClusterSpec, CertManagerIdentity | undefined][] = [
  ['EKS VPC CNI, internal CA only', MINIMAL.aws, undefined],
  ['EKS VPC CNI, DNS01 with IRSA', { ...MINIMAL.aws, certManager: { acme: ACME } }, IRSA],
  ['EKS Calico VXLAN (webhook on the host network)', { ...MINIMAL.aws, cni: { kind: 'calico', mode: 'vxlan' }, network: { podCidr: '100.64.0.0/14' }, certManager: { acme: ACME } }, IRSA],
  ['EKS without NAT, through mirrors', { ...MINIMAL.aws, egress: { nat: 'none', registryMirrors: MIRRORS } }, undefined],
  ['GKE, HTTP01 through the shared Gateway', { ...MINIMAL.gcp, ingress: { exposure: 'internet-facing' }, certManager: { acme: { email: ACME.email, solver: 'http01' } } }, undefined],
  ['GKE, DNS01 with Workload Identity', { ...MINIMAL.gcp, certManager: { acme: ACME } }, { serviceAccountAnnotations: { 'iam.gke.io/gcp-service-account': 'cm@p.iam.gserviceaccount.com' } }],
  ['AKS, DNS01 with workload identity', { ...MINIMAL.azure, certManager: { acme: ACME } }, AKS_IDENTITY],
];

const values = (spec: ClusterSpec, identity?: CertManagerIdentity) => certManagerValues(resolveCluster(spec), identity) as Record<string, any>;

describe('cert-manager chart values', () => {
  it('pins chart v1.21.1 from the Jetstack repository', () => {
    expect(CHARTS.certManager).toEqual({ repository: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.21.1' });
  });

  it('installs and keeps the CRDs, runs two replicas of each component with a PDB, spread over zones', () => {
    const v = values(MINIMAL.aws);
    expect(v.crds).toEqual({ enabled: true, keep: true });
    for (const component of [v, v.webhook, v.cainjector]) {
      expect(component.replicaCount).toBe(2);
      expect(component.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
      expect(component.topologySpreadConstraints[0].topologyKey).toBe('topology.kubernetes.io/zone');
      expect(component.resources.requests.memory).toBeDefined();
      expect(component.resources.limits.memory).toBeDefined();
    }
    expect(v.webhook.topologySpreadConstraints[0].labelSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'webhook', 'app.kubernetes.io/component': 'webhook', 'app.kubernetes.io/instance': 'cert-manager' });
    // The lease stays in cert-manager's namespace: no Role for cert-manager in kube-system.
    expect(v.global.leaderElection.namespace).toBe('cert-manager');
  });

  it('keeps the webhook on the pod network where the control plane reaches pods, and moves it to its own host port where not', () => {
    expect(values(MINIMAL.aws).webhook.hostNetwork).toBeUndefined();
    expect(values(MINIMAL.gcp).webhook.hostNetwork).toBeUndefined();
    const overlay = values(SPECS[2]![1]).webhook;
    expect(overlay.hostNetwork).toBe(true);
    // Not the kubelet's 10250, and not a port any CNI polycluster installs takes.
    expect(overlay.securePort).toBe(10260);
  });

  it('binds the workload identity only when given one, and checks DNS01 through public DNS-over-HTTPS resolvers', () => {
    const plain = values(MINIMAL.aws);
    expect(plain.serviceAccount).toEqual({ create: true, name: 'cert-manager' });
    expect(plain.dns01RecursiveNameservers).toBeUndefined();
    const irsa = values(SPECS[1]![1], IRSA);
    expect(irsa.serviceAccount.annotations).toEqual(IRSA.serviceAccountAnnotations);
    expect(irsa.dns01RecursiveNameservers).toBe('https://1.1.1.1/dns-query,https://1.0.0.1/dns-query');
    expect(irsa.dns01RecursiveNameserversOnly).toBe(true);
    const aks = values(SPECS[6]![1], AKS_IDENTITY);
    expect(aks.serviceAccount.labels).toEqual({ 'azure.workload.identity/use': 'true' });
    expect(aks.podLabels).toEqual({ 'azure.workload.identity/use': 'true' });
  });

  it('turns on Gateway API support only for HTTP01 through GKE\'s shared Gateway', () => {
    expect(values(SPECS[4]![1]).config).toEqual({ apiVersion: 'controller.config.cert-manager.io/v1alpha1', kind: 'ControllerConfiguration', gatewayAPI: { enabled: true } });
    expect(values(SPECS[5]![1]).config).toBeUndefined();
    const traefik = { ...MINIMAL.gcp, ingress: { controller: 'traefik' as const, exposure: 'internet-facing' as const }, certManager: { acme: { email: ACME.email, solver: 'http01' as const } } };
    expect(values(traefik).config).toBeUndefined();
  });

  it('pulls all five images through the quay.io mirror when the spec names one', () => {
    expect(values(SPECS[3]![1]).imageRegistry).toBe(MIRRORS['quay.io']);
    expect(values(MINIMAL.aws).imageRegistry).toBeUndefined();
  });
});

describe.skipIf(!SHARED_PRESENT)('cert-manager chart values against ../shared (chart v1.21.1)', () => {
  const schema = SHARED_PRESENT ? new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false }).compile(sharedSchema('../chart-values/cert-manager-values.schema.json')) : undefined;
  const defaults = SHARED_PRESENT ? chartDefaults('cert-manager-values.yaml') : {};
  // Keys the chart documents only in comments (so absent from the defaults) but its schema knows.
  const COMMENTED_IN_DEFAULTS = ['podDisruptionBudget.minAvailable', 'webhook.podDisruptionBudget.minAvailable', 'cainjector.podDisruptionBudget.minAvailable', 'serviceAccount.name', 'serviceAccount.annotations', 'serviceAccount.labels'];

  it.each(SPECS)('%s: valid against the chart\'s values schema', (_title, spec, identity) => {
    const v = values(spec, identity);
    expect(schema!(v), JSON.stringify(schema!.errors)).toBe(true);
  });

  it.each(SPECS)('%s: every key exists in the chart\'s defaults (or its schema, where the defaults only comment it)', (_title, spec, identity) => {
    expect(unknownValueKeys(values(spec, identity), defaults, COMMENTED_IN_DEFAULTS)).toEqual([]);
  });

  it('the schema catches a misspelt key and a wrong type', () => {
    expect(schema!({ ...values(MINIMAL.aws), replicaCont: 2 })).toBe(false);
    expect(schema!({ ...values(MINIMAL.aws), webhook: { hostNetwork: 'yes' } })).toBe(false);
    expect(unknownValueKeys({ webhook: { securePrt: 1 } }, defaults)).toEqual(['webhook.securePrt']);
  });
});
