import { Testing } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveCluster, type ClusterSpec } from '../../constructs';
import { builder } from '../../constructs/gcp/builder';
import { PhaseStacks } from '../../constructs/phase-stacks';
import { releaseValues } from '../aws/helpers';
import { dataOf, releaseNamed, resourcesOf, synthCluster, type StackJson, type SynthesizedCluster } from '../support/synth';
import { addressOf, crossStackSource, gke } from './helpers';

const EMAIL = 'platform@example.com';
const DNS01_ZONES = ['apps.example.com', 'example.org'];
const ACCOUNT_ID = 'gke-test-cert-manager';

const dns01Spec = (change: Partial<ClusterSpec> = {}): ClusterSpec =>
  gke({ certManager: { acme: { email: EMAIL, solver: 'dns01', dnsZones: DNS01_ZONES } }, ...change });
const http01Spec = gke({ ingress: { exposure: 'internet-facing' }, certManager: { acme: { email: EMAIL, solver: 'http01' } } });

/** The Terraform address of cert-manager's service account, if the cluster stack has it. */
const certManagerAccount = (stack: StackJson | undefined): string | undefined => {
  const entry = Object.entries<any>(resourcesOf(stack, 'google_service_account')).find(([, a]) => a.account_id === ACCOUNT_ID);
  return entry && `google_service_account.${entry[0]}`;
};
const certManagerGrants = (stack: StackJson | undefined): [string, any][] =>
  Object.entries<any>(resourcesOf(stack, 'google_dns_managed_zone_iam_member')).filter(([id]) => id.startsWith('CertManagerIdentity_'));
const certManagerValues = (c: SynthesizedCluster) => releaseValues(releaseNamed(c.stacks.platform, 'cert-manager'));

/** The apply-time values the GKE builder returns for a spec. */
function applyTimeValuesOf(spec: ClusterSpec) {
  const resolved = resolveCluster(spec);
  return builder.build(new PhaseStacks(Testing.app(), resolved), resolved).applyTimeValues;
}

