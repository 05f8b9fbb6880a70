import { describe, expect, it } from 'vitest';
import type { LabelSelector } from '../../constructs/policy-evaluator';
import { matchesSelector } from '../../constructs/policy-evaluator';

type Labels = Readonly<Record<string, string>>;

const CASES: readonly (readonly [string, LabelSelector, Labels, boolean])[] = [
  ['empty selector, no labels', {}, {}, true],
  ['empty selector, some labels', {}, { app: 'web' }, true],
  ['empty matchLabels and matchExpressions', { matchLabels: {}, matchExpressions: [] }, { app: 'web' }, true],
  ['matchLabels equal, extra labels ignored', { matchLabels: { app: 'web' } }, { app: 'web', tier: 'fe' }, true],
  ['matchLabels different value', { matchLabels: { app: 'web' } }, { app: 'api' }, false],
  ['matchLabels key absent', { matchLabels: { app: 'web' } }, {}, false],
  ['matchLabels entries are ANDed', { matchLabels: { app: 'web', tier: 'fe' } }, { app: 'web' }, false],
  ['matchLabels empty value needs the key', { matchLabels: { canary: '' } }, {}, false],
  ['matchLabels empty value present', { matchLabels: { canary: '' } }, { canary: '' }, true],
  ['In, value listed', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'stage'] }] }, { env: 'stage' }, true],
  ['In, value not listed', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, { env: 'dev' }, false],
  ['In, key absent', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, {}, false],
  ['NotIn, value listed', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] }, { env: 'dev' }, false],
  ['NotIn, value not listed', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] }, { env: 'prod' }, true],
  ['NotIn, key absent', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] }, { app: 'web' }, true],
  ['Exists, key present', { matchExpressions: [{ key: 'canary', operator: 'Exists' }] }, { canary: '' }, true],
  ['Exists, key absent', { matchExpressions: [{ key: 'canary', operator: 'Exists' }] }, { app: 'web' }, false],
  ['Exists ignores inherited object keys', { matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }, {}, false],
  ['DoesNotExist, key absent', { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] }, { app: 'web' }, true],
  ['DoesNotExist, key present', { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] }, { canary: 'yes' }, false],
  [
    'expressions are ANDed',
    { matchExpressions: [{ key: 'app', operator: 'Exists' }, { key: 'env', operator: 'In', values: ['prod'] }] },
    { app: 'web', env: 'dev' },
    false,
  ],
  [
    'matchLabels and matchExpressions are ANDed (both hold)',
    { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] },
    { app: 'web' },
    true,
  ],
  [
    'matchLabels and matchExpressions are ANDed (expression fails)',
    { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] },
    { app: 'web', env: 'dev' },
    false,
  ],
  [
    'matchLabels and matchExpressions are ANDed (labels fail)',
    { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] },
    { app: 'api' },
    false,
  ],
];

describe('matchesSelector', () => {
  it.each(CASES)('%s', (_name, selector, labels, expected) => {
    expect(matchesSelector(selector, labels)).toBe(expected);
  });

  it('rejects an operator Kubernetes does not know, naming it and the key', () => {
    expect(() => matchesSelector({ matchExpressions: [{ key: 'env', operator: 'Equals', values: ['x'] }] }, { env: 'x' })).toThrow(
      'matchExpressions operator "Equals" for key env is not one of In, NotIn, Exists, DoesNotExist',
    );
  });
});
