import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Step = { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string>; 'working-directory'?: string; 'continue-on-error'?: boolean; id?: string };
type Job = { permissions?: Record<string, string>; steps: Step[]; if?: string; needs?: string };
type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };

const load = (file: string): Workflow => parse(readFileSync(`.github/workflows/${file}`, 'utf8')) as Workflow;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
const runs = (job: Job): string => job.steps.map((s) => s.run ?? '').join('\n');
const indexOf = (job: Job, pattern: RegExp): number => job.steps.findIndex((s) => pattern.test(`${s.name ?? ''} ${s.run ?? ''} ${s.uses ?? ''}`));

describe('.github/workflows', () => {
  const pr = load('pull-request.yml');
  const main = load('main.yml');

  it('run only npm scripts that exist', () => {
    for (const workflow of [pr, main]) {
      for (const job of Object.values(workflow.jobs)) {
        for (const [, script] of runs(job).matchAll(/npm run (?:--silent )?([a-z:-]+)/g)) expect(Object.keys(pkg.scripts)).toContain(script);
      }
    }
  });

  it('on pull requests: test with .ci/run; synthesize base and head, review, keep the report, then post it', () => {
    expect(Object.keys(pr.on)).toEqual(['pull_request']);
    expect(runs(pr.jobs['test']!)).toContain('bash .ci/run');
    const review = pr.jobs['review']!;
    const order = [/Check out head/, /Check out base/, /Synthesize base/, /Synthesize head/, /npm run --silent review --/, /upload-artifact/, /gh pr comment/].map((p) => indexOf(review, p));
    expect(review.steps[order[4]!]!.run).toMatch(/base_args=\(--base \.\.\/base\)[\s\S]*review -- "\$\{base_args\[@\]\}"/);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The base must not be able to block the review: a base that fails to synthesize is described away.
    expect(review.steps.find((s) => s.name === 'Synthesize base')!['continue-on-error']).toBe(true);
    expect(review.steps.find((s) => s.name === 'Check out base')!.with!['ref']).toBe('${{ github.event.pull_request.base.sha }}');
  });

  it('grant the least: read-only by default, comment rights only for the review job, no secrets in the review', () => {
    expect(pr.permissions).toEqual({ contents: 'read' });
    expect(main.permissions).toEqual({ contents: 'read' });
    expect(pr.jobs['review']!.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(JSON.stringify(pr.jobs['review'])).not.toContain('secrets.');
    const comment = pr.jobs['review']!.steps.find((s) => s.run?.includes('gh pr comment'))!;
    expect(comment.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    // Only the review's own comment is ever edited: the one that starts with its marker.
    expect(comment.run).toContain('startswith("<!-- polycluster-plan-review -->")');
    expect(comment.run).not.toContain('--edit-last');
    for (const step of pr.jobs['review']!.steps.filter((s) => s.uses?.startsWith('actions/checkout'))) expect(step.with!['persist-credentials']).toBe(false);
  });

  it('run cdktf diff only where cloud credentials are configured, through OIDC', () => {
    const diff = pr.jobs['cdktf-diff']! as Job & { environment?: string };
    expect(diff.if).toBe("vars.CDKTF_DIFF_STACKS != '' && github.event.pull_request.head.repo.full_name == github.repository");
    // The pull request's code meets cloud credentials only after approval, and installs before them.
    expect(diff.environment).toBe('cdktf-diff');
    const install = indexOf(diff, /npm ci --ignore-scripts/);
    const firstLogin = diff.steps.findIndex((s) => /configure-aws-credentials|google-github-actions\/auth|azure\/login/.test(s.uses ?? ''));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(install).toBeLessThan(firstLogin);
    expect(diff.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(runs(diff)).toMatch(/cdktf-cli@0\.21\.0 diff/);
    expect(JSON.stringify(diff)).not.toMatch(/secret|access-key/i);
  });

  it('on main: test, synthesize and keep the synthesis as an artifact', () => {
    expect(main.on).toEqual({ push: { branches: ['main'] } });
    const job = main.jobs['synthesize']!;
    const order = [/bash \.ci\/run/, /npm run synth/, /npm run --silent review/, /upload-artifact/].map((p) => indexOf(job, p));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const upload = job.steps[order[3]!]!;
    expect(String(upload.with!['path'])).toContain('cdktf.out/stacks');
    expect(String(upload.with!['path'])).toContain('dist');
  });
});
