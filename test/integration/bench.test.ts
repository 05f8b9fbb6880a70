import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGET } from '../../stacks/bench/report';

const ROOT = join(__dirname, '../..');
// The bench's temporary outdirs go here, so the test can see that none is left behind.
const scratch = mkdtempSync(join(tmpdir(), 'polycluster-bench-it-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let run: { status: number | null; stdout: string; stderr: string };

// One bench run at small sizes serves every test: it spawns four app processes, two of them
// loading every provider package root (several seconds each).
beforeAll(() => {
  execFileSync('npx', ['tsc', '-p', '.'], { cwd: ROOT, stdio: 'inherit' });
  const result = spawnSync(process.execPath, ['lib/stacks/bench/main.js', '--sizes', '10,1', '--runs', '1', '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: scratch },
    timeout: 300_000,
  });
  run = { status: result.status, stdout: result.stdout, stderr: result.stderr };
});

/** The table's rows as numbers, by column header. */
function tableRows(stdout: string): Record<string, number>[] {
  const lines = stdout.split('\n').filter((line) => line.startsWith('|'));
  const headers = lines[0]!.split('|').slice(1, -1).map((h) => h.trim());
  return lines.slice(2).map((line) => {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim().replace(/×$/, ''));
    return Object.fromEntries(headers.map((h, i) => [h, cells[i] === '–' ? Number.NaN : Number(cells[i])]));
  });
}

describe('npm run bench', () => {
  it('prints the machine and a row per size, smallest first, with positive figures', () => {
    expect(run.stdout).toMatch(/^Machine: .+, \d+ cores, node v\d+\.\d+\.\d+, /m);
    const rows = tableRows(run.stdout);
    expect(rows.map((r) => r.clusters)).toEqual([1, 10]);
    for (const row of rows) {
      for (const column of ['stacks', 'wall s', 'peak MiB', 'ms/cluster (total/n)', 'baseline wall s', 'baseline peak MiB', 'speed-up']) {
        expect(row[column], `${column} at ${row.clusters} clusters`).toBeGreaterThan(0);
      }
      // Every cluster has at least its cluster, nodes, platform and policies stacks.
      expect(row.stacks).toBeGreaterThanOrEqual(4 * row.clusters!);
    }
    expect(rows[0]!['ms/cluster (marginal)']).toBeNaN();
    expect(rows[1]!['ms/cluster (marginal)']).toBeGreaterThan(0);
  });

  it('keeps the app small and the package-root baseline visibly larger', () => {
    for (const row of tableRows(run.stdout)) {
      // Generous: a package-root import creeping into the constructs would pass 1 GiB.
      expect(row['peak MiB']).toBeLessThan(BUDGET.peakMiB);
      expect(row['baseline peak MiB']).toBeGreaterThan(row['peak MiB']!);
    }
  });

  it('with --check, fails naming the budget size it did not measure', () => {
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`no ${BUDGET.clusters}-cluster run: include ${BUDGET.clusters} in --sizes`);
  });

  it('removes the synthesized output of every run', () => {
    expect(readdirSync(scratch)).toEqual([]);
  });
});
