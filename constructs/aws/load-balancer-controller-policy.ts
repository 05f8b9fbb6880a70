import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';

/** The tag the AWS Load Balancer Controller puts on everything it creates, valued with its cluster name. */
export const LBC_CLUSTER_TAG = 'elbv2.k8s.aws/cluster';

/** Where the controller's load balancers, target groups, listeners and rules live. */
interface ElbArns {
  readonly balancersAndGroups: string[];
  readonly listenersAndRules: string[];
  readonly targetGroups: string[];
  readonly securityGroups: string[];
}

function elbArns(partition: string, region: string, account: string): ElbArns {
  const elb = `arn:${partition}:elasticloadbalancing:${region}:${account}`;
  return {
    balancersAndGroups: [`${elb}:targetgroup/*/*`, `${elb}:loadbalancer/net/*/*`, `${elb}:loadbalancer/app/*/*`],
    listenersAndRules: [`${elb}:listener/net/*/*/*`, `${elb}:listener/app/*/*/*`, `${elb}:listener-rule/net/*/*/*`, `${elb}:listener-rule/app/*/*/*`],
    targetGroups: [`${elb}:targetgroup/*/*`],
    securityGroups: [`arn:${partition}:ec2:${region}:${account}:security-group/*`],
  };
}

/**
 * The controller's IAM policy: every action of its published policy (a test checks the coverage
 * against the published document), with two tightenings. Where the published policy only asks
 * that a resource carries the `elbv2.k8s.aws/cluster` tag, this one asks that the tag names this
 * cluster, so one cluster's controller cannot change or delete another cluster's load balancers
 * in the same account. And resource ARNs are limited to the cluster's region and account.
 */
