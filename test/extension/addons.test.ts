import { Testing } from 'cdktf';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { describe, expect, it } from 'vitest';
import {
  ADDON_POLICY,
  BASELINE_POLICY,
  CloudDispatcher,
  defineCluster,
  defineFleet,
  SpecValidationError,
  type ClusterSpec,
  type PolyClusterAddon,
} from '../../constructs';
import { releaseValues } from '../aws/helpers';
import { countingLoaders, fakeBuilder } from '../support/fake-builder';
import { MINIMAL, MIRRORS } from '../support/specs';
import { releaseNamed, resourcesOf } from '../support/synth';
import { manifestsOf, synthWith } from './synth-with';

/** Extra Helm add-ons through the add-on contract. */

const MONITORING: PolyClusterAddon = {
  name: 'kube-prometheus-stack',
  chart: { repository: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '77.6.2' },
  namespace: 'monitoring',
  namespaceLabels: { 'pod-security.kubernetes.io/enforce': 'privileged' },
  images: ['quay.io/prometheus/prometheus', 'quay.io/prometheus-operator/prometheus-operator'],
  commonLabelsKey: 'commonLabels',
  dependsOn: ['cert-manager'],
  values: ({ cluster, image }) => ({
    prometheusOperator: { image: { repository: image('quay.io/prometheus-operator/prometheus-operator') }, admissionWebhooks: { certManager: { enabled: true } } },
    prometheus: { prometheusSpec: { image: { repository: image('quay.io/prometheus/prometheus') }, externalLabels: { cluster: cluster.name } } },
  }),
  network: {
    apiServer: true,
    webhooks: [{ app: 'kube-prometheus-stack-prometheus-operator', port: 10250 }],
    allow: [{ from: { namespace: 'web', app: 'dashboard' }, to: { app: 'grafana' }, ports: [{ port: 3000 }] }],
    egress: [{ cidr: '203.0.113.0/24', ports: [{ port: 443 }] }],
  },
};

const EKS: ClusterSpec = { ...MINIMAL.aws, namespaces: [{ name: 'web', exposed: true }] };

/** The problems a fleet's define throws, as `<prefix>.<path> <value> <rule>: <fix>` lines. */
async function problemsOf(spec: ClusterSpec, addons: readonly PolyClusterAddon[]): Promise<string[]> {
  const app = Testing.app();
  try {
    await defineFleet(app, { clusters: [spec] }, { addons, dispatcher: new CloudDispatcher(countingLoaders([])) });
  } catch (error) {
    expect(error).toBeInstanceOf(SpecValidationError);
    // Nothing was built: the add-ons were refused before synthesis.
    expect(app.node.children).toHaveLength(0);
    return (error as Error).message.split('\n').slice(1).map((l) => l.replace(/^ {2}- /, ''));
  }
  throw new Error('defineFleet accepted the add-ons');
}

const withAddon = (change: Partial<PolyClusterAddon>): PolyClusterAddon => ({ ...MONITORING, ...change });

