import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { fitReport, reviewReport } from '../constructs/review';

/** GitHub's limit on a comment body, with room for the marker line. */
const COMMENT_LIMIT = 65_000;

/** The comment's first line: the workflow updates the comment that starts with it, and no other. */
const COMMENT_MARKER = '<!-- polycluster-plan-review -->';

/**
 * `npm run review -- [--base <dir> | --base-missing] [--head <dir>] [--out <file>] [--comment <file>]`: the
 * Markdown report of the head synthesis (default: this checkout) against a base synthesis, to
 * stdout and `--out`; `--comment` also writes a copy cut to fit a pull-request comment.
 */
function main(): void {
  const { values } = parseArgs({
    options: {
      base: { type: 'string' },
      'base-missing': { type: 'boolean', default: false },
      head: { type: 'string', default: '.' },
      out: { type: 'string', default: 'dist/review.md' },
      comment: { type: 'string' },
      'full-report-link': { type: 'string', default: 'in the workflow run\'s `plan-review` artifact' },
    },
    strict: true,
  });
  const report = reviewReport({ head: values.head, ...(values.base ? { base: values.base } : {}), baseMissing: values['base-missing'] });
  write(values.out, report);
  if (values.comment) write(values.comment, `${COMMENT_MARKER}\n${fitReport(report, COMMENT_LIMIT, values['full-report-link'])}`);
  process.stdout.write(report);
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

try {
  main();
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
