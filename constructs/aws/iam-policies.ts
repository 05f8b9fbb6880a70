import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';

/**
 * What the Cilium operator does in ENI IPAM mode: create, attach and tag ENIs and assign their
 * secondary addresses (and prefixes) for pods, after describing the instances, subnets and groups.
 */
export function ciliumOperatorStatements(): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: 'DescribeNetwork',
      effect: 'Allow',
      actions: [
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSubnets',
        'ec2:DescribeVpcs',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeTags',
        'ec2:DescribeRouteTables',
        'ec2:DescribeManagedPrefixLists',
        'ec2:GetManagedPrefixListEntries',
      ],
      resources: ['*'],
    },
    {
      sid: 'ManagePodInterfaces',
      effect: 'Allow',
      actions: [
        'ec2:CreateNetworkInterface',
        'ec2:AttachNetworkInterface',
        'ec2:DetachNetworkInterface',
        'ec2:DeleteNetworkInterface',
        'ec2:ModifyNetworkInterfaceAttribute',
        'ec2:AssignPrivateIpAddresses',
        'ec2:UnassignPrivateIpAddresses',
        'ec2:CreateTags',
      ],
      resources: ['*'],
    },
  ];
}

/**
 * The Cluster Autoscaler: read everything it simulates with, but change only the Auto Scaling
 * groups EKS tagged as owned by this cluster.
 */
export function clusterAutoscalerStatements(clusterName: string): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: 'Describe',
      effect: 'Allow',
      actions: [
        'autoscaling:DescribeAutoScalingGroups',
        'autoscaling:DescribeAutoScalingInstances',
        'autoscaling:DescribeLaunchConfigurations',
        'autoscaling:DescribeScalingActivities',
        'autoscaling:DescribeTags',
        'ec2:DescribeImages',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplateVersions',
        'ec2:GetInstanceTypesFromInstanceRequirements',
        'eks:DescribeNodegroup',
      ],
      resources: ['*'],
    },
    {
      sid: 'ScaleOwnGroups',
      effect: 'Allow',
      actions: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
      resources: ['*'],
      condition: [{ test: 'StringEquals', variable: `aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`, values: ['owned'] }],
    },
  ];
}

/**
 * ExternalDNS: list the account's zones to find its own, but read and change records only in the
 * named hosted zones.
 */
export function externalDnsStatements(zoneArns: string[]): DataAwsIamPolicyDocumentStatement[] {
  return [
    { sid: 'FindZones', effect: 'Allow', actions: ['route53:ListHostedZones'], resources: ['*'] },
    {
      sid: 'ChangeNamedZones',
      effect: 'Allow',
      actions: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource', 'route53:ListTagsForResources'],
      resources: zoneArns,
    },
  ];
}

/**
 * cert-manager's DNS01 solver: write only `_acme-challenge.*` TXT records in the named hosted zones
 * (Route 53's record-set condition keys; `ForAllValues` holds every record of a change batch to
 * them), read their record sets, and poll the change until Route 53 reports it in sync. No
 * `ListHostedZones*`: each ClusterIssuer names its zone's id, so cert-manager never searches.
 */
export function certManagerDns01Statements(zoneArns: string[], partition: string): DataAwsIamPolicyDocumentStatement[] {
  return [
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
    { sid: 'WatchChanges', effect: 'Allow', actions: ['route53:GetChange'], resources: [`arn:${partition}:route53:::change/*`] },
  ];
}
