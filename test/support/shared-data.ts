import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * The workplace's shared test data (chart default values, CRD schemas): ../shared beside the
 * repository, or POLYCLUSTER_SHARED_DIR. It is not part of the repository; tests that need it
 * run wherever it is present (CI always has it) and say so loudly where it is not.
 */
export const SHARED_DIR = process.env.POLYCLUSTER_SHARED_DIR ?? resolve(__dirname, '../../../shared');

export const SHARED_PRESENT = existsSync(join(SHARED_DIR, 'chart-values')) && existsSync(join(SHARED_DIR, 'schemas'));

if (!SHARED_PRESENT) console.warn(`polycluster tests: ${SHARED_DIR} is absent; chart-value and schema checks do not run on this machine`);

/** A chart's default values from ../shared/chart-values. */
export function chartDefaults(file: string): Record<string, unknown> {
  return parse(readFileSync(join(SHARED_DIR, 'chart-values', file), 'utf8')) as Record<string, unknown>;
}

/** A JSON schema from ../shared/schemas. */
export function sharedSchema(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SHARED_DIR, 'schemas', path), 'utf8')) as Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The value paths that a chart's defaults do not have (Helm silently ignores them). Objects that
 * are empty in the defaults are free-form maps (annotations, node selectors) and take any key;
 * `checkedElsewhere` lists paths validated another way (e.g. against a CRD schema).
 */
export function unknownValueKeys(values: Record<string, unknown>, defaults: Record<string, unknown>, checkedElsewhere: readonly string[] = [], at = ''): string[] {
  return Object.entries(values).flatMap(([key, value]) => {
    const path = at === '' ? key : `${at}.${key}`;
    if (checkedElsewhere.includes(path)) return [];
    if (!(key in defaults)) return [path];
    const known = defaults[key];
    if (isObject(value) && isObject(known) && Object.keys(known).length > 0) return unknownValueKeys(value, known, checkedElsewhere, path);
    return [];
  });
}
