import { beforeAll, describe, expect, it } from 'vitest';
import { dataOf, onlyResource, resourcesOf, synthCluster, type SynthesizedCluster } from '../support/synth';
import { MIRRORS } from '../support/specs';
import { eks } from './helpers';

describe('EKS network', () => {
  let perZone: SynthesizedCluster;
  let single: SynthesizedCluster;
  let none: SynthesizedCluster;
  beforeAll(async () => {
    perZone = await synthCluster(eks());
    single = await synthCluster(eks({ egress: { nat: 'single' }, zones: ['eu-west-1a', 'eu-west-1b'] }));
    none = await synthCluster(eks({ egress: { nat: 'none', registryMirrors: MIRRORS } }));
  });

  it('builds the VPC on the spec range with DNS, over three zones by default', () => {
    const vpc = onlyResource(perZone.stacks.cluster, 'aws_vpc');
    expect(vpc).toMatchObject({ cidr_block: '10.0.0.0/16', enable_dns_hostnames: true, enable_dns_support: true });
    expect(Object.keys(resourcesOf(perZone.stacks.cluster, 'aws_subnet'))).toHaveLength(6);
  });

  it('places the subnets at the planned addresses, never assigning public IPs', () => {
    const plan = perZone.cluster.resolved.network.subnets;
    const subnets = Object.values(resourcesOf(perZone.stacks.cluster, 'aws_subnet'));
    const priv = subnets.filter((s) => s.tags['kubernetes.io/role/internal-elb'] === '1').map((s) => s.cidr_block);
    const pub = subnets.filter((s) => s.tags['kubernetes.io/role/elb'] === '1').map((s) => s.cidr_block);
    expect(priv).toEqual(plan.private);
    expect(pub).toEqual(plan.public);
    for (const subnet of subnets) {
      expect(subnet.map_public_ip_on_launch).toBe(false);
      expect(subnet.tags['kubernetes.io/cluster/eks-test']).toBe('shared');
    }
  });

  it('asks AWS for the zones when the spec names none, and uses the named zones otherwise', () => {
    const zones = Object.values(dataOf(perZone.stacks.cluster, 'aws_availability_zones'));
    expect(zones).toHaveLength(1);
    // No state filter: an impaired zone must not shift the zone list and replace subnets.
    expect(zones[0].state).toBeUndefined();
    expect(zones[0].filter).toEqual([{ name: 'opt-in-status', values: ['opt-in-not-required'] }]);
    const named = Object.values(resourcesOf(single.stacks.cluster, 'aws_subnet')).map((s) => s.availability_zone);
    expect(named.sort()).toEqual(['eu-west-1a', 'eu-west-1a', 'eu-west-1b', 'eu-west-1b']);
    expect(dataOf(single.stacks.cluster, 'aws_availability_zones')).toEqual({});
  });

  it('gives every zone its own NAT gateway and route by default', () => {
    const nats = Object.values(resourcesOf(perZone.stacks.cluster, 'aws_nat_gateway'));
    expect(nats).toHaveLength(3);
    expect(Object.keys(resourcesOf(perZone.stacks.cluster, 'aws_eip'))).toHaveLength(3);
    const routes = Object.values(resourcesOf(perZone.stacks.cluster, 'aws_route')).filter((r) => r.nat_gateway_id);
    expect(new Set(routes.map((r) => r.nat_gateway_id)).size).toBe(3);
  });

  it('routes every zone through one NAT gateway with nat single', () => {
    expect(Object.keys(resourcesOf(single.stacks.cluster, 'aws_nat_gateway'))).toHaveLength(1);
    const routes = Object.values(resourcesOf(single.stacks.cluster, 'aws_route')).filter((r) => r.nat_gateway_id);
    expect(routes).toHaveLength(2);
    expect(new Set(routes.map((r) => r.nat_gateway_id)).size).toBe(1);
  });

  it('has no NAT, no internet gateway and no default route for nodes with nat none, but VPC endpoints', () => {
    const stack = none.stacks.cluster;
    expect(resourcesOf(stack, 'aws_nat_gateway')).toEqual({});
    expect(resourcesOf(stack, 'aws_internet_gateway')).toEqual({});
    expect(resourcesOf(stack, 'aws_route')).toEqual({});
    const endpoints = Object.values(resourcesOf(stack, 'aws_vpc_endpoint'));
    const services = endpoints.map((e) => e.service_name.replace('com.amazonaws.eu-west-1.', '')).sort();
    expect(services).toEqual(['autoscaling', 'ec2', 'ec2messages', 'ecr.api', 'ecr.dkr', 'eks', 'elasticloadbalancing', 'logs', 's3', 'ssm', 'ssmmessages', 'sts']);
    for (const e of endpoints.filter((e) => e.vpc_endpoint_type === 'Interface')) {
      expect(e.private_dns_enabled).toBe(true);
      expect(e.subnet_ids).toHaveLength(3);
    }
    expect(endpoints.find((e) => e.service_name.endsWith('.s3'))).toMatchObject({ vpc_endpoint_type: 'Gateway' });
    const https = Object.entries<any>(resourcesOf(stack, 'aws_vpc_security_group_ingress_rule')).find(([name]) => name.startsWith('Network_Endpoints'))![1];
    expect(https).toMatchObject({ from_port: 443, to_port: 443, ip_protocol: 'tcp', cidr_ipv4: '10.0.0.0/16' });
  });

  it('strips every rule from the default security group', () => {
    const group = onlyResource(perZone.stacks.cluster, 'aws_default_security_group');
    expect(group.ingress).toEqual([]);
    expect(group.egress).toEqual([]);
  });

  it('logs every flow to a retained, KMS-encrypted log group', () => {
    const stack = perZone.stacks.cluster;
    const flow = onlyResource(stack, 'aws_flow_log');
    expect(flow).toMatchObject({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    const group = Object.values(resourcesOf(stack, 'aws_cloudwatch_log_group')).find((g) => g.name === '/aws/vpc/eks-test/flow-logs');
    expect(group).toMatchObject({ retention_in_days: 365 });
    expect(group.kms_key_id).toMatch(/aws_kms_key\.Keys_Logs_.*\.arn/);
    expect(flow.log_destination).toMatch(/aws_cloudwatch_log_group\.Network_FlowLogGroup_.*\.arn/);
  });

  it('outputs the NAT egress IPs, the VPC and the subnets', () => {
    const out = perZone.stacks.cluster!.output;
    expect(out.egress_ips.value).toHaveLength(3);
    expect(out.egress_ips.value[0]).toMatch(/aws_eip\.Network_NatIp0_.*\.public_ip/);
    expect(out.vpc_id.value).toMatch(/aws_vpc\./);
    expect(out.private_subnet_ids.value).toHaveLength(3);
    expect(out.public_subnet_ids.value).toHaveLength(3);
    expect(none.stacks.cluster!.output.egress_ips.value).toEqual([]);
  });
});
