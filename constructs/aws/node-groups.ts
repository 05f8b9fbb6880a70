import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedCluster, ResolvedNodePool } from '../spec';
import { UPPER_SNAKE_TAINT_EFFECTS } from '../taints';
import type { Account } from './account';
import { awsName } from './names';
import { serviceTrust } from './policy-document';

/**
 * The node role: join the cluster, pull images, and be reachable through SSM Session Manager
 * instead of SSH. The VPC CNI's permissions are not here: its service account has its own role,
 * so pods cannot borrow ENI rights through the instance profile.
 */
export const NODE_MANAGED_POLICIES = ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryPullOnly', 'AmazonSSMManagedInstanceCore'];

export interface NodeGroupsProps {
  readonly cluster: ResolvedCluster;
  readonly account: Account;
  readonly subnetIds: string[];
}

/** Managed node groups, one per pool, over the private subnets of every zone. */
export class NodeGroups extends Construct {
  readonly role: IamRole;
  readonly groups: EksNodeGroup[] = [];

  constructor(scope: Construct, id: string, props: NodeGroupsProps) {
    super(scope, id);
    const { cluster, account } = props;
    this.role = new IamRole(this, 'Role', {
      name: awsName(cluster.name, 'eks-nodes'),
      assumeRolePolicy: serviceTrust(this, 'Trust', 'ec2.amazonaws.com').json,
    });
    const attachments = NODE_MANAGED_POLICIES.map(
      (policy) => new IamRolePolicyAttachment(this, policy, { role: this.role.name, policyArn: account.managedPolicy(policy) }),
    );
    for (const pool of cluster.nodePools) {
      // The pool name is part of the Terraform address: renaming a pool replaces its nodes.
      const template = launchTemplate(this, cluster, pool);
      this.groups.push(
        new EksNodeGroup(this, `Pool-${pool.name}`, {
          clusterName: cluster.name,
          nodeGroupName: pool.name,
          version: cluster.kubernetesVersion,
          nodeRoleArn: this.role.arn,
          subnetIds: props.subnetIds,
          amiType: amiTypeFor(pool.machineType),
          instanceTypes: [pool.machineType],
          capacityType: pool.spot ? 'SPOT' : 'ON_DEMAND',
          scalingConfig: { minSize: pool.total.min, maxSize: pool.total.max, desiredSize: pool.total.desired },
          updateConfig: { maxUnavailablePercentage: 33 },
          labels: { ...pool.labels },
          taint: pool.taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: UPPER_SNAKE_TAINT_EFFECTS[t.effect] })),
          launchTemplate: { id: template.id, version: template.latestVersion.toString() },
          // The autoscaler owns the size after creation; Terraform would otherwise reset it.
          lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'] },
          dependsOn: attachments,
        }),
      );
    }
  }
}

/**
 * IMDSv2 only with a hop limit of 1, so pods cannot reach the node's credentials through the
 * metadata service; encrypted gp3 root volume; no key pair, so no SSH.
 */
function launchTemplate(scope: Construct, cluster: ResolvedCluster, pool: ResolvedNodePool): LaunchTemplate {
  const name = awsName(cluster.name, pool.name, 128);
  return new LaunchTemplate(scope, `Template-${pool.name}`, {
    name,
    description: `Nodes of pool ${pool.name} in ${cluster.name}`,
    updateDefaultVersion: true,
    metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
    blockDeviceMappings: [
      { deviceName: '/dev/xvda', ebs: { volumeSize: pool.diskSizeGiB, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } },
    ],
    monitoring: { enabled: true },
    userData: Fn.base64encode(Fn.rawString(nodeConfigUserData(pool.maxPods))),
    tagSpecifications: [
      { resourceType: 'instance', tags: { ...cluster.tags, Name: `${cluster.name}-${pool.name}` } },
      { resourceType: 'volume', tags: { ...cluster.tags, Name: `${cluster.name}-${pool.name}` } },
    ],
  });
}

/** Graviton families (`m7g`, `c7gn`, `t4g`, `g5g`) need the ARM AMI; everything else runs x86_64. */
export function amiTypeFor(machineType: string): string {
  const family = machineType.split('.')[0] ?? '';
  return /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family) ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD';
}

/**
 * AL2023 node configuration merged by the managed node group with its own: the pool's pod limit.
 * Without it the kubelet derives the limit from the instance's ENI addresses (29 on an m7i.large),
 * whatever the spec says; prefix delegation in the CNI provides the addresses.
 */
export function nodeConfigUserData(maxPods: number): string {
  const boundary = 'POLYCLUSTER';
  return [
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: application/node.eks.aws',
    '',
    // JSON is YAML: nodeadm reads it as is, and nothing here hand-writes YAML.
    JSON.stringify({ apiVersion: 'node.eks.aws/v1alpha1', kind: 'NodeConfig', spec: { kubelet: { config: { maxPods } } } }),
    '',
    `--${boundary}--`,
    '',
  ].join('\n');
}
