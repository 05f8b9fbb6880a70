import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import type { Account } from './account';
import { awsName } from './names';
import { policyDocument } from './policy-document';

/** The cluster's IAM OIDC provider, the trust anchor of every IAM role for a service account. */
export class ClusterOidc extends Construct {
  readonly provider: IamOpenidConnectProvider;
  /** The issuer without `https://`, the prefix of the token's claim keys. */
  readonly issuerHostPath: string;

  constructor(scope: Construct, id: string, issuerUrl: string) {
    super(scope, id);
    this.provider = new IamOpenidConnectProvider(this, 'Provider', { url: issuerUrl, clientIdList: ['sts.amazonaws.com'] });
    this.issuerHostPath = Fn.replace(this.provider.url, 'https://', '');
  }
}

/** An IAM role for one Kubernetes service account. */
export interface ServiceAccountRoleProps {
  readonly clusterName: string;
  readonly oidc: ClusterOidc;
  readonly account: Account;
  /** The role name suffix, e.g. `cilium-operator`. */
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** AWS-managed policies by name. */
  readonly managedPolicies?: readonly string[];
  /** An inline policy. */
  readonly statements?: DataAwsIamPolicyDocumentStatement[];
}

/**
 * IRSA: a role only the named service account of this cluster can assume (the token's `sub` and
 * `aud` claims are both pinned), so no other pod, namespace or cluster can borrow it.
 */
export class ServiceAccountRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ServiceAccountRoleProps) {
    super(scope, id);
    const trust = policyDocument(this, 'Trust', [
      {
        effect: 'Allow',
        actions: ['sts:AssumeRoleWithWebIdentity'],
        principals: [{ type: 'Federated', identifiers: [props.oidc.provider.arn] }],
        condition: [
          { test: 'StringEquals', variable: `${props.oidc.issuerHostPath}:sub`, values: [`system:serviceaccount:${props.namespace}:${props.serviceAccount}`] },
          { test: 'StringEquals', variable: `${props.oidc.issuerHostPath}:aud`, values: ['sts.amazonaws.com'] },
        ],
      },
    ]);
    this.role = new IamRole(this, 'Role', {
      name: awsName(props.clusterName, props.name),
      description: `${props.namespace}/${props.serviceAccount} in ${props.clusterName}`,
      assumeRolePolicy: trust.json,
    });
    for (const policy of props.managedPolicies ?? []) {
      new IamRolePolicyAttachment(this, policy, { role: this.role.name, policyArn: props.account.managedPolicy(policy) });
    }
    if (props.statements) {
      new IamRolePolicy(this, 'Policy', { role: this.role.id, name: props.name, policy: policyDocument(this, 'PolicyDocument', props.statements).json });
    }
  }
}
