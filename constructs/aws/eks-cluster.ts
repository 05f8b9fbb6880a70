import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Construct } from 'constructs';
import { cellKey, type ResolvedCluster } from '../spec';
import { CONTROL_PLANE_LOGS } from '../spec/control-plane-logs';
import type { Account } from './account';
import { CNI_TAG } from './cni-switch';
import { controlPlaneLogGroup, awsName } from './names';
import { policyDocument, serviceTrust } from './policy-document';

/** Every control-plane log type EKS offers; CIS EKS 2.1.1 wants all of them. */
export const CONTROL_PLANE_LOG_TYPES: string[] = [...CONTROL_PLANE_LOGS.aws];

export interface EksControlPlaneProps {
  readonly cluster: ResolvedCluster;
  readonly account: Account;
  readonly subnets: readonly Subnet[];
  readonly secretsKeyArn: string;
  readonly logsKeyArn: string;
}

/**
 * The EKS control plane: its IAM role, the retained and encrypted log group it writes all five
 * log types to, secrets envelope-encrypted with the cluster's KMS key, a private endpoint (public
 * only for the deployer's CIDRs), and API authentication with access entries.
 *
 * The cluster is always created without EKS's self-managed add-ons: the VPC CNI, kube-proxy and
 * CoreDNS are managed add-ons where they are wanted. `bootstrap_self_managed_addons` forces a new
 * cluster, so keeping it constant means switching CNI never replaces the control plane.
 */
export class EksControlPlane extends Construct {
  readonly cluster: EksCluster;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: EksControlPlaneProps) {
    super(scope, id);
    const { cluster, account } = props;

    this.role = new IamRole(this, 'Role', {
      name: awsName(cluster.name, 'eks-control-plane'),
      assumeRolePolicy: serviceTrust(this, 'Trust', 'eks.amazonaws.com').json,
    });
    const policy = new IamRolePolicyAttachment(this, 'ClusterPolicy', { role: this.role.name, policyArn: account.managedPolicy('AmazonEKSClusterPolicy') });
    // The key policy defers to IAM; EKS uses the key as this role (and checks it can).
    const keyUse = new IamRolePolicy(this, 'SecretsKeyUse', {
      role: this.role.id,
      name: 'encrypt-secrets',
      policy: policyDocument(this, 'SecretsKeyUsePolicy', [
        { effect: 'Allow', actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'], resources: [props.secretsKeyArn] },
      ]).json,
    });

    // Created before the cluster so that EKS writes to it instead of creating an unencrypted,
    // never-expiring group of the same name.
    const logs = new CloudwatchLogGroup(this, 'LogGroup', {
      name: controlPlaneLogGroup(cluster.name),
      retentionInDays: cluster.security.logRetentionDays,
      kmsKeyId: props.logsKeyArn,
    });

    const { deployer } = cluster.access;
    this.cluster = new EksCluster(this, 'Cluster', {
      name: cluster.name,
      version: cluster.kubernetesVersion,
      roleArn: this.role.arn,
      vpcConfig: {
        subnetIds: props.subnets.map((s) => s.id),
        endpointPrivateAccess: true,
        endpointPublicAccess: deployer.publicEndpoint,
        // Never the provider's 0.0.0.0/0 default: only the deployer's CIDRs, when public at all.
        ...(deployer.publicEndpoint ? { publicAccessCidrs: [...deployer.publicCidrs] } : {}),
      },
      kubernetesNetworkConfig: { ipFamily: 'ipv4', serviceIpv4Cidr: cluster.network.serviceCidr },
      enabledClusterLogTypes: CONTROL_PLANE_LOG_TYPES,
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: props.secretsKeyArn } },
      accessConfig: {
        authenticationMode: 'API',
        // Without a named deployer, the identity running the first deploy must be able to reach
        // the cluster; with one, only access entries grant access.
        bootstrapClusterCreatorAdminPermissions: deployer.principal === undefined,
      },
      bootstrapSelfManagedAddons: false,
      // The CNI cell, so a CNI change shows in every plan of this stack (and the synth warning
      // can tell which cell the previous synthesis had).
      tags: { [CNI_TAG]: cellKey(cluster.cni.cell) },
      dependsOn: [policy, keyUse, logs],
    });

    // EKS's cluster security group admits only itself; the deployer's runners reach the private
    // endpoint through these rules (DESIGN.md "Deploy access").
    deployer.privateCidrs.forEach((cidr, i) => {
      new VpcSecurityGroupIngressRule(this, `PrivateEndpointAccess${i}`, {
        securityGroupId: this.cluster.vpcConfig.clusterSecurityGroupId,
        description: `Kubernetes API from the deployer range ${cidr}`,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
      });
    });
  }
}
