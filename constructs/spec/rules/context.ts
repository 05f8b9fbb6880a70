import type { CniCell } from '../cni-matrix';
import type { Draft } from '../draft';
import type { ProblemList } from '../problems';
import type { ResolvedNodePool } from '../resolved';

/** What every validation rule reads and writes. */
export interface RuleContext {
  readonly draft: Draft;
  readonly problems: ProblemList;
  /** The CNI cell, when the matrix accepted the combination. */
  readonly cell?: CniCell;
  /** The node pools with counts in both scopes, resolved once per analysis. */
  readonly pools: readonly ResolvedNodePool[];
}

/** A validation rule: adds problems, returns nothing. */
export type Rule = (ctx: RuleContext) => void;