export function loadBalancerControllerStatements(clusterName: string, partition: string, region: string, account: string): DataAwsIamPolicyDocumentStatement[] {
  const arns = elbArns(partition, region, account);
  const ours = (tag: 'RequestTag' | 'ResourceTag') => ({ test: 'StringEquals', variable: `aws:${tag}/${LBC_CLUSTER_TAG}`, values: [clusterName] });
  // "The request sets no cluster tag": tag changes must not move a resource between clusters.
  const noRequestTag = { test: 'Null', variable: `aws:RequestTag/${LBC_CLUSTER_TAG}`, values: ['true'] };
  return [
    {
      sid: 'ElbServiceLinkedRole',
      effect: 'Allow',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: ['*'],
      condition: [{ test: 'StringEquals', variable: 'iam:AWSServiceName', values: ['elasticloadbalancing.amazonaws.com'] }],
    },
    {
      sid: 'Describe',
      effect: 'Allow',
      actions: [
        'ec2:DescribeAccountAttributes',
        'ec2:DescribeAddresses',
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeInternetGateways',
        'ec2:DescribeVpcs',
        'ec2:DescribeVpcPeeringConnections',
        'ec2:DescribeSubnets',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeInstances',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeTags',
        'ec2:DescribeCoipPools',
        'ec2:GetCoipPoolUsage',
        'ec2:GetSecurityGroupsForVpc',
        'ec2:DescribeIpamPools',
        'ec2:DescribeRouteTables',
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeLoadBalancerAttributes',
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeListenerAttributes',
        'elasticloadbalancing:DescribeListenerCertificates',
        'elasticloadbalancing:DescribeSSLPolicies',
        'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTargetGroupAttributes',
        'elasticloadbalancing:DescribeTargetHealth',
        'elasticloadbalancing:DescribeTags',
        'elasticloadbalancing:DescribeTrustStores',
        'elasticloadbalancing:DescribeCapacityReservation',
      ],
      resources: ['*'],
    },
    {
      // Certificates, Cognito, WAF and Shield that Ingress annotations refer to.
      sid: 'IngressIntegrations',
      effect: 'Allow',
      actions: [
        'acm:ListCertificates',
        'acm:DescribeCertificate',
        'iam:ListServerCertificates',
        'iam:GetServerCertificate',
        'cognito-idp:DescribeUserPoolClient',
        'waf-regional:GetWebACL',
        'waf-regional:GetWebACLForResource',
        'waf-regional:AssociateWebACL',
        'waf-regional:DisassociateWebACL',
        'wafv2:GetWebACL',
        'wafv2:GetWebACLForResource',
        'wafv2:AssociateWebACL',
        'wafv2:DisassociateWebACL',
        'shield:GetSubscriptionState',
        'shield:DescribeProtection',
        'shield:CreateProtection',
        'shield:DeleteProtection',
      ],
      resources: ['*'],
    },
    {
      // Rules on the node and backend security groups, which the controller did not create.
      sid: 'BackendSecurityGroupRules',
      effect: 'Allow',
      actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
      resources: ['*'],
    },
    { sid: 'CreateSecurityGroup', effect: 'Allow', actions: ['ec2:CreateSecurityGroup'], resources: ['*'] },
    {
      sid: 'TagNewSecurityGroup',
      effect: 'Allow',
      actions: ['ec2:CreateTags'],
      resources: arns.securityGroups,
      condition: [{ test: 'StringEquals', variable: 'ec2:CreateAction', values: ['CreateSecurityGroup'] }, ours('RequestTag')],
    },
    {
      sid: 'RetagOwnSecurityGroups',
      effect: 'Allow',
      actions: ['ec2:CreateTags', 'ec2:DeleteTags'],
      resources: arns.securityGroups,
      condition: [noRequestTag, ours('ResourceTag')],
    },
    {
      sid: 'ManageOwnSecurityGroups',
      effect: 'Allow',
      actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup'],
      resources: ['*'],
      condition: [ours('ResourceTag')],
    },
    {
      sid: 'CreateOwnLoadBalancers',
      effect: 'Allow',
      actions: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'],
      resources: ['*'],
      condition: [ours('RequestTag')],
    },
    {
      sid: 'ListenersAndRules',
      effect: 'Allow',
      actions: ['elasticloadbalancing:CreateListener', 'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:CreateRule', 'elasticloadbalancing:DeleteRule'],
      resources: ['*'],
    },
    {
      sid: 'RetagOwnLoadBalancers',
      effect: 'Allow',
      actions: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      resources: arns.balancersAndGroups,
      condition: [noRequestTag, ours('ResourceTag')],
    },
    {
      sid: 'TagListenersAndRules',
      effect: 'Allow',
      actions: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      resources: arns.listenersAndRules,
    },
    {
      sid: 'ManageOwnLoadBalancers',
      effect: 'Allow',
      actions: [
        'elasticloadbalancing:ModifyLoadBalancerAttributes',
        'elasticloadbalancing:SetIpAddressType',
        'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets',
        'elasticloadbalancing:DeleteLoadBalancer',
        'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes',
        'elasticloadbalancing:DeleteTargetGroup',
        'elasticloadbalancing:ModifyListenerAttributes',
        'elasticloadbalancing:ModifyCapacityReservation',
        'elasticloadbalancing:ModifyIpPools',
      ],
      resources: ['*'],
      condition: [ours('ResourceTag')],
    },
    {
      sid: 'TagOnCreate',
      effect: 'Allow',
      actions: ['elasticloadbalancing:AddTags'],
      resources: arns.balancersAndGroups,
      condition: [{ test: 'StringEquals', variable: 'elasticloadbalancing:CreateAction', values: ['CreateTargetGroup', 'CreateLoadBalancer'] }, ours('RequestTag')],
    },
    {
      sid: 'Targets',
      effect: 'Allow',
      actions: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
      resources: arns.targetGroups,
    },
    {
      sid: 'ListenerSettings',
      effect: 'Allow',
      actions: [
        'elasticloadbalancing:SetWebAcl',
        'elasticloadbalancing:ModifyListener',
        'elasticloadbalancing:AddListenerCertificates',
        'elasticloadbalancing:RemoveListenerCertificates',
        'elasticloadbalancing:ModifyRule',
        'elasticloadbalancing:SetRulePriorities',
      ],
      resources: ['*'],
    },
  ];
}
