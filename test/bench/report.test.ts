import { describe, expect, it } from 'vitest';
import { BUDGET, budgetMisses, formatTable, median, type BenchRow } from '../../stacks/bench/report';

const row = (clusters: number, wallSeconds: number, peakMiB: number, baselineWall: number): BenchRow => ({
  clusters,
  deep: { stacks: clusters * 5, wallSeconds, peakMiB },
  baseline: { stacks: clusters * 5, wallSeconds: baselineWall, peakMiB: 1700 },
});

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
});

describe('formatTable', () => {
  it('prints one row per size with total and marginal cost per cluster and the speed-up', () => {
    const table = formatTable([row(50, 2.5, 190.4, 12.5), row(1, 0.5, 130, 10)]).split('\n');
    expect(table).toHaveLength(4);
    expect(table[2]).toBe('| 1 | 5 | 0.50 | 130 | 500 | – | 10.00 | 1700 | 20.0× |');
    // marginal: (2.5 - 0.5) s over 49 more clusters = 41 ms
    expect(table[3]).toBe('| 50 | 250 | 2.50 | 190 | 50 | 41 | 12.50 | 1700 | 5.0× |');
  });
});

describe('budgetMisses', () => {
  const { clusters, wallSeconds, peakMiB, speedUp } = BUDGET;

  it('is empty when the budget row holds', () => {
    expect(budgetMisses([row(clusters, wallSeconds - 0.5, peakMiB - 100, (wallSeconds - 0.5) * speedUp)])).toEqual([]);
  });

  it('names each missed limit', () => {
    const misses = budgetMisses([row(clusters, wallSeconds + 0.2, peakMiB + 10, (wallSeconds + 0.2) * (speedUp - 1))]);
    expect(misses).toHaveLength(3);
    expect(misses[0]).toMatch(/^wall time 3\.20 s is not under 3 s$/);
    expect(misses[1]).toMatch(/^peak memory 410 MiB is not under 400 MiB$/);
    expect(misses[2]).toMatch(/^speed-up over the package-root baseline 3\.0× is under 4×$/);
  });

  it('says the budget size was not measured', () => {
    expect(budgetMisses([row(1, 0.5, 130, 10)])).toEqual([`no ${clusters}-cluster run: include ${clusters} in --sizes to check the budget`]);
  });
});
