import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsLoadBalancerControllerValues, traefikValues } from '../../constructs/addons/ingress';
import { loadBalancerControllerStatements } from '../../constructs/aws/load-balancer-controller-policy';
import { resolveCluster } from '../../constructs';
import { chartDefaults, SHARED_DIR, SHARED_PRESENT, sharedSchema, unknownValueKeys } from '../support/shared-data';
import { dataOf, releaseNamed, resourcesOf, synthCluster, type SynthesizedCluster } from '../support/synth';
import { eks, releaseValues } from './helpers';

const docOf = (c: SynthesizedCluster, name: string) => Object.entries<any>(dataOf(c.stacks.cluster, 'aws_iam_policy_document')).find(([n]) => n.startsWith(name))![1];
const lbcValues = (c: SynthesizedCluster) => releaseValues(releaseNamed(c.stacks.platform, 'aws-load-balancer-controller'));
const INPUTS = { roleArn: 'arn:aws:iam::111122223333:role/lbc', vpcId: 'vpc-0123' };

describe('EKS load balancing and ingress', () => {
  let native: SynthesizedCluster;
  let overlay: SynthesizedCluster;
  let traefik: SynthesizedCluster;
  beforeAll(async () => {
    native = await synthCluster(eks());
    overlay = await synthCluster(eks({ cni: { kind: 'cilium', mode: 'overlay' }, network: { podCidr: '100.64.0.0/14' } }));
    traefik = await synthCluster(eks({ ingress: { controller: 'traefik', exposure: 'internet-facing', externalDnsZones: ['apps.example.com', 'example.org'] } }));
  });

  describe('the AWS Load Balancer Controller', () => {
    it('has an IRSA role only its own service account in kube-system can assume', () => {
      const trust = docOf(native, 'LoadBalancerControllerRole_Trust').statement[0];
      expect(trust.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
      expect(trust.condition.map((c: any) => [c.variable.replace(/^.*:/, ''), c.values])).toEqual([
        ['sub', ['system:serviceaccount:kube-system:aws-load-balancer-controller']],
        ['aud', ['sts.amazonaws.com']],
      ]);
      expect(lbcValues(native).serviceAccount).toEqual({
        create: true,
        name: 'aws-load-balancer-controller',
        annotations: { 'eks.amazonaws.com/role-arn': expect.stringMatching(/LoadBalancerControllerRole.*arn\}$/) },
      });
    });

    it('limits every tag-conditioned permission to resources tagged with this cluster', () => {
      const statements = docOf(native, 'LoadBalancerControllerRole_PolicyDocument').statement;
      const tagConditions = statements.flatMap((s: any) => s.condition ?? []).filter((c: any) => c.variable.endsWith('/elbv2.k8s.aws/cluster'));
      expect(tagConditions.length).toBeGreaterThan(8);
      for (const c of tagConditions) {
        if (c.test === 'Null') expect(c).toMatchObject({ variable: 'aws:RequestTag/elbv2.k8s.aws/cluster', values: ['true'] });
        else expect(c).toMatchObject({ test: 'StringEquals', values: ['eks-test'] });
      }
      const arns = statements.flatMap((s: any) => s.resources).filter((r: string) => r !== '*');
      for (const arn of arns) expect(arn).toMatch(/^arn:\$\{data\.aws_partition\.[^}]+\}:(elasticloadbalancing|ec2):eu-west-1:\$\{data\.aws_caller_identity\.[^}]+\}:/);
    });

    it('takes the region and VPC from the cluster (pods cannot reach the instance metadata)', () => {
      const values = lbcValues(native);
      expect(values).toMatchObject({ clusterName: 'eks-test', region: 'eu-west-1', replicaCount: 2, podDisruptionBudget: { maxUnavailable: 1 } });
      expect(values.vpcId).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-eks-test-cluster\.outputs\.[^}]*Vpc[^}]*\}$/);
      expect(values.defaultTags).toMatchObject({ 'polycluster-cluster': 'eks-test' });
    });

    it('targets pods where they have VPC addresses and node ports on overlays', () => {
      expect(lbcValues(native).defaultTargetType).toBe('ip');
      expect(lbcValues(overlay).defaultTargetType).toBe('instance');
    });

    it('serves the alb class (the default with the cloud controller) in the scheme of ingress.exposure', () => {
      expect(lbcValues(native)).toMatchObject({
        ingressClass: 'alb',
        createIngressClassResource: true,
        ingressClassConfig: { default: true },
        ingressClassParams: { create: true, name: 'alb', spec: { scheme: 'internal' } },
        defaultLoadBalancerScheme: 'internal',
        enableServiceMutatorWebhook: true,
      });
      expect(lbcValues(traefik)).toMatchObject({ ingressClassConfig: { default: false }, ingressClassParams: { spec: { scheme: 'internet-facing' } }, defaultLoadBalancerScheme: 'internet-facing' });
    });

    it('moves its webhook to the host network on its own port where the control plane cannot reach pods', () => {
      expect(lbcValues(overlay)).toMatchObject({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet', webhookBindPort: 10261 });
      expect(lbcValues(native).hostNetwork).toBeUndefined();
      expect(lbcValues(native).webhookBindPort).toBeUndefined();
    });

    it('runs before every other platform release, whose Services pass its webhook', () => {
      const releases = Object.entries<any>(resourcesOf(traefik.stacks.platform, 'helm_release'));
      const [lbcName] = releases.find(([, r]) => r.name === 'aws-load-balancer-controller')!;
      const others = releases.filter(([n]) => n !== lbcName);
      expect(others.map(([, r]) => r.name).sort()).toEqual(['cert-manager', 'cluster-autoscaler', 'external-dns', 'traefik']);
      for (const [, release] of others) expect(release.depends_on).toEqual([`helm_release.${lbcName}`]);
    });
  });

  describe('Traefik on EKS', () => {
    it('is the default IngressClass behind an NLB of the scheme and targets the cluster needs', () => {
      const values = releaseValues(releaseNamed(traefik.stacks.platform, 'traefik'));
      expect(values.ingressClass).toEqual({ enabled: true, isDefaultClass: true, name: 'traefik' });
      expect(values.service).toEqual({
        annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing', 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' },
        spec: { loadBalancerClass: 'service.k8s.aws/nlb' },
      });
      // EKS has no Gateway API CRDs, so Traefik serves Ingress only.
      expect(values.providers.kubernetesGateway).toEqual({ enabled: false });
      expect(values.gateway).toEqual({ enabled: false });
    });
  });

  describe('ExternalDNS on EKS', () => {
    it('looks the zones up by name: public zones for internet-facing clusters, private ones for internal', async () => {
      const lookups = (c: SynthesizedCluster) => Object.values<any>(dataOf(c.stacks.cluster, 'aws_route53_zone')).map(({ name, private_zone, vpc_id }) => ({ name, private_zone, vpc_id }));
      expect(lookups(traefik)).toEqual([{ name: 'apps.example.com', private_zone: false, vpc_id: undefined }, { name: 'example.org', private_zone: false, vpc_id: undefined }]);
      const internal = await synthCluster(eks({ ingress: { externalDnsZones: ['corp.example.com'] } }));
      // The private zone associated with the cluster's own VPC.
      expect(lookups(internal)).toEqual([{ name: 'corp.example.com', private_zone: true, vpc_id: expect.stringMatching(/^\$\{aws_vpc\.Network_Vpc_\w+\.id\}$/) }]);
      expect(releaseValues(releaseNamed(internal.stacks.platform, 'external-dns')).extraArgs['aws-zone-type']).toBe('private');
    });

    it('may change records only in the named zones, as its own service account', () => {
      const statements = docOf(traefik, 'ExternalDnsRole_PolicyDocument').statement;
      expect(statements[0]).toMatchObject({ actions: ['route53:ListHostedZones'], resources: ['*'] });
      expect(statements[1].actions).toContain('route53:ChangeResourceRecordSets');
      expect(statements[1].resources).toEqual([expect.stringMatching(/aws_route53_zone\.ExternalDnsZone0\.arn/), expect.stringMatching(/aws_route53_zone\.ExternalDnsZone1\.arn/)]);
      const trust = docOf(traefik, 'ExternalDnsRole_Trust').statement[0];
      expect(trust.condition[0].values).toEqual(['system:serviceaccount:external-dns:external-dns']);
    });

    it('syncs only its own records in those zones', () => {
      const values = releaseValues(releaseNamed(traefik.stacks.platform, 'external-dns'));
      expect(values).toMatchObject({
        provider: { name: 'aws' },
        sources: ['service', 'ingress'],
        domainFilters: ['apps.example.com', 'example.org'],
        policy: 'sync',
        registry: 'txt',
        txtOwnerId: 'eks-test',
        serviceAccount: { create: true, name: 'external-dns', annotations: { 'eks.amazonaws.com/role-arn': expect.stringMatching(/ExternalDnsRole/) } },
      });
      expect(values.extraArgs['aws-zone-type']).toBe('public');
      expect(values.extraArgs['zone-id-filter']).toHaveLength(2);
    });

    it('is absent without zones', () => {
      expect(Object.values<any>(resourcesOf(native.stacks.platform, 'helm_release')).map((r) => r.name).sort()).toEqual(['aws-load-balancer-controller', 'cert-manager', 'cluster-autoscaler']);
      expect(dataOf(native.stacks.cluster, 'aws_route53_zone')).toEqual({});
    });
  });

  describe('the NGINX choice', () => {
    it('installs the F5 NGINX Ingress Controller as the default class, never the retired community chart', async () => {
      const nginx = await synthCluster(eks({ ingress: { controller: 'nginx' } }));
      const release = releaseNamed(nginx.stacks.platform, 'nginx-ingress');
      expect(release).toMatchObject({ repository: 'oci://ghcr.io/nginx/charts', chart: 'nginx-ingress' });
      const values = releaseValues(release);
      expect(values.controller).toMatchObject({ ingressClass: { name: 'nginx', create: true, setAsDefaultIngress: true }, enableSnippets: false });
      expect(values.controller.service.annotations['service.beta.kubernetes.io/aws-load-balancer-scheme']).toBe('internal');
      const repositories = Object.values<any>(resourcesOf(nginx.stacks.platform, 'helm_release')).map((r) => r.repository);
      expect(repositories).not.toContain('https://kubernetes.github.io/ingress-nginx');
    });
  });
});

