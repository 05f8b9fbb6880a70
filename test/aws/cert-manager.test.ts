import { Testing, Token } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { APPLY_TIME, resolveCluster, type ClusterSpec } from '../../constructs';
import { PhaseStacks } from '../../constructs/phase-stacks';
import { builder } from '../../constructs/aws/builder';
import { certManagerDns01Statements } from '../../constructs/aws/iam-policies';
import { dataOf, releaseNamed, resourcesOf, synthCluster, type SynthesizedCluster } from '../support/synth';
import { eks, releaseValues } from './helpers';

const EMAIL = 'platform@example.com';
const DNS01_ZONES = ['apps.example.com', 'example.org'];

const dns01Spec = (change: Partial<ClusterSpec> = {}): ClusterSpec =>
  eks({ certManager: { acme: { email: EMAIL, solver: 'dns01', dnsZones: DNS01_ZONES } }, ...change });
const http01Spec = eks({ ingress: { controller: 'traefik', exposure: 'internet-facing' }, certManager: { acme: { email: EMAIL, solver: 'http01' } } });

const docOf = (c: SynthesizedCluster, name: string) => Object.entries<any>(dataOf(c.stacks.cluster, 'aws_iam_policy_document')).find(([n]) => n.startsWith(name))?.[1];
const certManagerValues = (c: SynthesizedCluster) => releaseValues(releaseNamed(c.stacks.platform, 'cert-manager'));
const roleNames = (c: SynthesizedCluster) => Object.values<any>(resourcesOf(c.stacks.cluster, 'aws_iam_role')).map((r) => r.name);
const zoneLookups = (c: SynthesizedCluster) => Object.entries<any>(dataOf(c.stacks.cluster, 'aws_route53_zone'));

/** The apply-time values the EKS builder returns for a spec. */
function applyTimeValuesOf(spec: ClusterSpec) {
  const resolved = resolveCluster(spec);
  return builder.build(new PhaseStacks(Testing.app(), resolved), resolved).applyTimeValues;
}

