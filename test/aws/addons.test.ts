import { beforeAll, describe, expect, it } from 'vitest';
import { CHARTS } from '../../constructs/addons/charts';
import { CLUSTER_AUTOSCALER_IMAGE_TAGS } from '../../constructs/addons/cluster-autoscaler';
import { ciliumClusterName } from '../../constructs/addons/cni/cilium';
import { MIRRORS } from '../support/specs';
import { CHART_IMAGES, chartRegistries, isSupportedVersion, registryOf, SpecValidationError } from '../../constructs';
import { dataOf, onlyResource, releaseNamed, resourcesOf, synthCluster, type SynthesizedCluster } from '../support/synth';
import { eks, eksCilium, releaseValues } from './helpers';

const trustOf = (c: SynthesizedCluster, prefix: string) => Object.entries<any>(dataOf(c.stacks.cluster, 'aws_iam_policy_document')).find(([n]) => n.startsWith(`${prefix}_Trust`))![1];
const policyOf = (c: SynthesizedCluster, prefix: string) => Object.entries<any>(dataOf(c.stacks.cluster, 'aws_iam_policy_document')).find(([n]) => n.startsWith(`${prefix}_PolicyDocument`))![1];

describe('EKS add-ons', () => {
  let cilium: SynthesizedCluster;
  let native: SynthesizedCluster;
  beforeAll(async () => {
    cilium = await synthCluster(eksCilium({ cni: { kind: 'cilium', mode: 'eni', encryption: 'wireguard', hubble: true } }));
    native = await synthCluster(eks());
  });

  describe('Cilium in the cni stack', () => {
    it('is the pinned chart, installed without waiting for nodes', () => {
      const release = onlyResource(cilium.stacks.cni, 'helm_release');
      expect(release).toMatchObject({ name: 'cilium', namespace: 'kube-system', repository: 'https://helm.cilium.io', chart: 'cilium', version: CHARTS.cilium.version, wait: false, atomic: false });
      expect(CHARTS.cilium.version).toMatch(/^\d+\.\d+\.\d+$/);
    });

    it('runs ENI IPAM with native routing over the VPC and replaces kube-proxy against the endpoint host', () => {
      const values = releaseValues(onlyResource(cilium.stacks.cni, 'helm_release'));
      expect(values).toMatchObject({
        cluster: { name: 'eks-test' },
        eni: { enabled: true, awsEnablePrefixDelegation: true },
        ipam: { mode: 'eni' },
        routingMode: 'native',
        enableIPv4Masquerade: false,
        bpf: { masquerade: false },
        kubeProxyReplacement: true,
        k8sServicePort: 443,
        encryption: { enabled: true, type: 'wireguard' },
        hubble: { enabled: true, relay: { enabled: true } },
      });
      expect(values.k8sServiceHost).toMatch(/^\$\{replace\(data\.terraform_remote_state\.cross-stack-reference-input-eks-test-cluster\.outputs\.[^,]+endpoint, "https:\/\/", ""\)\}$/);
    });

    it('gives the operator an IRSA role that only its service account can assume, with the ENI actions', () => {
      const values = releaseValues(onlyResource(cilium.stacks.cni, 'helm_release'));
      expect(values.serviceAccounts.operator.annotations['eks.amazonaws.com/role-arn']).toMatch(/CiliumOperatorRole/);
      const trust = trustOf(cilium, 'CiliumOperatorRole').statement[0];
      expect(trust.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
      expect(trust.condition.map((c: any) => c.values[0])).toEqual(['system:serviceaccount:kube-system:cilium-operator', 'sts.amazonaws.com']);
      expect(trust.condition.map((c: any) => c.variable)).toEqual([expect.stringMatching(/:sub$/), expect.stringMatching(/:aud$/)]);
      const actions = policyOf(cilium, 'CiliumOperatorRole').statement.flatMap((s: any) => s.actions);
      expect(actions).toEqual(expect.arrayContaining(['ec2:CreateNetworkInterface', 'ec2:AttachNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:DescribeInstanceTypes']));
    });

    it('logs in through the AWS CLI, with endpoint and CA from the cluster stack and no token in state', () => {
      for (const stack of [cilium.stacks.cni, cilium.stacks.platform]) {
        const helm = stack!.provider.helm[0].kubernetes;
        expect(helm.exec).toEqual({ api_version: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'eks-test', '--region', 'eu-west-1', '--output', 'json'] });
        expect(helm.token).toBeUndefined();
        expect(helm.host).toMatch(/cross-stack-reference-input-eks-test-cluster/);
        expect(helm.cluster_ca_certificate).toMatch(/^\$\{base64decode\(/);
      }
      expect(cilium.stacks.policies!.provider.kubernetes[0].exec[0].command).toBe('aws');
      expect(cilium.stacks.policies!.provider.helm).toBeUndefined();
    });

    it('chains Cilium onto the VPC CNI, which keeps kube-proxy and addressing', async () => {
      const chained = await synthCluster(eks({ cni: { kind: 'cilium', mode: 'chaining' } }));
      const values = releaseValues(onlyResource(chained.stacks.cni, 'helm_release'));
      expect(values).toMatchObject({ cni: { chainingMode: 'aws-cni', exclusive: false }, routingMode: 'native', enableIPv4Masquerade: false, kubeProxyReplacement: false });
      expect(values.k8sServiceHost).toBeUndefined();
      expect(Object.values(resourcesOf(chained.stacks.cluster, 'aws_eks_addon')).map((a) => a.addon_name).sort()).toEqual(['kube-proxy', 'vpc-cni']);
      expect(Object.keys(resourcesOf(chained.stacks.cluster, 'aws_iam_role')).some((n) => n.startsWith('CiliumOperatorRole'))).toBe(false);
    });

    it('runs Cilium as a VXLAN overlay with cluster-pool IPAM from the pod range', async () => {
      const overlay = await synthCluster(eks({ cni: { kind: 'cilium', mode: 'overlay' }, network: { podCidr: '100.64.0.0/14' } }));
      const values = releaseValues(onlyResource(overlay.stacks.cni, 'helm_release'));
      expect(values).toMatchObject({
        ipam: { mode: 'cluster-pool', operator: { clusterPoolIPv4PodCIDRList: ['100.64.0.0/14'], clusterPoolIPv4MaskSize: 24 } },
        routingMode: 'tunnel',
        tunnelProtocol: 'vxlan',
        kubeProxyReplacement: true,
        MTU: 9001,
      });
      expect(overlay.cluster.resolved.cni.webhooks.hostNetwork).toBe(true);
    });
  });

  it('gives Cilium a cluster name its chart accepts, whatever the EKS name', async () => {
    const long = await synthCluster(eksCilium({ name: 'Payments_EU-Production-Cluster-With-A-Long-Name' }));
    const name = releaseValues(onlyResource(long.stacks.cni, 'helm_release')).cluster.name;
    expect(name).toMatch(/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/);
    expect(name).toMatch(/^payments-eu-production-[0-9a-f]{8}$/);
    expect(ciliumClusterName('eks-test')).toBe('eks-test');
    expect(ciliumClusterName('eks_test')).not.toBe(ciliumClusterName('eks-test'));
  });

  describe('Calico in the cni stack', () => {
    it('puts the Tigera operator on the VPC CNI in policy-only mode, with the VPC CNI agent turned off', async () => {
      const policy = await synthCluster(eks({ cni: { kind: 'calico', mode: 'policy-only', encryption: 'wireguard' } }));
      const release = onlyResource(policy.stacks.cni, 'helm_release');
      expect(release).toMatchObject({ name: 'calico', namespace: 'tigera-operator', create_namespace: true, repository: 'https://docs.tigera.io/calico/charts', chart: 'tigera-operator', version: CHARTS.tigeraOperator.version, wait: false });
      const values = releaseValues(release);
      expect(values.installation).toEqual({ enabled: true, kubernetesProvider: 'EKS', cni: { type: 'AmazonVPC', ipam: { type: 'AmazonVPC' } }, controlPlaneReplicas: 2 });
      expect(values.defaultFelixConfiguration).toEqual({ enabled: true, wireguardEnabled: true });
      const addons = Object.values(resourcesOf(policy.stacks.cluster, 'aws_eks_addon'));
      expect(addons.map((a) => a.addon_name).sort()).toEqual(['kube-proxy', 'vpc-cni']);
      const vpcCni = JSON.parse(addons.find((a) => a.addon_name === 'vpc-cni').configuration_values);
      expect(vpcCni.enableNetworkPolicy).toBe('false');
      expect(vpcCni.env.ANNOTATE_POD_IP).toBe('true');
      expect(policy.cluster.resolved.cni.policyEnforcer).toBe('Calico');
    });

    it('replaces the VPC CNI with Calico VXLAN from the pod range, keeping the kube-proxy add-on', async () => {
      const vxlan = await synthCluster(eks({ cni: { kind: 'calico', mode: 'vxlan' }, network: { podCidr: '100.64.0.0/14' } }));
      const values = releaseValues(onlyResource(vxlan.stacks.cni, 'helm_release'));
      expect(values.installation).toMatchObject({
        kubernetesProvider: 'EKS',
        cni: { type: 'Calico', ipam: { type: 'Calico' } },
        calicoNetwork: {
          bgp: 'Disabled',
          mtu: 8951,
          ipPools: [{ name: 'default-ipv4-ippool', cidr: '100.64.0.0/14', blockSize: 26, encapsulation: 'VXLAN', natOutgoing: 'Enabled', nodeSelector: 'all()' }],
        },
      });
      expect(Object.values(resourcesOf(vxlan.stacks.cluster, 'aws_eks_addon')).map((a) => a.addon_name)).toEqual(['kube-proxy']);
      expect(onlyResource(vxlan.stacks.cluster, 'aws_eks_cluster').bootstrap_self_managed_addons).toBe(false);
      expect(vxlan.cluster.resolved.cni.webhooks).toEqual({ hostNetwork: true, hostPorts: { 'cert-manager': 10260, 'aws-load-balancer-controller': 10261 } });
    });
  });

  describe('Cluster Autoscaler in the platform stack', () => {
    it('is the pinned chart, discovering the node groups of this cluster', () => {
      const release = releaseNamed(native.stacks.platform, 'cluster-autoscaler');
      expect(release).toMatchObject({ name: 'cluster-autoscaler', namespace: 'kube-system', chart: 'cluster-autoscaler', version: CHARTS.clusterAutoscaler.version, wait: true });
      const values = releaseValues(release);
      expect(values).toMatchObject({ cloudProvider: 'aws', awsRegion: 'eu-west-1', autoDiscovery: { clusterName: 'eks-test' }, image: { tag: 'v1.34.0' } });
      expect(values.rbac.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toMatch(/ClusterAutoscalerRole/);
    });

    it('has an image for every Kubernetes version EKS supports, matching its minor', () => {
      const supported = Array.from({ length: 30 }, (_, i) => `1.${20 + i}`).filter((v) => isSupportedVersion('aws', v));
      expect(supported.length).toBeGreaterThanOrEqual(4);
      for (const version of supported) expect(CLUSTER_AUTOSCALER_IMAGE_TAGS[version]).toMatch(new RegExp(`^v${version.replace('.', '\\.')}\\.\\d+$`));
    });

    it('may change only the Auto Scaling groups of its own cluster', () => {
      const statements = policyOf(native, 'ClusterAutoscalerRole').statement;
      const scale = statements.find((s: any) => s.sid === 'ScaleOwnGroups');
      expect(scale.actions).toEqual(['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup']);
      expect(scale.condition).toEqual([{ test: 'StringEquals', variable: 'aws:ResourceTag/k8s.io/cluster-autoscaler/eks-test', values: ['owned'] }]);
      const trust = trustOf(native, 'ClusterAutoscalerRole').statement[0];
      expect(trust.condition[0].values).toEqual(['system:serviceaccount:kube-system:cluster-autoscaler']);
    });
  });

  it('pulls every chart image through the registry mirrors when the VPC has no NAT', async () => {
    const isolated = await synthCluster(eksCilium({ egress: { nat: 'none', registryMirrors: MIRRORS } }));
    const cilium = releaseValues(onlyResource(isolated.stacks.cni, 'helm_release'));
    const quay = MIRRORS['quay.io'];
    expect(cilium.image.repository).toBe(`${quay}/cilium/cilium`);
    expect(cilium.operator.image.repository).toBe(`${quay}/cilium/operator`);
    expect(cilium.envoy.image.repository).toBe(`${quay}/cilium/cilium-envoy`);
    expect(cilium.hubble.relay.image.repository).toBe(`${quay}/cilium/hubble-relay`);
    const autoscaler = releaseValues(releaseNamed(isolated.stacks.platform, 'cluster-autoscaler'));
    expect(autoscaler.image).toEqual({ repository: `${MIRRORS['registry.k8s.io']}/autoscaling/cluster-autoscaler`, tag: 'v1.34.0' });
    // Without mirrors the charts keep their own repositories (and digests).
    const upstream = releaseValues(releaseNamed(native.stacks.platform, 'cluster-autoscaler'));
    expect(upstream.image).toEqual({ tag: 'v1.34.0' });
  });

  it('pulls the Tigera operator and every Calico image through the quay.io mirror', async () => {
    const isolated = await synthCluster(eks({ cni: { kind: 'calico', mode: 'vxlan' }, egress: { nat: 'none', registryMirrors: MIRRORS } }));
    const values = releaseValues(onlyResource(isolated.stacks.cni, 'helm_release'));
    expect(values.tigeraOperator).toEqual({ registry: MIRRORS['quay.io'] });
    expect(values.installation.registry).toBe(`${MIRRORS['quay.io']}/`);
  });

  it('knows the registries of every chart from its images', () => {
    expect(chartRegistries('cilium')).toEqual(['quay.io']);
    expect(chartRegistries('tigera-operator')).toEqual(['quay.io']);
    expect(chartRegistries('cluster-autoscaler')).toEqual(['registry.k8s.io']);
    expect(registryOf(CHART_IMAGES.cilium.operator)).toBe('quay.io');
  });

  it('names no IAM role longer than IAM allows, even for a 100-character cluster name', async () => {
    const long = await synthCluster(eks({ name: `e${'k'.repeat(99)}` }));
    const roles = Object.values(resourcesOf(long.stacks.cluster, 'aws_iam_role')).concat(Object.values(resourcesOf(long.stacks.nodes, 'aws_iam_role')));
    expect(roles.length).toBeGreaterThan(3);
    for (const role of roles) expect(role.name.length).toBeLessThanOrEqual(64);
    expect(new Set(roles.map((r) => r.name)).size).toBe(roles.length);
  });

  it('validates the spec before building anything', async () => {
    await expect(synthCluster(eks({ zoneCount: 1 }))).rejects.toBeInstanceOf(SpecValidationError);
  });
});
