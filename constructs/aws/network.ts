import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';
import { awsName } from './names';
import { policyDocument, serviceTrust } from './policy-document';
import { VpcEndpoints } from './vpc-endpoints';

/**
 * The cluster's VPC: a private (node) and a public (load balancer, NAT) subnet per zone at the
 * addresses of the subnet plan, NAT per zone, single or none, flow logs, and a default security
 * group with no rules. Construct ids carry the zone position (`Private0`), never the zone name, so
 * the Terraform addresses stay put whichever zones the region hands out.
 */
export class ClusterNetwork extends Construct {
  readonly vpc: Vpc;
  readonly privateSubnets: Subnet[] = [];
  readonly publicSubnets: Subnet[] = [];
  readonly natIps: Eip[] = [];
  readonly privateRouteTables: RouteTable[] = [];

  constructor(scope: Construct, id: string, cluster: ResolvedCluster, logsKeyArn: string) {
    super(scope, id);
    const { subnets } = cluster.network;
    const zoneName = zoneNames(this, cluster);

    this.vpc = new Vpc(this, 'Vpc', {
      cidrBlock: cluster.network.vpcCidr,
      enableDnsHostnames: true, // EKS private endpoints and VPC endpoints resolve through VPC DNS
      enableDnsSupport: true,
      tags: { Name: cluster.name },
    });
    // Adopting the default group strips its allow-all rules: nothing may silently use it.
    new DefaultSecurityGroup(this, 'DefaultSecurityGroup', { vpcId: this.vpc.id, ingress: [], egress: [], tags: { Name: `${cluster.name}-default-deny` } });

    // Subnets never give launched instances a public address: NAT gateways and load balancers
    // bring their own. The role tags tell load balancer controllers where to place what.
    const subnet = (role: 'Private' | 'Public', cidr: string, zone: number, roleTag: string): Subnet =>
      new Subnet(this, `${role}${zone}`, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: zoneName(zone),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${cluster.name}-${role.toLowerCase()}-${zone}`, [roleTag]: '1', [`kubernetes.io/cluster/${cluster.name}`]: 'shared' },
      });
    this.privateSubnets.push(...subnets.private.map((cidr, zone) => subnet('Private', cidr, zone, 'kubernetes.io/role/internal-elb')));
    this.publicSubnets.push(...subnets.public.map((cidr, zone) => subnet('Public', cidr, zone, 'kubernetes.io/role/elb')));

    const publicRoutes = new RouteTable(this, 'PublicRoutes', { vpcId: this.vpc.id, tags: { Name: `${cluster.name}-public` } });
    this.publicSubnets.forEach((subnet, zone) => new RouteTableAssociation(this, `PublicRoutes${zone}`, { routeTableId: publicRoutes.id, subnetId: subnet.id }));

    // One NAT gateway per static egress address. Without NAT the VPC has no internet path at all
    // (validation refuses internet-facing load balancers there), so no internet gateway either.
    const nats: NatGateway[] = [];
    if (cluster.egress.staticIpCount > 0) {
      const igw = new InternetGateway(this, 'InternetGateway', { vpcId: this.vpc.id, tags: { Name: cluster.name } });
      new Route(this, 'PublicDefaultRoute', { routeTableId: publicRoutes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
      for (let zone = 0; zone < cluster.egress.staticIpCount; zone++) {
        const ip = new Eip(this, `NatIp${zone}`, { domain: 'vpc', tags: { Name: `${cluster.name}-nat-${zone}` } });
        this.natIps.push(ip);
        nats.push(
          new NatGateway(this, `Nat${zone}`, {
            allocationId: ip.allocationId,
            subnetId: this.publicSubnets[zone]!.id,
            tags: { Name: `${cluster.name}-${zone}` },
            dependsOn: [igw],
          }),
        );
      }
    }
    this.privateSubnets.forEach((subnet, zone) => {
      const routes = new RouteTable(this, `PrivateRoutes${zone}`, { vpcId: this.vpc.id, tags: { Name: `${cluster.name}-private-${zone}` } });
      const nat = nats[Math.min(zone, nats.length - 1)];
      if (nat) new Route(this, `PrivateDefaultRoute${zone}`, { routeTableId: routes.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
      new RouteTableAssociation(this, `PrivateRoutesAssociation${zone}`, { routeTableId: routes.id, subnetId: subnet.id });
      this.privateRouteTables.push(routes);
    });

    if (cluster.egress.nat === 'none') {
      new VpcEndpoints(this, 'Endpoints', { cluster, vpc: this.vpc, subnets: this.privateSubnets, routeTables: this.privateRouteTables });
    }
    this.flowLogs(cluster, logsKeyArn);
  }

  /** Every accepted and rejected flow of the VPC to an encrypted, retained log group. */
  private flowLogs(cluster: ResolvedCluster, logsKeyArn: string): void {
    const group = new CloudwatchLogGroup(this, 'FlowLogGroup', {
      name: `/aws/vpc/${cluster.name}/flow-logs`,
      retentionInDays: cluster.security.logRetentionDays,
      kmsKeyId: logsKeyArn,
    });
    const role = new IamRole(this, 'FlowLogRole', {
      name: awsName(cluster.name, 'vpc-flow-logs'),
      assumeRolePolicy: serviceTrust(this, 'FlowLogTrust', 'vpc-flow-logs.amazonaws.com').json,
    });
    new IamRolePolicy(this, 'FlowLogDelivery', {
      role: role.id,
      name: 'deliver-flow-logs',
      policy: policyDocument(this, 'FlowLogDeliveryPolicy', [
        {
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [group.arn, `${group.arn}:*`],
        },
      ]).json,
    });
    new FlowLog(this, 'FlowLog', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: group.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
    });
  }
}

/** Zone name by position: the spec's names, or the region's zones in the order AWS lists them. */
function zoneNames(scope: Construct, cluster: ResolvedCluster): (zone: number) => string {
  const names = cluster.zones.names;
  if (names) return (zone) => names[zone]!;
  const available = new DataAwsAvailabilityZones(scope, 'Zones', {
    // No `state` filter: an impaired zone dropping out of the list would shift every later zone
    // and replace its subnets. Local Zones and Wavelength zones cannot host EKS control-plane subnets.
    filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
  });
  return (zone) => Fn.element(available.names, zone);
}