describe.skipIf(!SHARED_PRESENT)('the AWS Load Balancer Controller against ../shared', () => {
  const published = SHARED_PRESENT ? JSON.parse(readFileSync(join(SHARED_DIR, 'chart-values/aws-load-balancer-controller-iam-policy.json'), 'utf8')).Statement : [];
  const ours = loadBalancerControllerStatements('eks-test', 'aws', 'eu-west-1', '111122223333');
  const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

  it('covers every action of the published IAM policy', () => {
    const granted = new Set(ours.flatMap((s) => s.actions ?? []));
    const missing = published.flatMap((s: any) => list(s.Action)).filter((a: string) => !granted.has(a));
    expect(missing).toEqual([]);
  });

  it('pairs each published statement with one of the same actions and conditions, the cluster tag pinned to this cluster', () => {
    expect(ours).toHaveLength(published.length);
    published.forEach((p: any, i: number) => {
      const s = ours[i]!;
      expect(new Set(s.actions), `statement ${i}`).toEqual(new Set(list(p.Action)));
      const expected = Object.entries<any>(p.Condition ?? {}).flatMap(([test, byKey]) =>
        Object.entries<any>(byKey).map(([variable, value]) => {
          // "the tag is present" becomes "the tag names this cluster".
          if (test === 'Null' && value === 'false' && variable.endsWith('/elbv2.k8s.aws/cluster')) return { test: 'StringEquals', variable, values: ['eks-test'] };
          return { test, variable, values: list(value) };
        }),
      );
      expect(new Set(((s.condition ?? []) as object[]).map((c) => JSON.stringify(c))), `statement ${i}`).toEqual(new Set(expected.map((c) => JSON.stringify(c))));
      // Same resource kinds as published, limited to the cluster's region and account.
      const kinds = (resources: string[]) => resources.map((r) => (r === '*' ? '*' : r.split(':').slice(5).join(':')));
      expect(kinds(s.resources ?? []), `statement ${i}`).toEqual(kinds(list(p.Resource)));
    });
  });

  it('sets only values the chart has, and an IngressClassParams the CRD accepts', () => {
    const defaults = chartDefaults('aws-load-balancer-controller-values.yaml');
    for (const spec of [eks(), eks({ cni: { kind: 'cilium', mode: 'overlay' }, network: { podCidr: '100.64.0.0/14' } })]) {
      const values = awsLoadBalancerControllerValues(resolveCluster(spec), INPUTS);
      expect(unknownValueKeys(values, defaults, ['ingressClassParams.spec'])).toEqual([]);
      const params = values.ingressClassParams as { name: string; spec: Record<string, unknown> };
      const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false }).compile(sharedSchema('elbv2.k8s.aws/ingressclassparams_v1beta1.json'));
      expect(validate({ apiVersion: 'elbv2.k8s.aws/v1beta1', kind: 'IngressClassParams', metadata: { name: params.name }, spec: params.spec }), JSON.stringify(validate.errors)).toBe(true);
      expect(validate({ apiVersion: 'elbv2.k8s.aws/v1beta1', kind: 'IngressClassParams', metadata: { name: 'x' }, spec: { scheme: 'public' } })).toBe(false);
    }
  });
});

describe('Traefik behind registry mirrors', () => {
  it("pulls Docker Hub's official image through the mirror with its library/ path", () => {
    const mirrored = traefikValues(resolveCluster(eks({ ingress: { controller: 'traefik' }, egress: { nat: 'none', registryMirrors: { 'registry.k8s.io': 'm.example.com/k8s', 'public.ecr.aws': 'm.example.com/ecr', 'docker.io': 'm.example.com/docker-hub', 'quay.io': 'm.example.com/quay' } } })));
    expect(mirrored.image).toEqual({ registry: 'm.example.com/docker-hub', repository: 'library/traefik' });
    expect(traefikValues(resolveCluster(eks({ ingress: { controller: 'traefik' } }))).image).toBeUndefined();
  });
});
