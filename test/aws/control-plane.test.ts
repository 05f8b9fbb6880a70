import { beforeAll, describe, expect, it } from 'vitest';
import { dataOf, onlyResource, resourcesOf, synthCluster, type SynthesizedCluster } from '../support/synth';
import { ADMIN_ROLE, DEPLOYER_ROLE, eks, eksCilium } from './helpers';

const find = (stack: any, type: string, pattern: RegExp) => Object.entries<any>(resourcesOf(stack, type)).find(([name]) => pattern.test(name))?.[1];

describe('EKS control plane', () => {
  let native: SynthesizedCluster;
  let open: SynthesizedCluster;
  let cilium: SynthesizedCluster;
  beforeAll(async () => {
    native = await synthCluster(eks({ access: { admins: [ADMIN_ROLE], deployer: { principal: DEPLOYER_ROLE } } }));
    open = await synthCluster(eks({ access: { deployer: { network: { from: 'cidrs', cidrs: ['52.94.76.0/24', '3.5.140.0/22'] } } } }));
    cilium = await synthCluster(eksCilium());
  });

  it('keeps the endpoint private when the deployer runs inside the network', () => {
    const { vpc_config } = onlyResource(native.stacks.cluster, 'aws_eks_cluster');
    expect(vpc_config.endpoint_private_access).toBe(true);
    expect(vpc_config.endpoint_public_access).toBe(false);
    expect(vpc_config.public_access_cidrs).toBeUndefined();
  });

  it('opens the public endpoint only to the deployer CIDRs, never to 0.0.0.0/0', () => {
    const { vpc_config } = onlyResource(open.stacks.cluster, 'aws_eks_cluster');
    expect(vpc_config.endpoint_private_access).toBe(true);
    expect(vpc_config.endpoint_public_access).toBe(true);
    expect(vpc_config.public_access_cidrs).toEqual(['52.94.76.0/24', '3.5.140.0/22']);
  });

  it('places the control plane in the private subnets with the spec service range and version', () => {
    const eksCluster = onlyResource(native.stacks.cluster, 'aws_eks_cluster');
    expect(eksCluster.vpc_config.subnet_ids).toHaveLength(3);
    for (const id of eksCluster.vpc_config.subnet_ids) expect(id).toMatch(/aws_subnet\.Network_Private\d_/);
    expect(eksCluster.kubernetes_network_config).toEqual({ ip_family: 'ipv4', service_ipv4_cidr: '172.20.0.0/16' });
    expect(eksCluster.version).toBe('1.34');
  });

  it('sends all five log types to a retained, encrypted log group created first', () => {
    const stack = native.stacks.cluster;
    const eksCluster = onlyResource(stack, 'aws_eks_cluster');
    expect(eksCluster.enabled_cluster_log_types).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    const [name, group] = Object.entries<any>(resourcesOf(stack, 'aws_cloudwatch_log_group')).find(([, g]) => g.name === '/aws/eks/eks-test/cluster')!;
    expect(group.retention_in_days).toBe(365);
    expect(group.kms_key_id).toMatch(/aws_kms_key\.Keys_Logs_/);
    expect(eksCluster.depends_on).toContain(`aws_cloudwatch_log_group.${name}`);
  });

  it('keeps 30 days of logs on the development profile and says so in the output', async () => {
    const dev = await synthCluster(eks({ profile: 'development' }));
    const groups = Object.values(resourcesOf(dev.stacks.cluster, 'aws_cloudwatch_log_group'));
    expect(groups.map((g) => g.retention_in_days)).toEqual([30, 30]);
    const exceptions = dev.stacks.cluster!.output.polycluster_posture_exceptions.value;
    expect(exceptions.map((e: any) => e.path)).toContain('security.logRetentionDays');
  });

  it('encrypts secrets with a customer key that rotates', () => {
    const stack = native.stacks.cluster;
    const { encryption_config } = onlyResource(stack, 'aws_eks_cluster');
    expect(encryption_config.resources).toEqual(['secrets']);
    expect(encryption_config.provider.key_arn).toMatch(/aws_kms_key\.Keys_Secrets_.*\.arn/);
    for (const key of Object.values(resourcesOf(stack, 'aws_kms_key'))) {
      expect(key.enable_key_rotation).toBe(true);
      expect(key.deletion_window_in_days).toBe(30);
    }
  });

  it('lets CloudWatch Logs use the logs key only for log groups of this account and region', () => {
    const doc = Object.entries<any>(dataOf(native.stacks.cluster, 'aws_iam_policy_document')).find(([name]) => name.startsWith('Keys_LogsPolicy'))![1];
    const logs = doc.statement.find((s: any) => s.sid === 'CloudWatchLogsEncrypts');
    expect(logs.principals[0].identifiers[0]).toMatch(/^logs\.eu-west-1\./);
    expect(logs.condition[0]).toMatchObject({ test: 'ArnLike', variable: 'kms:EncryptionContext:aws:logs:arn' });
    expect(logs.condition[0].values[0]).toMatch(/:logs:eu-west-1:.*:log-group:\*$/);
  });

  it('authenticates with access entries only, granting cluster admin to the admins and the deployer', () => {
    const stack = native.stacks.cluster;
    const { access_config } = onlyResource(stack, 'aws_eks_cluster');
    expect(access_config).toEqual({ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false });
    const entries = Object.values(resourcesOf(stack, 'aws_eks_access_entry'));
    expect(entries.map((e) => e.principal_arn)).toEqual([ADMIN_ROLE, DEPLOYER_ROLE]);
    expect(entries.every((e) => e.type === 'STANDARD')).toBe(true);
    const associations = Object.values(resourcesOf(stack, 'aws_eks_access_policy_association'));
    expect(associations).toHaveLength(2);
    for (const a of associations) {
      expect(a.policy_arn).toMatch(/:eks::aws:cluster-access-policy\/AmazonEKSClusterAdminPolicy$/);
      expect(a.access_scope).toEqual({ type: 'cluster' });
    }
  });

  it('lets the identity that creates the cluster in when no deployer principal is named', () => {
    expect(onlyResource(open.stacks.cluster, 'aws_eks_cluster').access_config.bootstrap_cluster_creator_admin_permissions).toBe(true);
    expect(resourcesOf(open.stacks.cluster, 'aws_eks_access_entry')).toEqual({});
  });

  it('grants a deployer that is also an admin once', async () => {
    const both = await synthCluster(eks({ access: { admins: [DEPLOYER_ROLE], deployer: { principal: DEPLOYER_ROLE } } }));
    expect(Object.keys(resourcesOf(both.stacks.cluster, 'aws_eks_access_entry'))).toHaveLength(1);
  });

  it('creates the IAM OIDC provider from the cluster issuer', () => {
    const oidc = onlyResource(native.stacks.cluster, 'aws_iam_openid_connect_provider');
    expect(oidc.client_id_list).toEqual(['sts.amazonaws.com']);
    expect(oidc.url).toMatch(/aws_eks_cluster\..*\.identity\[0\]\.oidc\[0\]\.issuer/);
  });

  it('never bootstraps the self-managed add-ons, so switching CNI never replaces the cluster', () => {
    expect(onlyResource(native.stacks.cluster, 'aws_eks_cluster').bootstrap_self_managed_addons).toBe(false);
    expect(onlyResource(cilium.stacks.cluster, 'aws_eks_cluster').bootstrap_self_managed_addons).toBe(false);
  });

  it('installs the VPC CNI with network policy enforcement on, under its own IRSA role, and kube-proxy', () => {
    const stack = native.stacks.cluster;
    const addons = Object.values(resourcesOf(stack, 'aws_eks_addon'));
    expect(addons.map((a) => a.addon_name).sort()).toEqual(['kube-proxy', 'vpc-cni']);
    const vpcCni = addons.find((a) => a.addon_name === 'vpc-cni');
    expect(JSON.parse(vpcCni.configuration_values)).toEqual({ env: { ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '1' }, enableNetworkPolicy: 'true' });
    expect(vpcCni.service_account_role_arn).toMatch(/aws_iam_role\.VpcCniRole_[0-9A-F]{8}\.arn/);
    expect(vpcCni.resolve_conflicts_on_update).toBe('OVERWRITE');
    const attachment = find(stack, 'aws_iam_role_policy_attachment', /^VpcCniRole_/);
    expect(attachment.policy_arn).toMatch(/:iam::aws:policy\/AmazonEKS_CNI_Policy$/);
  });

  it('installs neither the VPC CNI nor kube-proxy when Cilium replaces both', () => {
    expect(resourcesOf(cilium.stacks.cluster, 'aws_eks_addon')).toEqual({});
    expect(find(cilium.stacks.cluster, 'aws_iam_role', /^VpcCniRole_/)).toBeUndefined();
  });

  it('installs kube-proxy when Cilium runs without kube-proxy replacement', async () => {
    const withKubeProxy = await synthCluster(eks({ cni: { kind: 'cilium', mode: 'eni', kubeProxyReplacement: false } }));
    const addons = Object.values(resourcesOf(withKubeProxy.stacks.cluster, 'aws_eks_addon'));
    expect(addons.map((a) => a.addon_name)).toEqual(['kube-proxy']);
  });

  it('pins add-on versions to the default of the cluster version', () => {
    for (const version of Object.values(dataOf(native.stacks.cluster, 'aws_eks_addon_version'))) {
      expect(version).toMatchObject({ kubernetes_version: '1.34', most_recent: false });
    }
  });

  it('restricts the account with allowed_account_ids when the spec names one', async () => {
    const pinned = await synthCluster(eks({ aws: { accountId: '111122223333' } }));
    expect(pinned.stacks.cluster!.provider.aws[0].allowed_account_ids).toEqual(['111122223333']);
    expect(native.stacks.cluster!.provider.aws[0].allowed_account_ids).toBeUndefined();
    expect(native.stacks.cluster!.provider.aws[0].default_tags[0].tags).toMatchObject({ 'polycluster-cluster': 'eks-test', 'polycluster-profile': 'production' });
  });

  it('outputs how to reach the cluster', () => {
    const out = native.stacks.cluster!.output;
    expect(Object.keys(out).filter((k) => !k.startsWith("cross-stack-output")).sort()).toEqual(
      ['cluster_certificate_authority', 'cluster_endpoint', 'cluster_name', 'egress_ips', 'oidc_issuer_url', 'oidc_provider_arn', 'polycluster_posture_exceptions', 'private_subnet_ids', 'public_subnet_ids', 'vpc_id'].sort(),
    );
    expect(out.cluster_endpoint.value).toMatch(/aws_eks_cluster\..*\.endpoint/);
  });
});