describe('an extra add-on is installed like a built-in one', () => {
  it('puts a pinned release with rendered values in the platform stack, after its namespace and the releases it names', async () => {
    const { stacks } = await synthWith({ clusters: [EKS] }, { addons: [MONITORING] });
    const platform = stacks['eks-test-platform']!;
    const release = releaseNamed(platform, 'kube-prometheus-stack');
    expect(release).toMatchObject({
      repository: 'https://prometheus-community.github.io/helm-charts',
      chart: 'kube-prometheus-stack',
      version: '77.6.2',
      namespace: 'monitoring',
      create_namespace: false,
      wait: true,
      atomic: true,
    });
    expect(release.values[0]).toContain('\n  "prometheusOperator": {');
    expect(releaseValues(release).prometheus.prometheusSpec).toEqual({ image: { repository: 'quay.io/prometheus/prometheus' }, externalLabels: { cluster: 'eks-test' } });
    const certManager = Object.entries<any>(resourcesOf(platform, 'helm_release')).find(([, r]) => r.name === 'cert-manager')![0];
    const namespace = Object.entries(manifestsOf(platform)).find(([, m]) => m.kind === 'Namespace' && m.metadata.name === 'monitoring')![0];
    expect(release.depends_on).toEqual([`kubernetes_manifest.${namespace}`, `helm_release.${certManager}`]);
    expect(manifestsOf(platform)[namespace].metadata.labels).toEqual({ 'pod-security.kubernetes.io/enforce': 'privileged', 'polycluster.io/managed': 'true' });
  });

  it('gives its namespace the baseline and the traffic it declares, in the policies stack, default deny last', async () => {
    const { stacks, clusters } = await synthWith({ clusters: [EKS] }, { addons: [MONITORING] });
    const policies = manifestsOf(stacks['eks-test-policies']);
    const inMonitoring = Object.entries(policies).filter(([, m]) => m.metadata.namespace === 'monitoring');
    expect(inMonitoring.map(([, m]) => m.metadata.name).sort()).toEqual(
      [
        BASELINE_POLICY.defaultDeny,
        BASELINE_POLICY.dns,
        BASELINE_POLICY.sameNamespaceIngress,
        BASELINE_POLICY.sameNamespaceEgress,
        'allow-to-grafana',
        BASELINE_POLICY.egress,
        ADDON_POLICY.apiServer,
        ADDON_POLICY.webhook('kube-prometheus-stack-prometheus-operator'),
      ].sort(),
    );
    // The Namespace is the platform stack's, not created twice.
    expect(Object.values(policies).some((m) => m.kind === 'Namespace' && m.metadata.name === 'monitoring')).toBe(false);
    const grafana = inMonitoring.find(([, m]) => m.metadata.name === 'allow-to-grafana')![1];
    expect(grafana.spec.ingress[0].ports).toEqual([{ port: 3000, protocol: 'TCP' }]);
    const api = inMonitoring.find(([, m]) => m.metadata.name === ADDON_POLICY.apiServer)![1];
    expect(api.spec.egress.map((r: any) => r.to[0].ipBlock.cidr)).toContain('172.20.0.1/32');
    const webhook = inMonitoring.find(([, m]) => m.metadata.name.startsWith('allow-webhook-'))![1];
    expect(webhook.spec.ingress.every((r: any) => r.ports[0].port === 10250)).toBe(true);
    const deny = Object.entries<any>(resourcesOf(stacks['eks-test-policies'], 'kubernetes_manifest')).find(([, r]) => r.manifest.metadata.namespace === 'monitoring' && r.manifest.metadata.name === 'default-deny')![1];
    expect(deny.depends_on).toHaveLength(inMonitoring.length - 1);
    // The caller's side: web's dashboard may send to grafana.
    const web = clusters[0]!.manifests.find((f) => f.fileName === 'namespace-web.yaml')!;
    expect(web.objects.map((o) => o.metadata.name)).toContain('allow-out.monitoring.grafana.from.dashboard');
    expect(clusters[0]!.manifests.map((f) => f.fileName)).toContain('namespace-monitoring.yaml');
  });

  it('writes objects the Kubernetes schemas accept, labels included', async () => {
    const { clusters, stacks } = await synthWith({ clusters: [{ ...EKS, kubernetesLabels: { 'acme.example/team': 'platform' } }] }, { addons: [MONITORING] });
    const objects = [...clusters[0]!.manifests.find((f) => f.fileName === 'namespace-monitoring.yaml')!.objects, ...Object.values(manifestsOf(stacks['eks-test-platform']))];
    expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(['Namespace', 'NetworkPolicy']));
    for (const object of objects) {
      if (object.kind === 'Namespace') expect(() => new Namespace(object as never).validate()).not.toThrow();
      else if (object.kind === 'NetworkPolicy') expect(() => new NetworkPolicy(object as never).validate(), object.metadata.name).not.toThrow();
      else throw new Error(`unexpected kind ${object.kind}`);
    }
  });

  it('pulls its images through the mirrors and carries the organisation labels where the chart takes them', async () => {
    const spec: ClusterSpec = { ...EKS, egress: { nat: 'none', registryMirrors: MIRRORS }, kubernetesLabels: { 'acme.example/team': 'platform' } };
    const { stacks } = await synthWith({ clusters: [spec] }, { addons: [MONITORING] });
    const values = releaseValues(releaseNamed(stacks['eks-test-platform'], 'kube-prometheus-stack'));
    expect(values.prometheus.prometheusSpec.image.repository).toBe('111122223333.dkr.ecr.eu-west-1.amazonaws.com/quay/prometheus/prometheus');
    expect(values.commonLabels).toEqual({ 'acme.example/team': 'platform' });
    const namespace = Object.values(manifestsOf(stacks['eks-test-platform'])).find((m) => m.kind === 'Namespace')!;
    expect(namespace.metadata.labels['acme.example/team']).toBe('platform');
  });

  it('adds the policies stack to a cluster that had none, and shares a namespace between add-ons', async () => {
    const spec: ClusterSpec = { ...MINIMAL.aws, certManager: { enabled: false } };
    const exporter: PolyClusterAddon = { name: 'node-exporter', chart: { repository: 'oci://ghcr.io/prometheus-community/charts', chart: 'prometheus-node-exporter', version: '4.47.0' }, namespace: 'monitoring', values: () => ({}), dependsOn: ['aws-load-balancer-controller'], network: { exposed: true } };
    const plain = await synthWith({ clusters: [spec] });
    expect(plain.clusters[0]!.resolved.phases).not.toContain('policies');
    const { clusters, stacks } = await synthWith({ clusters: [spec] }, { addons: [{ ...MONITORING, dependsOn: [] }, { ...exporter, dependsOn: ['kube-prometheus-stack'] }] });
    expect(clusters[0]!.resolved.phases).toContain('policies');
    const platform = stacks['eks-test-platform']!;
    expect(Object.values(manifestsOf(platform)).filter((m) => m.kind === 'Namespace')).toHaveLength(1);
    const first = Object.entries<any>(resourcesOf(platform, 'helm_release')).find(([, r]) => r.name === 'kube-prometheus-stack')![0];
    expect(releaseNamed(platform, 'node-exporter').depends_on).toContain(`helm_release.${first}`);
    const names = Object.values(manifestsOf(stacks['eks-test-policies'])).map((m) => m.metadata.name);
    expect(names).toContain(BASELINE_POLICY.loadBalancers);
  });

  it('lets a function choose the add-ons per cluster', async () => {
    const { stacks } = await synthWith({ clusters: [MINIMAL.aws, MINIMAL.gcp] }, { addons: (cluster) => (cluster.cloud === 'aws' ? [MONITORING] : []) });
    expect(Object.values(resourcesOf(stacks['eks-test-platform'], 'helm_release')).map((r: any) => r.name)).toContain('kube-prometheus-stack');
    expect(Object.values(resourcesOf(stacks['gke-test-platform'], 'helm_release')).map((r: any) => r.name)).not.toContain('kube-prometheus-stack');
  });

  it('refuses bad add-ons in defineCluster too, prefixed with the cluster name', () => {
    const dispatcher = new CloudDispatcher(countingLoaders([]));
    dispatcher.register(fakeBuilder('aws'));
    expect(() => defineCluster(Testing.app(), MINIMAL.aws, { dispatcher, addons: [withAddon({ chart: { ...MONITORING.chart, version: 'latest' } })] })).toThrow(
      'eks-test.addons.kube-prometheus-stack.chart.version latest is not an exact chart version: a range or tag floats, so two synths could install different charts: pin one version, e.g. 1.2.3',
    );
  });
});

