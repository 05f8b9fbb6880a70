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

/**
 * `/nodePools/1/name` -> `nodePools[1].name`. JSON-pointer escapes are decoded, and a segment
 * is a list position only where the data at that point is a list (a tag may be named `2024`).
 */
export function toFieldPath(spec: unknown, instancePath: string, child?: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  let node: unknown = spec;
  let path = '';
  for (const part of parts) {
    if (Array.isArray(node)) path = `${path}[${part}]`;
    else path = path === '' ? part : `${path}.${part}`;
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  return path;
}

/** `a integer` -> `an integer`. */
function withArticle(word: string): string {
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

/** Shape problems (types, enums, required and unknown fields) of a raw spec. */
export function shapeProblems(spec: unknown): Problem[] {
  const validate = validator();
  if (validate(spec)) return [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = toProblem(spec, error);
    if (problem === undefined) continue;
    const key = `${problem.path}|${problem.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function toProblem(spec: unknown, error: ErrorObject): Problem | undefined {
  const path = toFieldPath(spec, error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const near = nearest(field, known);
      return {
        path: toFieldPath(spec, error.instancePath, field),
        value: (error.data as Record<string, unknown>)[field],
        rule: UNKNOWN_FIELD,
        fix: near ? `did you mean ${near}? Known fields here: ${known.join(', ')}` : `remove it; known fields here: ${known.join(', ')}`,
      };
    }
    case 'required':
      return {
        path: toFieldPath(spec, error.instancePath, String(params.missingProperty)),
        value: undefined,
        rule: 'is required',
        fix: `set ${String(params.missingProperty)}`,
      };
    case 'type':
      return { path, value: error.data, rule: `is not of type ${String(params.type)}`, fix: `write ${withArticle(String(params.type))}` };
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
