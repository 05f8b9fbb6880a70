import { describe, expect, it } from 'vitest';
import { analyseSpec, mergeSpecs, type ClusterSpec } from '../../constructs';
import { cidrsOverlap } from '../../constructs/spec/cidr';
import { awsClusters, azureClusters, fleet, gcpClusters } from '../../stacks/fleet';
import { BENCH_TEMPLATES, benchFleet, DISTINCT_VPC_RANGES } from '../../stacks/bench/fleet';

/** The template a bench cluster was made from: its name without the `-n<index>` suffix. */
const templateName = (cluster: ClusterSpec): string => cluster.name.replace(/-n\d+$/, '');

describe('benchFleet', () => {
  it('makes 200 clusters that all pass validation, with unique names', () => {
    const bench = benchFleet(200);
    expect(bench.clusters).toHaveLength(200);
    const problems = bench.clusters.flatMap((cluster) => {
      const analysis = analyseSpec(mergeSpecs(bench.defaults, cluster));
      return analysis.ok ? [] : analysis.problems.map((p) => `${cluster.name}: ${p.path} ${p.rule}`);
    });
    expect(problems).toEqual([]);
    expect(new Set(bench.clusters.map((c) => c.name)).size).toBe(200);
  });

  it('reuses every example cluster as a template, mixing clouds from the first three clusters on', () => {
    expect(new Set(BENCH_TEMPLATES.map((t) => t.name))).toEqual(new Set(fleet.clusters.map((c) => c.name)));
    expect(BENCH_TEMPLATES).toHaveLength(awsClusters.length + gcpClusters.length + azureClusters.length);
    expect(benchFleet(3).clusters.map((c) => c.cloud)).toEqual(['aws', 'gcp', 'azure']);
    expect(benchFleet(12).clusters.map(templateName).sort()).toEqual(fleet.clusters.map((c) => c.name).sort());
  });

  it('changes only what must differ between clusters of one fleet', () => {
    const bench = benchFleet(24);
    bench.clusters.forEach((cluster, i) => {
      const template = BENCH_TEMPLATES[i % BENCH_TEMPLATES.length]!;
      const { name, network, azure, ...rest } = cluster;
      const { name: _name, network: templateNetwork, azure: templateAzure, ...templateRest } = template;
      expect(rest).toEqual(templateRest);
      expect({ ...network, vpcCidr: undefined }).toEqual({ ...templateNetwork, vpcCidr: undefined });
      expect(azure?.subscriptionId).toBe(templateAzure?.subscriptionId);
      expect(name).toBe(`${template.name}-n${String(i).padStart(3, '0')}`);
    });
    expect(bench.defaults).toBe(fleet.defaults);
  });

  it('gives explicit Azure resource groups their own name', () => {
    const groups = benchFleet(48).clusters.flatMap((c) => (c.azure?.resourceGroupName === undefined ? [] : [c.azure.resourceGroupName]));
    expect(groups.length).toBeGreaterThan(1);
    expect(new Set(groups).size).toBe(groups.length);
  });

  it(`gives the first ${DISTINCT_VPC_RANGES} clusters disjoint VPC ranges`, () => {
    const ranges = benchFleet(DISTINCT_VPC_RANGES).clusters.map((c) => c.network!.vpcCidr!);
    const overlapping = ranges.flatMap((a, i) => ranges.slice(i + 1).filter((b) => cidrsOverlap(a, b)).map((b) => `${a} ${b}`));
    expect(overlapping).toEqual([]);
  });

  it('is deterministic, and a smaller fleet is the start of a larger one', () => {
    expect(benchFleet(50)).toEqual(benchFleet(50));
    expect(benchFleet(10).clusters).toEqual(benchFleet(50).clusters.slice(0, 10));
  });

  it('refuses a size that is not a positive integer', () => {
    for (const n of [0, -1, 2.5, Number.NaN]) expect(() => benchFleet(n)).toThrow(/positive integer/);
  });
});
