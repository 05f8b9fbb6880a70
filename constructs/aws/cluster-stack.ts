import { TerraformOutput, type TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';
import { AdminAccessEntries } from './access-entries';
import { Account } from './account';
import { createCertManagerRole, type CertManagerDns01Identity } from './cert-manager-identity';
import { ManagedAddon } from './eks-addon';
import { EksControlPlane } from './eks-cluster';
import { ciliumOperatorStatements, clusterAutoscalerStatements } from './iam-policies';
import { ClusterOidc, ServiceAccountRole } from './identities';
import { createIngressRoles, type IngressRoles } from './ingress-identities';
import { ClusterKeys } from './kms';
import { ClusterNetwork } from './network';
import { CILIUM_RELEASE } from '../addons/cni/cilium';
import { CLUSTER_AUTOSCALER_RELEASE } from '../addons/cluster-autoscaler';

/** What later stacks of an EKS cluster take from its cluster stack. */
export interface EksClusterStack {
  readonly controlPlane: EksControlPlane;
  readonly network: ClusterNetwork;
  /** IRSA roles of the add-ons installed by later stacks. */
  readonly roles: { readonly ciliumOperator?: ServiceAccountRole; readonly clusterAutoscaler: ServiceAccountRole };
  /** IRSA roles of the load balancer controller and ExternalDNS. */
  readonly ingress: IngressRoles;
  /** cert-manager's IRSA role and hosted zones; present only for the DNS01 solver. */
  readonly certManager?: CertManagerDns01Identity;
}

/**
 * The cluster stack: network, keys, control plane, access entries, the OIDC provider, the IAM
 * roles of every add-on (with the load balancer controller, ExternalDNS and cert-manager's DNS01
 * solver, each with the hosted zones it may change), and the add-ons that
 * must run before any node (VPC CNI, kube-proxy).
 */
export function buildClusterStack(stack: TerraformStack, cluster: ResolvedCluster): EksClusterStack {
  const account = new Account(stack, 'Account');
  const keys = new ClusterKeys(stack, 'Keys', cluster, account);
  const network = new ClusterNetwork(stack, 'Network', cluster, keys.logs.arn);
  const controlPlane = new EksControlPlane(stack, 'ControlPlane', {
    cluster,
    account,
    subnets: network.privateSubnets,
    secretsKeyArn: keys.secrets.arn,
    logsKeyArn: keys.logs.arn,
  });
  const eks = controlPlane.cluster;
  new AdminAccessEntries(stack, 'Access', cluster, eks, account);
  const oidc = new ClusterOidc(stack, 'Oidc', eks.identity.get(0).oidc.get(0).issuer);
  const irsa = { clusterName: cluster.name, oidc, account };

  // The cloud CNI stays unless the CNI replaces it; it gets its own role rather than the node's.
  if (!cluster.cni.cell.replacesCloudCni) {
    const vpcCniRole = new ServiceAccountRole(stack, 'VpcCniRole', { ...irsa, name: 'vpc-cni', namespace: 'kube-system', serviceAccount: 'aws-node', managedPolicies: ['AmazonEKS_CNI_Policy'] });
    new ManagedAddon(stack, 'VpcCni', {
      clusterName: eks.name,
      kubernetesVersion: cluster.kubernetesVersion,
      addonName: 'vpc-cni',
      serviceAccountRoleArn: vpcCniRole.role.arn,
      configuration: {
        // Prefix delegation gives every node enough addresses for the pool's maxPods.
        env: {
          ENABLE_PREFIX_DELEGATION: 'true',
          WARM_PREFIX_TARGET: '1',
          // Calico on the VPC CNI learns a new pod's address from this annotation rather than
          // from the pod status, so its policy applies from the pod's first packet (AWS guidance).
          ...(cluster.cni.kind === 'calico' ? { ANNOTATE_POD_IP: 'true' } : {}),
        },
        // Only when the VPC CNI is the enforcer: a chained Cilium or Calico policy-only enforces
        // instead, and two enforcers of one policy set would fight over the same packets. On
        // whenever it enforces, baseline policies or not: users' own policies must hold too.
        enableNetworkPolicy: cluster.cni.kind === 'cloud' ? 'true' : 'false',
      },
    });
  }
  if (!cluster.cni.kubeProxyReplacement) {
    new ManagedAddon(stack, 'KubeProxy', { clusterName: eks.name, kubernetesVersion: cluster.kubernetesVersion, addonName: 'kube-proxy' });
  }

  const ciliumOperator =
    cluster.cni.kind === 'cilium' && cluster.cni.selfInstalled && cluster.cni.mode === 'eni'
      ? new ServiceAccountRole(stack, 'CiliumOperatorRole', { ...irsa, name: 'cilium-operator', namespace: CILIUM_RELEASE.namespace, serviceAccount: 'cilium-operator', statements: ciliumOperatorStatements() })
      : undefined;
  const clusterAutoscaler = new ServiceAccountRole(stack, 'ClusterAutoscalerRole', {
    ...irsa,
    name: 'cluster-autoscaler',
    namespace: CLUSTER_AUTOSCALER_RELEASE.namespace,
    serviceAccount: CLUSTER_AUTOSCALER_RELEASE.serviceAccount,
    statements: clusterAutoscalerStatements(cluster.name),
  });

  const ingress = createIngressRoles(stack, cluster, oidc, account, network.vpc.id);
  const certManager = createCertManagerRole(stack, cluster, oidc, account);

  outputs(stack, controlPlane, network, oidc);
  return { controlPlane, network, roles: { ...(ciliumOperator ? { ciliumOperator } : {}), clusterAutoscaler }, ingress, ...(certManager ? { certManager } : {}) };
}

/** What operators and partners read after a deploy: how to reach the cluster and the egress IPs. */
function outputs(stack: TerraformStack, controlPlane: EksControlPlane, network: ClusterNetwork, oidc: ClusterOidc): void {
  const eks = controlPlane.cluster;
  const out = (id: string, value: unknown, description: string) => new TerraformOutput(stack, id, { value, description });
  out('cluster_name', eks.name, 'EKS cluster name');
  out('cluster_endpoint', eks.endpoint, 'API server endpoint (private unless the deployer CIDRs opened it)');
  out('cluster_certificate_authority', eks.certificateAuthority.get(0).data, 'Cluster CA, base64-encoded PEM');
  out('oidc_issuer_url', eks.identity.get(0).oidc.get(0).issuer, 'OIDC issuer for IAM roles for service accounts');
  out('oidc_provider_arn', oidc.provider.arn, 'IAM OIDC provider');
  out('egress_ips', network.natIps.map((ip) => ip.publicIp), 'Public addresses of the NAT gateways: the egress IPs partners allowlist (empty when egress.nat is none)');
  out('vpc_id', network.vpc.id, 'VPC id');
  out('private_subnet_ids', network.privateSubnets.map((s) => s.id), 'Node subnets, one per zone');
  out('public_subnet_ids', network.publicSubnets.map((s) => s.id), 'Load balancer subnets, one per zone');
}
