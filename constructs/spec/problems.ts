/**
 * A problem in a spec: the field path, the bad value, the rule it breaks and how to fix it.
 * Rendered as `<path> <value> <rule>: <fix>`, e.g.
 * `clusters[0].network.podCidr 10.0.0.0/16 overlaps network.vpcCidr 10.0.0.0/16: choose a
 * disjoint range such as 100.64.0.0/16`.
 */
export interface Problem {
  /** Field path inside the spec, e.g. `network.podCidr` or `nodePools[1].name`. */
  readonly path: string;
  /** The offending value as written (or as defaulted). */
  readonly value: unknown;
  /** The rule, phrased to follow the value: "overlaps network.vpcCidr 10.0.0.0/16". */
  readonly rule: string;
  /** What to do instead. */
  readonly fix: string;
}

/** Renders a value for a message: strings bare, everything else as compact JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}

/** One line per problem, with an optional prefix such as `clusters[0]`. */
export function formatProblem(problem: Problem, prefix = ''): string {
  const path = prefix === '' ? problem.path : problem.path === '' ? prefix : `${prefix}.${problem.path}`;
  return `${path} ${showValue(problem.value)} ${problem.rule}: ${problem.fix}`;
}

/** A problem whose path is prefixed, e.g. with the cluster's place in a fleet. */
export interface LocatedProblem extends Problem {
  /** `clusters[0]`, or the spec's name when validated alone. */
  readonly prefix: string;
}

/** Thrown once with every problem found, before anything is synthesized. */
export class SpecValidationError extends Error {
  /** Every problem found, each with its field path, value, rule and fix. */
  public readonly problems: readonly LocatedProblem[];

  constructor(problems: readonly LocatedProblem[]) {
    const lines = problems.map((p) => `  - ${formatProblem(p, p.prefix)}`);
    const noun = problems.length === 1 ? 'problem' : 'problems';
    super(`polycluster: ${problems.length} ${noun} in the cluster spec:\n${lines.join('\n')}`);
    this.name = 'SpecValidationError';
    this.problems = problems;
  }
}

/** Collects problems while rules run. */
export class ProblemList {
  private readonly items: Problem[] = [];

  /** Records a problem: the field path, the bad value, the rule it breaks and how to fix it. */
  add(path: string, value: unknown, rule: string, fix: string): void {
    this.items.push({ path, value, rule, fix });
  }

  /** The problems recorded so far, in order. */
  get all(): readonly Problem[] {
    return this.items;
  }
}
