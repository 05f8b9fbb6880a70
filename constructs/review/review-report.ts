import { EMPTY_SYNTHESIS, reviewSyntheses } from './cluster-review';
import { renderReview } from './render-review';
import { readSynthesis } from './synthesis';

/** Where the two syntheses are. */
export interface ReviewOptions {
  /** The checkout whose synthesis is reviewed (after `npm run synth`). */
  readonly head: string;
  /**
   * The checkout to compare with, e.g. the target branch synthesized in a worktree.
   * @default - none: the report describes the head synthesis
   */
  readonly base?: string;
  /**
   * A base was wanted but could not be synthesized: the report says, loudly, that it detects no
   * change, replacement or destruction.
   * @default false
   */
  readonly baseMissing?: boolean;
}

/** The Markdown report of a head synthesis, against a base synthesis when one is given. */
export function reviewReport(options: ReviewOptions): string {
  const head = readSynthesis(options.head);
  const base = options.base === undefined ? EMPTY_SYNTHESIS : readSynthesis(options.base);
  return renderReview(reviewSyntheses(base, head), {
    mode: options.base === undefined ? 'describe' : 'diff',
    headLabel: options.head,
    ...(options.baseMissing ? { baseMissing: true } : {}),
    ...(options.base === undefined ? {} : { baseLabel: options.base }),
  });
}