describe('EKS private endpoint access', () => {
  const rules = (c: SynthesizedCluster) => Object.values(resourcesOf(c.stacks.cluster, 'aws_vpc_security_group_ingress_rule')).filter((r) => r.description.startsWith('Kubernetes API'));

  it('admits the VPC to the private endpoint by default, through the cluster security group', async () => {
    const c = await synthCluster(eks());
    expect(rules(c)).toEqual([
      expect.objectContaining({ cidr_ipv4: '10.0.0.0/16', from_port: 443, to_port: 443, ip_protocol: 'tcp', security_group_id: expect.stringMatching(/aws_eks_cluster\..*\.vpc_config\[0\]\.cluster_security_group_id/) }),
    ]);
  });

  it('admits exactly the named runner ranges', async () => {
    const c = await synthCluster(eks({ access: { deployer: { network: { from: 'network', privateCidrs: ['10.50.0.0/24', '172.31.8.0/22'] } } } }));
    expect(rules(c).map((r) => r.cidr_ipv4)).toEqual(['10.50.0.0/24', '172.31.8.0/22']);
  });

  it('lets the control-plane role use the secrets key, and nothing else', async () => {
    const c = await synthCluster(eks());
    const doc = Object.entries<any>(dataOf(c.stacks.cluster, 'aws_iam_policy_document')).find(([name]) => name.startsWith('ControlPlane_SecretsKeyUsePolicy'))![1];
    expect(doc.statement).toEqual([{ effect: 'Allow', actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'], resources: [expect.stringMatching(/aws_kms_key\.Keys_Secrets_.*\.arn/)] }]);
    expect(onlyResource(c.stacks.cluster, 'aws_eks_cluster').depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_iam_role_policy\.ControlPlane_SecretsKeyUse_/)]));
  });

  it('names access entries by principal, so removing an admin touches no other entry', async () => {
    const two = await synthCluster(eks({ access: { admins: [ADMIN_ROLE, DEPLOYER_ROLE] } }));
    const one = await synthCluster(eks({ access: { admins: [DEPLOYER_ROLE] } }));
    const names = (c: SynthesizedCluster) => Object.entries<any>(resourcesOf(c.stacks.cluster, 'aws_eks_access_entry')).map(([name, e]) => [name, e.principal_arn]);
    expect(names(two)).toContainEqual(names(one)[0]);
  });
});
