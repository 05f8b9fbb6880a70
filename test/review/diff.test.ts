import { describe, expect, it } from 'vitest';
import { changedPaths, flatten } from '../../constructs/review/flatten';
import { diffManifests } from '../../constructs/review/manifest-diff';
import { capped, cappedRows, code, fitReport, table } from '../../constructs/review/markdown';
import { diffStack, diffStacks, planCounts } from '../../constructs/review/resource-diff';
import type { SynthesizedCluster, TerraformJson } from '../../constructs/review/synthesis';

const meta = (path: string) => ({ '//': { metadata: { path, uniqueId: 'x' } } });

describe('flatten', () => {
  it('joins object keys with dots and list items with indices, keeping empty containers as leaves', () => {
    expect(Object.fromEntries(flatten({ a: { b: 1, c: [true, { d: 'x' }] }, e: [], f: {} }))).toEqual({ 'a.b': 1, 'a.c[0]': true, 'a.c[1].d': 'x', e: [], f: {} });
  });

  it('looks inside strings that hold JSON documents (Helm values, add-on configuration) but not other strings', () => {
    expect(Object.fromEntries(flatten({ values: ['{"controller":{"replicas":2}}'], arn: '${aws_iam_role.x.arn}', text: '{not json' }))).toEqual({
      'values[0].controller.replicas': 2,
      arn: '${aws_iam_role.x.arn}',
      text: '{not json',
    });
  });

  it('reports changed, added and removed leaves only', () => {
    expect(changedPaths(flatten({ a: 1, b: 2, c: 3 }), flatten({ a: 1, b: 5, d: 4 }))).toEqual([
      { path: 'b', before: 2, after: 5 },
      { path: 'c', before: 3 },
      { path: 'd', after: 4 },
    ]);
  });
});

describe('diffStack', () => {
  const base: TerraformJson = {
    terraform: { backend: { s3: { key: 'a' } } },
    resource: {
      aws_vpc: { Network_Vpc_1: { ...meta('c-cluster/Network/Vpc'), cidr_block: '10.0.0.0/16', tags: { team: 'a' } } },
      aws_subnet: { Network_Old_2: { ...meta('c-cluster/Network/Old'), cidr_block: '10.0.1.0/24' }, Gone_3: { ...meta('c-cluster/Gone'), cidr_block: '10.0.9.0/24' } },
    },
    data: { aws_availability_zones: { Zones_4: { ...meta('c-cluster/Zones'), state: 'available' } } },
    output: { egress_ips: { value: 'a' }, 'cross-stack-output-x': { value: 'ignored' } },
  };
  const head: TerraformJson = {
    terraform: { backend: { s3: { key: 'b' } } },
    resource: {
      aws_vpc: { Network_Vpc_1: { ...meta('c-cluster/Network/Vpc'), cidr_block: '10.1.0.0/16', tags: { team: 'a' } } },
      aws_subnet: { Network_New_5: { ...meta('c-cluster/Network/New'), cidr_block: '10.0.1.0/24' } },
      aws_eip: { Nat_6: { ...meta('c-cluster/Nat'), domain: 'vpc' } },
    },
    data: { aws_availability_zones: { Zones_4: { ...meta('c-cluster/Zones'), state: 'available' } } },
    output: { egress_ips: { value: 'b' }, 'cross-stack-output-x': { value: 'changed but ignored' } },
  };

  it('classifies every resource: update with its attributes, create, delete, and a move when only the address changed', () => {
    const diff = diffStack('c-cluster', base, head);
    expect(diff.status).toBe('changed');
    expect(diff.resources.map((r) => [r.action, r.address, r.constructPath])).toEqual([
      ['create', 'aws_eip.Nat_6', 'Nat'],
      ['move', 'aws_subnet.Network_New_5', 'Network/New'],
      ['delete', 'aws_subnet.Gone_3', 'Gone'],
      ['update', 'aws_vpc.Network_Vpc_1', 'Network/Vpc'],
    ].sort((a, b) => a[1]!.localeCompare(b[1]!)));
    expect(diff.resources.find((r) => r.action === 'move')!.movedFrom).toBe('aws_subnet.Network_Old_2');
    expect(diff.resources.find((r) => r.action === 'update')!.changes).toEqual([{ path: 'cidr_block', before: '10.0.0.0/16', after: '10.1.0.0/16' }]);
    expect(planCounts(diff)).toEqual({ add: 1, change: 1, destroy: 1, move: 1 });
  });

  it('reports outputs without the cross-stack wiring, and stack settings such as the backend', () => {
    const diff = diffStack('c-cluster', base, head);
    expect(diff.outputs).toEqual([{ path: 'egress_ips', before: 'a', after: 'b' }]);
    expect(diff.settings).toEqual([{ path: 'terraform.backend.s3.key', before: 'a', after: 'b' }]);
    expect(diff.dataSources).toEqual([]);
  });

  it('reports locals, moved blocks and an output that stops being sensitive', () => {
    const before: TerraformJson = { locals: { zone: 'a' }, output: { key: { value: 'k', sensitive: true } } };
    const after: TerraformJson = { locals: { zone: 'b' }, moved: [{ from: 'aws_vpc.A', to: 'aws_vpc.B' }], output: { key: { value: 'k' } } };
    const diff = diffStack('c-cluster', before, after);
    expect(diff.settings).toEqual([
      { path: 'locals.zone', before: 'a', after: 'b' },
      { path: 'moved[0].from', after: 'aws_vpc.A' },
      { path: 'moved[0].to', after: 'aws_vpc.B' },
    ]);
    expect(diff.outputs).toEqual([{ path: 'key (sensitive)', before: true }]);
  });

  it('marks stacks that exist on one side only, and identical stacks as unchanged', () => {
    expect(diffStacks(new Map([['a', base]]), new Map([['b', head]])).map((d) => [d.stack, d.status])).toEqual([
      ['a', 'removed'],
      ['b', 'added'],
    ]);
    expect(diffStack('c-cluster', base, base).status).toBe('unchanged');
    expect(planCounts(diffStack('c-cluster', base, undefined))).toEqual({ add: 0, change: 0, destroy: 3, move: 0 });
  });
});

