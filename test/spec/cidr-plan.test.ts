import { describe, expect, it } from 'vitest';
import { cidrContains, cidrsOverlap } from '../../constructs/spec/cidr';
import { planSubnets, subnetBlocks, ZONE_SLOTS, type SubnetPlan } from '../../constructs/spec/cidr-plan';
import { resolveCluster, type ClusterSpec } from '../../constructs/spec';
import { MINIMAL } from '../support/specs';

const LAYOUT = { privatePrefix: 19, publicPrefix: 22, nodePrefix: 20, apiServerPrefix: 28, proxyOnlyPrefix: 23 };
const all = (plan: SubnetPlan): string[] =>
  [...plan.private, ...plan.public, plan.nodes, plan.apiServer, plan.proxyOnly].filter((c): c is string => c !== undefined);
const planned = (spec: ClusterSpec): SubnetPlan => resolveCluster(spec).network.subnets;

describe('subnet planner', () => {
  it('plans the default AWS layout: private /19 and public /22 per zone', () => {
    const result = planSubnets('10.0.0.0/16', subnetBlocks('aws', LAYOUT), 3);
    expect(result).toEqual({
      ok: true,
      plan: {
        private: ['10.0.0.0/19', '10.0.32.0/19', '10.0.64.0/19'],
        public: ['10.0.128.0/22', '10.0.132.0/22', '10.0.136.0/22'],
      },
    });
  });

  it('plans the GKE node subnet and the AKS node and API server subnets', () => {
    expect(planSubnets('10.10.0.0/16', subnetBlocks('gcp', LAYOUT), 3)).toEqual({ ok: true, plan: { private: [], public: [], nodes: '10.10.0.0/20' } });
    // The proxy-only subnet of regional Gateways comes after the node subnet, which it never moves.
    expect(planSubnets('10.10.0.0/16', subnetBlocks('gcp', LAYOUT, { proxyOnly: true }), 3)).toEqual({ ok: true, plan: { private: [], public: [], nodes: '10.10.0.0/20', proxyOnly: '10.10.16.0/23' } });
    expect(subnetBlocks('aws', LAYOUT, { proxyOnly: true }).map((b) => b.role)).toEqual(['private', 'public']);
    expect(planSubnets('10.20.0.0/16', subnetBlocks('azure', LAYOUT), 3)).toEqual({
      ok: true,
      plan: { private: [], public: [], nodes: '10.20.0.0/20', apiServer: '10.20.16.0/28' },
    });
  });

  it.each([
    ['10.0.0.0/16', { ...LAYOUT }],
    ['10.0.0.0/18', { ...LAYOUT, privatePrefix: 21, publicPrefix: 24 }],
    ['192.168.0.0/20', { ...LAYOUT, privatePrefix: 23, publicPrefix: 26, nodePrefix: 22, proxyOnlyPrefix: 26 }],
    ['172.16.0.0/12', { ...LAYOUT, privatePrefix: 16, publicPrefix: 20 }],
  ])('keeps every subnet of %s inside the VPC and pairwise disjoint', (vpc, layout) => {
    for (const cloud of ['aws', 'gcp', 'azure'] as const) {
      const result = planSubnets(vpc, subnetBlocks(cloud, layout, { proxyOnly: true }), ZONE_SLOTS);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      const cidrs = all(result.plan);
      for (const cidr of cidrs) expect(cidrContains(vpc, cidr)).toBe(true);
      cidrs.forEach((a, i) => cidrs.slice(i + 1).forEach((b) => expect(cidrsOverlap(a, b), `${a} ~ ${b}`).toBe(false)));
    }
  });

  it('never renumbers existing subnets when a zone is added', () => {
    const two = planned({ ...MINIMAL.aws, zoneCount: 2 });
    const three = planned({ ...MINIMAL.aws, zoneCount: 3 });
    const four = planned({ ...MINIMAL.aws, zoneCount: 4 });
    expect(three.private.slice(0, 2)).toEqual(two.private);
    expect(three.public.slice(0, 2)).toEqual(two.public);
    expect(four.private.slice(0, 3)).toEqual(three.private);
    expect(four.public.slice(0, 3)).toEqual(three.public);
    expect(four.private).toHaveLength(4);
  });

  it('never renumbers subnets when a node pool is added or grows', () => {
    for (const cloud of ['aws', 'gcp', 'azure'] as const) {
      const one = resolveCluster({ ...MINIMAL[cloud], nodePools: [{ name: 'general' }] });
      const two = resolveCluster({ ...MINIMAL[cloud], nodePools: [{ name: 'general', max: 20 }, { name: 'batch', max: 30, spot: true }] });
      expect(two.network).toEqual(one.network);
    }
  });

  it('keeps subnet positions when named zones are appended', () => {
    const ab = planned({ ...MINIMAL.aws, zones: ['eu-west-1a', 'eu-west-1b'] });
    const abc = planned({ ...MINIMAL.aws, zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] });
    expect(abc.private.slice(0, 2)).toEqual(ab.private);
  });

  it('reports the role that does not fit', () => {
    expect(planSubnets('10.0.0.0/18', subnetBlocks('aws', LAYOUT), 3)).toEqual({ ok: false, role: 'private', neededAddresses: 32768n });
    expect(planSubnets('10.0.0.0/17', subnetBlocks('aws', LAYOUT), 3)).toMatchObject({ ok: false, role: 'public' });
  });

  it('is derived from the VPC range: moving the VPC moves every subnet with it', () => {
    const moved = planned({ ...MINIMAL.aws, network: { vpcCidr: '10.50.0.0/16' } });
    expect(moved.private[0]).toBe('10.50.0.0/19');
    expect(moved.public[0]).toBe('10.50.128.0/22');
  });
});
