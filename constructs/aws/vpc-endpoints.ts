import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import type { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import { pascalCase } from '../naming';
import type { ResolvedCluster } from '../spec';

/**
 * AWS services that nodes and the add-ons reach without internet egress: image pulls (ECR api and
 * dkr; layers come from S3), IAM roles for service accounts (STS), ENI and instance calls (EC2:
 * the VPC CNI, Cilium ENI IPAM), logs, the Cluster Autoscaler (Auto Scaling, EKS node groups),
 * SSM Session Manager, the nodes' replacement for SSH (ssm, ssmmessages, ec2messages), and the
 * AWS Load Balancer Controller (Elastic Load Balancing). Appended only: the list order is not an
 * address, but keeping it stable keeps plans readable.
 */
export const INTERFACE_ENDPOINT_SERVICES = ['ecr.api', 'ecr.dkr', 'sts', 'ec2', 'logs', 'autoscaling', 'eks', 'ssm', 'ssmmessages', 'ec2messages', 'elasticloadbalancing'] as const;

export interface VpcEndpointsProps {
  readonly cluster: ResolvedCluster;
  readonly vpc: Vpc;
  readonly subnets: readonly Subnet[];
  readonly routeTables: readonly RouteTable[];
}

/** The VPC endpoints of a cluster without NAT: interface endpoints in the private subnets, S3 as a gateway. */
export class VpcEndpoints extends Construct {
  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const { cluster, vpc } = props;
    const group = new SecurityGroup(this, 'SecurityGroup', {
      name: `${cluster.name}-vpc-endpoints`,
      description: 'HTTPS from the VPC to the AWS service endpoints',
      vpcId: vpc.id,
    });
    new VpcSecurityGroupIngressRule(this, 'HttpsFromVpc', {
      securityGroupId: group.id,
      description: 'HTTPS from the VPC',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: cluster.network.vpcCidr,
    });
    for (const service of INTERFACE_ENDPOINT_SERVICES) {
      new VpcEndpoint(this, pascalCase(service), {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${cluster.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: props.subnets.map((s) => s.id),
        securityGroupIds: [group.id],
        tags: { Name: `${cluster.name}-${service}` },
      });
    }
    new VpcEndpoint(this, 'S3', {
      vpcId: vpc.id,
      serviceName: `com.amazonaws.${cluster.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: props.routeTables.map((t) => t.id),
      tags: { Name: `${cluster.name}-s3` },
    });
  }
}