describe('cert-manager on GKE', () => {
  let dns01: SynthesizedCluster;
  let accountRef: string;
  beforeAll(async () => {
    // An internal cluster with a private ExternalDNS zone: cert-manager's zones must stay public.
    dns01 = await synthCluster(dns01Spec({ ingress: { externalDnsZones: ['corp.example.com'] } }));
    accountRef = certManagerAccount(dns01.stacks.cluster)!;
  });

  describe('the release', () => {
    it('installs the pinned chart with its CRDs in the platform stack', async () => {
      const { stacks } = await synthCluster(gke());
      const release = releaseNamed(stacks.platform, 'cert-manager');
      expect(release).toMatchObject({ repository: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.21.1', namespace: 'cert-manager' });
      expect(releaseValues(release).crds).toEqual({ enabled: true, keep: true });
      // Without DNS01 the controller acts as no Google identity.
      expect(releaseValues(release).serviceAccount).toEqual({ create: true, name: 'cert-manager' });
    });

    it('is absent when cert-manager is disabled', async () => {
      const { stacks } = await synthCluster(gke({ certManager: { enabled: false } }));
      expect(Object.values<any>(resourcesOf(stacks.platform, 'helm_release')).map((r) => r.name)).not.toContain('cert-manager');
      expect(certManagerAccount(stacks.cluster)).toBeUndefined();
    });
  });

  describe('DNS01 through Cloud DNS', () => {
    it('has a dedicated service account with a valid id in the project', () => {
      expect(accountRef).toBeDefined();
      const account = resourcesOf(dns01.stacks.cluster, 'google_service_account')[accountRef.split('.')[1]!];
      expect(account.account_id).toMatch(/^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/);
      expect(account.project).toBe('acme-platform');
    });

    it('grants dns.admin on the public zone of each name by position, even for an internal cluster', () => {
      const grants = certManagerGrants(dns01.stacks.cluster);
      expect(grants.map(([id]) => id)).toEqual([expect.stringMatching(/^CertManagerIdentity_Dns01Zone0_/), expect.stringMatching(/^CertManagerIdentity_Dns01Zone1_/)]);
      const lookup = Object.keys(dataOf(dns01.stacks.cluster, 'google_dns_managed_zones')).find((id) => id.startsWith('CertManagerIdentity_'));
      const zones = `data.google_dns_managed_zones.${lookup}`;
      grants.forEach(([, grant], i) => {
        const zone = DNS01_ZONES[i];
        const matches = `[for z in ${zones}.managed_zones : z.name if z.dns_name == "${zone}." && z.visibility == "public"]`;
        expect(grant.role).toBe('roles/dns.admin');
        expect(grant.project).toBe('acme-platform');
        expect(grant.member).toBe(`\${${accountRef}.member}`);
        expect(grant.managed_zone).toBe(`\${one(${matches})}`);
        // A missing public zone stops the plan with a message naming it.
        expect(grant.lifecycle.precondition).toEqual([
          { condition: `\${length(${matches}) == 1}`, error_message: expect.stringContaining(`certManager.acme.dnsZones: no public Cloud DNS zone for ${zone} in project acme-platform`) },
        ]);
      });
    });

    it('leaves ExternalDNS on its private zone with its own grant and project zone lister', () => {
      const externalDns = Object.entries<any>(resourcesOf(dns01.stacks.cluster, 'google_dns_managed_zone_iam_member')).filter(([id]) => id.startsWith('ExternalDnsIdentity_'));
      expect(externalDns).toHaveLength(1);
      expect(externalDns[0]![1].managed_zone).toContain('z.dns_name == "corp.example.com." && z.visibility == "private"');
      const externalDnsAccount = addressOf(dns01.stacks.cluster, 'google_service_account', (a) => a.account_id === 'gke-test-external-dns');
      const lister = Object.values<any>(resourcesOf(dns01.stacks.cluster, 'google_project_iam_member')).filter((m) => m.member === `\${${externalDnsAccount}.member}`);
      expect(lister.map((m) => m.role)).toEqual(['roles/dns.reader']);
    });

    it('has no project-level role: the issuers name each zone, so cert-manager never lists zones', () => {
      const projectRoles = Object.values<any>(resourcesOf(dns01.stacks.cluster, 'google_project_iam_member')).filter((m) => m.member === `\${${accountRef}.member}`);
      expect(projectRoles).toEqual([]);
    });

    it('lets only the cert-manager Kubernetes service account act as it, once the pool exists', () => {
      const bindings = Object.values<any>(resourcesOf(dns01.stacks.cluster, 'google_service_account_iam_member')).filter((b) => b.service_account_id === `\${${accountRef}.name}`);
      expect(bindings).toEqual([
        expect.objectContaining({
          role: 'roles/iam.workloadIdentityUser',
          member: 'serviceAccount:acme-platform.svc.id.goog[cert-manager/cert-manager]',
          depends_on: [addressOf(dns01.stacks.cluster, 'google_container_cluster', () => true)],
        }),
      ]);
    });

    it("annotates the controller's service account with the Google service account", () => {
      const { serviceAccount } = certManagerValues(dns01);
      expect(serviceAccount.name).toBe('cert-manager');
      expect(Object.keys(serviceAccount.annotations)).toEqual(['iam.gke.io/gcp-service-account']);
      expect(crossStackSource(dns01.stacks.cluster, serviceAccount.annotations['iam.gke.io/gcp-service-account'])).toBe(`\${${accountRef}.email}`);
    });

    it("gives the issuers each zone's managed-zone resource name: a local holding the expression the grant resolves it with", () => {
      const values = applyTimeValuesOf(dns01Spec());
      expect(Object.keys(values).sort()).toEqual(['dns01-zone-0-name', 'dns01-zone-1-name']);
      const locals = dns01.stacks.cluster!.locals as Record<string, string>;
      DNS01_ZONES.forEach((zone, i) => {
        const local = Object.entries(locals).find(([name]) => name.startsWith(`CertManagerIdentity_Dns01Zone${i}Name`));
        expect(local, `local of zone ${i}`).toBeDefined();
        expect(local![1]).toMatch(/^\$\{one\(\[for z in data\.google_dns_managed_zones\.CertManagerIdentity_Zones_\w+\.managed_zones : z\.name if z\.dns_name == ".+\." && z\.visibility == "public"\]\)\}$/);
        expect(local![1]).toContain(`z.dns_name == "${zone}."`);
      });
    });

    it('fills the ClusterIssuers with the zone names through the cluster stack, and only with them', () => {
      const issuers = Object.values<any>(resourcesOf(dns01.stacks.policies, 'kubernetes_manifest')).filter((m) => m.manifest.kind === 'ClusterIssuer' && m.manifest.spec.acme);
      expect(issuers).toHaveLength(2);
      const outputs = Object.entries<any>(dns01.stacks.cluster!.output);
      // The project's zone list itself never leaves the cluster stack.
      expect(outputs.some(([, o]) => /google_dns_managed_zones/.test(o.value))).toBe(false);
      for (const issuer of issuers) {
        const names: string[] = issuer.manifest.spec.acme.solvers.map((s: any) => s.dns01.cloudDNS.hostedZoneName);
        DNS01_ZONES.forEach((_zone, i) => {
          const output = outputs.find(([, o]) => o.value.startsWith(`\${local.CertManagerIdentity_Dns01Zone${i}Name`));
          expect(output, `output of zone ${i}`).toBeDefined();
          expect(names[i]).toBe(`\${data.terraform_remote_state.cross-stack-reference-input-gke-test-cluster.outputs.${output![0]}}`);
        });
      }
    });
  });

  describe.each([
    ['without acme', gke()],
    ['with http01', http01Spec],
  ])('%s', (_title, spec) => {
    let synth: SynthesizedCluster;
    beforeAll(async () => {
      synth = await synthCluster(spec);
    });

    it('has no Google identity for cert-manager and no zone lookup', () => {
      expect(certManagerAccount(synth.stacks.cluster)).toBeUndefined();
      expect(certManagerGrants(synth.stacks.cluster)).toEqual([]);
      expect(Object.keys(dataOf(synth.stacks.cluster, 'google_dns_managed_zones'))).toEqual([]);
      expect(resourcesOf(synth.stacks.cluster, 'google_service_account_iam_member')).toEqual({});
      expect(certManagerValues(synth).serviceAccount.annotations).toBeUndefined();
    });

    it('returns no apply-time values', () => {
      expect(applyTimeValuesOf(spec)).toEqual({});
    });
  });
});