describe('cert-manager on EKS', () => {
  let dns01: SynthesizedCluster;
  let http01: SynthesizedCluster;
  let noAcme: SynthesizedCluster;
  beforeAll(async () => {
    // An internal cluster with a private ExternalDNS zone: cert-manager's zones must stay public.
    dns01 = await synthCluster(dns01Spec({ ingress: { externalDnsZones: ['corp.example.com'] } }));
    http01 = await synthCluster(http01Spec);
    noAcme = await synthCluster(eks());
  });

  describe('the release', () => {
    it('installs the pinned chart with its CRDs in the platform stack', () => {
      const release = releaseNamed(noAcme.stacks.platform, 'cert-manager');
      expect(release).toMatchObject({ repository: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.21.1', namespace: 'cert-manager' });
      expect(certManagerValues(noAcme).crds).toEqual({ enabled: true, keep: true });
    });

    it('waits for the load balancer controller, whose webhook refuses new Services until it runs', () => {
      const releases = Object.entries<any>(resourcesOf(dns01.stacks.platform, 'helm_release'));
      const [lbcName] = releases.find(([, r]) => r.name === 'aws-load-balancer-controller')!;
      expect(releaseNamed(dns01.stacks.platform, 'cert-manager').depends_on).toEqual([`helm_release.${lbcName}`]);
    });

    it('is absent when cert-manager is disabled', async () => {
      const disabled = await synthCluster(eks({ certManager: { enabled: false } }));
      expect(Object.values<any>(resourcesOf(disabled.stacks.platform, 'helm_release')).map((r) => r.name)).not.toContain('cert-manager');
      expect(roleNames(disabled)).not.toContain('eks-test-cert-manager');
      expect(zoneLookups(disabled)).toEqual([]);
    });
  });

  describe('DNS01 through Route 53', () => {
    it('looks up the public zone of each name, by position, whatever the ingress exposure', () => {
      const lookups = Object.fromEntries(zoneLookups(dns01).map(([id, { name, private_zone, vpc_id }]) => [id, { name, private_zone, vpc_id }]));
      expect(lookups).toEqual({
        CertManagerZone0: { name: 'apps.example.com', private_zone: false, vpc_id: undefined },
        CertManagerZone1: { name: 'example.org', private_zone: false, vpc_id: undefined },
        // ExternalDNS's zone of this internal cluster stays the VPC's private one.
        ExternalDnsZone0: { name: 'corp.example.com', private_zone: true, vpc_id: expect.stringMatching(/^\$\{aws_vpc\.Network_Vpc_\w+\.id\}$/) },
      });
    });

    it('may write only _acme-challenge TXT records, only in the named zones, and never lists zones', () => {
      const statements = docOf(dns01, 'CertManagerRole_PolicyDocument').statement;
      const zoneArns = [expect.stringMatching(/^\$\{data\.aws_route53_zone\.CertManagerZone0\.arn\}$/), expect.stringMatching(/^\$\{data\.aws_route53_zone\.CertManagerZone1\.arn\}$/)];
      expect(statements).toEqual([
        {
          sid: 'WriteChallengeRecords',
          effect: 'Allow',
          actions: ['route53:ChangeResourceRecordSets'],
          resources: zoneArns,
          condition: [
            { test: 'ForAllValues:StringEquals', variable: 'route53:ChangeResourceRecordSetsRecordTypes', values: ['TXT'] },
            { test: 'ForAllValues:StringLike', variable: 'route53:ChangeResourceRecordSetsNormalizedRecordNames', values: ['_acme-challenge.*'] },
          ],
        },
        { sid: 'ReadNamedZones', effect: 'Allow', actions: ['route53:ListResourceRecordSets'], resources: zoneArns },
        { sid: 'WatchChanges', effect: 'Allow', actions: ['route53:GetChange'], resources: [expect.stringMatching(/^arn:\$\{data\.aws_partition\.[^}]+\.partition\}:route53:::change\/\*$/)] },
      ]);
      const actions = statements.flatMap((s: any) => s.actions);
      expect(actions.filter((a: string) => a.startsWith('route53:ListHostedZones'))).toEqual([]);
    });

    it('builds the change ARN in the account partition', () => {
      expect(certManagerDns01Statements(['arn:aws-cn:route53:::hostedzone/Z1'], 'aws-cn')[2]!.resources).toEqual(['arn:aws-cn:route53:::change/*']);
    });

    it("can be assumed only by cert-manager's own service account", () => {
      const trust = docOf(dns01, 'CertManagerRole_Trust').statement[0];
      expect(trust.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
      expect(trust.condition.map((c: any) => [c.variable.replace(/^.*:/, ''), c.values])).toEqual([
        ['sub', ['system:serviceaccount:cert-manager:cert-manager']],
        ['aud', ['sts.amazonaws.com']],
      ]);
      expect(roleNames(dns01)).toContain('eks-test-cert-manager');
    });

    it("binds the role to the controller's service account", () => {
      expect(certManagerValues(dns01).serviceAccount).toEqual({
        create: true,
        name: 'cert-manager',
        annotations: { 'eks.amazonaws.com/role-arn': expect.stringMatching(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-eks-test-cluster\.outputs\.[^}]*CertManagerRole[^}]*\}$/) },
      });
    });

    it('gives the ClusterIssuers the id of each zone, by position', () => {
      const values = applyTimeValuesOf(dns01Spec());
      expect(Object.keys(values)).toEqual([APPLY_TIME.dns01ZoneId(0), APPLY_TIME.dns01ZoneId(1)]);
      expect(Object.keys(values)).toEqual(['dns01-zone-0-id', 'dns01-zone-1-id']);
      // Terraform references (the lookups' zone_id), one per zone; their order shows in the applied issuers.
      expect(Object.values(values).every((v) => Token.isUnresolved(v))).toBe(true);
      expect(new Set(Object.values(values)).size).toBe(2);
    });

    it('puts those zone ids into the applied issuers as cross-stack references', () => {
      const issuers = Object.values<any>(resourcesOf(dns01.stacks.policies, 'kubernetes_manifest')).filter((m) => m.manifest.kind === 'ClusterIssuer' && m.manifest.spec.acme);
      expect(issuers.length).toBeGreaterThan(0);
      for (const issuer of issuers) {
        const zoneIds = issuer.manifest.spec.acme.solvers.map((s: any) => s.dns01.route53.hostedZoneID);
        expect(zoneIds).toEqual([
          expect.stringMatching(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-eks-test-cluster\.outputs\.[^}]*CertManagerZone0[^}]*\}$/),
          expect.stringMatching(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-eks-test-cluster\.outputs\.[^}]*CertManagerZone1[^}]*\}$/),
        ]);
      }
    });
  });

  describe('without DNS01', () => {
    it.each([
      ['http01', () => http01],
      ['no acme block', () => noAcme],
    ])('with %s there is no role, no zone lookup and no annotation', (_name, cluster) => {
      const c = cluster();
      expect(roleNames(c)).not.toContain('eks-test-cert-manager');
      expect(docOf(c, 'CertManagerRole_PolicyDocument')).toBeUndefined();
      expect(zoneLookups(c)).toEqual([]);
      expect(certManagerValues(c).serviceAccount).toEqual({ create: true, name: 'cert-manager' });
    });

    it('supplies no apply-time values', () => {
      expect(applyTimeValuesOf(http01Spec)).toEqual({});
      expect(applyTimeValuesOf(eks())).toEqual({});
    });
  });

  describe('the webhook', () => {
    it.each([
      ['cilium overlay', { kind: 'cilium', mode: 'overlay' }],
      ['calico vxlan', { kind: 'calico', mode: 'vxlan' }],
    ] as const)('runs on the host network on its own port with %s, which the control plane cannot reach', async (_name, cni) => {
      const overlay = await synthCluster(eks({ cni, network: { podCidr: '100.64.0.0/14' } }));
      expect(certManagerValues(overlay).webhook).toMatchObject({ hostNetwork: true, securePort: 10260 });
    });

    it('stays on the pod network where pods have VPC addresses', () => {
      const { webhook } = certManagerValues(noAcme);
      expect(webhook.hostNetwork).toBeUndefined();
      expect(webhook.securePort).toBeUndefined();
    });
  });
});