describe('diffManifests', () => {
  const policy = (name: string, port: number) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'shop' }, spec: { ingress: [{ ports: [{ port }] }] } });
  const cluster = (objects: object[]): SynthesizedCluster => ({ name: 'c', manifests: new Map([['namespace-shop.yaml', objects as never]]) });

  it('keys objects by kind, namespace and name and lists the changed fields', () => {
    const changes = diffManifests(cluster([policy('allow-a', 80), policy('old', 1)]), cluster([policy('allow-a', 8080), policy('new', 1)]));
    expect(changes).toEqual([
      { object: 'NetworkPolicy shop/allow-a', file: 'namespace-shop.yaml', action: 'update', changes: [{ path: 'spec.ingress[0].ports[0].port', before: 80, after: 8080 }] },
      { object: 'NetworkPolicy shop/new', file: 'namespace-shop.yaml', action: 'create', changes: [] },
      { object: 'NetworkPolicy shop/old', file: 'namespace-shop.yaml', action: 'delete', changes: [] },
    ]);
  });

  it('treats a missing side as all created or all deleted', () => {
    expect(diffManifests(undefined, cluster([policy('a', 1)])).map((c) => c.action)).toEqual(['create']);
    expect(diffManifests(cluster([policy('a', 1)]), undefined).map((c) => c.action)).toEqual(['delete']);
  });
});

describe('markdown helpers', () => {
  it('quotes values as inline code, shortening long ones and flattening newlines', () => {
    expect(code('x')).toBe('`x`');
    expect(code(undefined)).toBe('_(absent)_');
    expect(code({ a: 1 })).toBe('`{"a":1}`');
    expect(code('a`b')).toBe('`` a`b ``');
    expect(code('a\nb')).toBe('`a⏎b`');
    expect(code('y'.repeat(300)).length).toBeLessThan(110);
  });

  it('escapes pipes in table cells and caps long lists with a count', () => {
    expect(table(['a'], [['x|y']])).toBe('| a |\n|---|\n| x\\|y |');
    expect(capped(['- 1', '- 2', '- 3'], 2, '  ')).toEqual(['- 1', '- 2', '  - … and 1 more']);
    expect(cappedRows([['1', 'a'], ['2', 'b'], ['3', 'c']], 1)).toEqual([['1', 'a'], ['… and 2 more', '']]);
  });

  it('fits a report into a comment by dropping whole cluster sections from the end', () => {
    const report = ['# title', 'summary', `## a\n${'x'.repeat(50)}`, `## b\n${'y'.repeat(200)}`].join('\n');
    expect(fitReport(report, 10_000, 'in the artifact')).toBe(report);
    const fitted = fitReport(report, 250, 'in the artifact');
    expect(report.length).toBeGreaterThan(250);
    expect(fitted.length).toBeLessThanOrEqual(250);
    expect(fitted).toContain('## a');
    expect(fitted).not.toContain('## b');
    expect(fitted).toContain('1 cluster section(s) did not fit in this comment: the full report is in the artifact.');
  });
});
