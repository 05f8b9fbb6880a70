import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { distance } from 'fastest-levenshtein';
import type { Problem } from './problems';
import { CLUSTER_SPEC_SCHEMA } from './spec-schema';

let compiled: ValidateFunction | undefined;

/** The rule text of an unknown field. */
export const UNKNOWN_FIELD = 'is not a known field';

/** Compiled once per process: compiling is the expensive part of ajv. */
function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(
    CLUSTER_SPEC_SCHEMA,
  );
  return compiled;
}

/** `/nodePools/1/name` -> `nodePools[1].name`. */
export function toFieldPath(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').filter((p) => p !== '');
  if (child !== undefined) parts.push(child);
  return parts.reduce((path, part) => {
    if (/^\d+$/.test(part)) return `${path}[${part}]`;
    return path === '' ? part : `${path}.${part}`;
  }, '');
}

/** Shape problems (types, enums, required and unknown fields) of a raw spec. */
export function shapeProblems(spec: unknown): Problem[] {
  const validate = validator();
  if (validate(spec)) return [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = toProblem(error);
    if (problem === undefined) continue;
    const key = `${problem.path}|${problem.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function toProblem(error: ErrorObject): Problem | undefined {
  const path = toFieldPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const near = nearest(field, known);
      return {
        path: toFieldPath(error.instancePath, field),
        value: (error.data as Record<string, unknown>)[field],
        rule: UNKNOWN_FIELD,
        fix: near ? `did you mean ${near}? Known fields here: ${known.join(', ')}` : `remove it; known fields here: ${known.join(', ')}`,
      };
    }
    case 'required':
      return {
        path: toFieldPath(error.instancePath, String(params.missingProperty)),
        value: undefined,
        rule: 'is required',
        fix: `set ${String(params.missingProperty)}`,
      };
    case 'type':
      return { path, value: error.data, rule: `is not of type ${String(params.type)}`, fix: `write a ${String(params.type)}` };
    case 'enum':
      return {
        path,
        value: error.data,
        rule: 'is not one of the allowed values',
        fix: `use one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`,
      };
    case 'minimum':
    case 'maximum':
      return {
        path,
        value: error.data,
        rule: `is ${error.keyword === 'minimum' ? 'below the minimum' : 'above the maximum'} ${String(params.limit)}`,
        fix: `use a whole number ${error.keyword === 'minimum' ? '>=' : '<='} ${String(params.limit)}`,
      };
    case 'if':
      // The failing branch's own errors are reported; this one only says that a branch failed.
      return undefined;
    default:
      return { path, value: error.data, rule: error.message ?? 'is invalid', fix: 'correct the value' };
  }
}

/** The known name closest to a misspelt one, when it is close enough to be a likely typo. */
function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