describe('a bad add-on is refused before anything is built, in the standard format', () => {
  const cases: readonly (readonly [string, ClusterSpec, readonly PolyClusterAddon[], string])[] = [
    ['missing version', EKS, [withAddon({ chart: { repository: MONITORING.chart.repository, chart: 'kube-prometheus-stack' } as never })], 'clusters[0].addons.kube-prometheus-stack.chart.version (missing) is required: an add-on installs one exact chart version: pin the version, e.g. 1.2.3'],
    ['caret range', EKS, [withAddon({ chart: { ...MONITORING.chart, version: '^77' } })], 'clusters[0].addons.kube-prometheus-stack.chart.version ^77 is not an exact chart version'],
    ['tilde range', EKS, [withAddon({ chart: { ...MONITORING.chart, version: '~77.6.0' } })], 'chart.version ~77.6.0 is not an exact chart version'],
    ['latest', EKS, [withAddon({ chart: { ...MONITORING.chart, version: 'latest' } })], 'chart.version latest is not an exact chart version'],
    ['repository alias', EKS, [withAddon({ chart: { repository: '', chart: 'prometheus-community/kube-prometheus-stack', version: '77.6.2' } })], 'chart.chart prometheus-community/kube-prometheus-stack is not a chart name (a repository alias or path does not pin the chart)'],
    ['no repository', EKS, [withAddon({ chart: { repository: '', chart: 'kube-prometheus-stack', version: '77.6.2' } })], 'chart.repository "" is not a chart repository URL (https:// or oci://): without one the chart is unpinned'],
    ['plain http repository', EKS, [withAddon({ chart: { ...MONITORING.chart, repository: 'http://charts.example.com' } })], 'chart.repository http://charts.example.com is not a chart repository URL'],
    ['no chart at all', EKS, [withAddon({ chart: undefined as never })], 'addons.kube-prometheus-stack.chart (missing) is not a pinned chart: write chart: { repository, chart, version }'],
    ['built-in release name', EKS, [withAddon({ name: 'cert-manager' })], 'clusters[0].addons.cert-manager.name cert-manager is the release name of a built-in add-on: choose another name'],
    ['two add-ons with one name', EKS, [MONITORING, MONITORING], 'addons.kube-prometheus-stack.name kube-prometheus-stack is used by another add-on: give every add-on its own release name'],
    ['release name too long', EKS, [withAddon({ name: 'a'.repeat(54) })], `name ${'a'.repeat(54)} is not a Helm release name (a DNS label of at most 53 characters)`],
    ['unusable name', EKS, [withAddon({ name: '' })], 'clusters[0].addons[0].name "" is not a Helm release name'],
    ['kube-system', EKS, [withAddon({ namespace: 'kube-system' })], 'namespace kube-system is owned by Kubernetes or a built-in add-on, whose policies would clash'],
    ['a built-in add-on namespace', EKS, [withAddon({ namespace: 'cert-manager' })], 'namespace cert-manager is owned by Kubernetes or a built-in add-on'],
    ['a namespace of the spec', EKS, [withAddon({ namespace: 'web' })], 'namespace web is a namespace the spec manages (namespaces[]); it would be created twice'],
    ['an invalid namespace', EKS, [withAddon({ namespace: 'Monitoring' })], 'namespace Monitoring is not a namespace name (a DNS label)'],
    ['a polycluster namespace label', EKS, [withAddon({ namespaceLabels: { 'polycluster.io/exposed': 'true' } })], 'namespaceLabels.polycluster.io/exposed polycluster.io/exposed is a label polycluster sets itself'],
    ['an invalid namespace label key', EKS, [withAddon({ namespaceLabels: { 'bad key': 'x' } })], 'namespaceLabels.bad key bad key is not a valid label name'],
    ['an invalid namespace label value', EKS, [withAddon({ namespaceLabels: { team: 'a b' } })], 'namespaceLabels.team a b is not a valid label value'],
    ['a built-in the cluster does not install', EKS, [withAddon({ dependsOn: ['traefik'] })], 'addons.kube-prometheus-stack.dependsOn[0] traefik is a built-in add-on this cluster does not install: name one of: cluster-autoscaler, aws-load-balancer-controller, cert-manager'],
    ['an unknown release', EKS, [withAddon({ dependsOn: ['loki'] })], 'dependsOn[0] loki is not a release installed before this add-on'],
    ['an image without its registry', EKS, [withAddon({ images: ['prom/prometheus'] })], 'images[0] prom/prometheus is not an image repository with its registry host and without a tag'],
    ['an image with a tag', EKS, [withAddon({ images: ['quay.io/prometheus/prometheus:v3.0.0'] })], 'images[0] quay.io/prometheus/prometheus:v3.0.0 is not an image repository'],
    ['a registry without a mirror under nat none', { ...EKS, egress: { nat: 'none', registryMirrors: MIRRORS } }, [withAddon({ images: ['ghcr.io/acme/agent'], values: () => ({}) })], 'clusters[0].egress.registryMirrors {'],
    ['an image the values use without listing it', EKS, [withAddon({ images: ['quay.io/prometheus/prometheus'] })], 'values (eks-test) failed: image quay.io/prometheus-operator/prometheus-operator is not listed in the add-on\'s images (quay.io/prometheus/prometheus)'],
    ['values that are not a function', EKS, [withAddon({ values: { a: 1 } as never })], 'values {"a":1} is not a function of the cluster'],
    ['a bad commonLabelsKey', EKS, [withAddon({ commonLabelsKey: 'common labels' })], 'commonLabelsKey common labels is not a dot path into the chart values'],
    ['an allowance to a bad app', EKS, [withAddon({ network: { allow: [{ from: {}, to: { app: 'Grafana' }, ports: [{ port: 3000 }] }] } })], 'network.allow[0].to.app Grafana is not an app name polycluster can use'],
    ['an allowance without ports', EKS, [withAddon({ network: { allow: [{ from: { namespace: 'web' }, to: { app: 'grafana' }, ports: [] }] } })], 'network.allow[0].ports [] is empty, so the allowance would allow nothing'],
    ['an allowance from a bad cidr', EKS, [withAddon({ network: { allow: [{ from: { cidr: '10.0.0.0/33' }, to: { app: 'grafana' }, ports: [{ port: 3000 }] }] } })], 'network.allow[0].from.cidr 10.0.0.0/33'],
    ['an allowance from a cidr and pods', EKS, [withAddon({ network: { allow: [{ from: { cidr: '10.0.0.0/16', app: 'x' }, to: { app: 'grafana' }, ports: [{ port: 3000 }] }] } })], 'network.allow[0].from {"cidr":"10.0.0.0/16","app":"x"} names both addresses (cidr) and pods (namespace/app)'],
    ['an allowance from a bad namespace', EKS, [withAddon({ network: { allow: [{ from: { namespace: 'Web' }, to: { app: 'grafana' }, ports: [{ port: 3000 }] }] } })], 'network.allow[0].from.namespace Web is not a namespace name'],
    ['a port out of range', EKS, [withAddon({ network: { allow: [{ from: {}, to: { app: 'grafana' }, ports: [{ port: 70000 }] }] } })], 'network.allow[0].ports[0].port 70000 is not a port (1-65535)'],
    ['egress with two destinations', EKS, [withAddon({ network: { egress: [{ cidr: '203.0.113.0/24', fqdns: ['a.example.com'], ports: [{ port: 443 }] }] } })], 'network.egress[0] {"cidr":"203.0.113.0/24","fqdns":["a.example.com"],"ports":[{"port":443}]} needs exactly one destination: cidr or fqdns'],
    ['egress to a bad cidr', EKS, [withAddon({ network: { egress: [{ cidr: 'anywhere', ports: [{ port: 443 }] }] } })], 'network.egress[0].cidr anywhere'],
    ['egress to the metadata server', EKS, [withAddon({ network: { egress: [{ cidr: '169.254.169.254/32', ports: [{ port: 80 }] }] } })], 'network.egress[0].cidr 169.254.169.254/32 is the cloud metadata address, which add-on namespaces keep closed: remove the allowance; give the add-on a workload identity instead of node credentials'],
    ['egress by name on the VPC CNI', EKS, [withAddon({ network: { egress: [{ fqdns: ['api.example.com'], ports: [{ port: 443 }] }] } })], 'network.egress[0].fqdns ["api.example.com"] cannot be enforced with cloud mode vpc-cni on aws'],
    ['a webhook without a usable app', EKS, [withAddon({ network: { webhooks: [{ app: '', port: 9443 }] } })], 'network.webhooks[0].app "" is not an app name (a DNS label)'],
    ['a webhook port out of range', EKS, [withAddon({ network: { webhooks: [{ app: 'operator', port: 0 }] } })], 'network.webhooks[0].port 0 is not a port (1-65535)'],
  ];

  it.each(cases)('%s', async (_title, spec, addons, expected) => {
    const lines = await problemsOf(spec, addons);
    expect(lines.some((line) => line.includes(expected)), lines.join('\n')).toBe(true);
    for (const line of lines) expect(line).toMatch(/^clusters\[0\]\.\S+ .+ .+: .+$/);
  });

  it('lists every problem of every add-on and of the specs at once', async () => {
    const app = Testing.app();
    const broken = { ...MINIMAL.aws, name: 'eks-b', zoneCount: 1 };
    const error = await defineFleet(app, { clusters: [EKS, broken] }, { addons: [withAddon({ chart: { ...MONITORING.chart, version: '^1' }, namespace: 'kube-system' })], dispatcher: new CloudDispatcher(countingLoaders([])) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecValidationError);
    const paths = (error as SpecValidationError).problems.map((p) => `${p.prefix}.${p.path}`);
    expect(paths).toEqual(expect.arrayContaining(['clusters[0].addons.kube-prometheus-stack.chart.version', 'clusters[0].addons.kube-prometheus-stack.namespace', 'clusters[1].zoneCount']));
  });
});
