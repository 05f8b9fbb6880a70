import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The API reference in docs/ is generated from the JSDoc (`npm run docs`); CI regenerates it and
// fails when the committed docs/ differ or when any exported symbol lacks documentation.

const ROOT = join(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'polycluster-docs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const strip = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');

/** TypeDoc with TypeScript 5.9 and the given options file. */
function typedoc(options: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', './scripts/typedoc-typescript-5.9.mjs', 'node_modules/typedoc/bin/typedoc', '--options', options, ...args],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return { status: result.status, output: strip(`${result.stdout}${result.stderr}`) };
}

describe('API documentation', () => {
  it('docs/ is what the sources generate, and every exported symbol is documented (npm run docs:check)', () => {
    const result = spawnSync('npm', ['run', '--silent', 'docs:check'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status, strip(`${result.stdout}${result.stderr}`)).toBe(0);
  });

  it('is generated for every entry point of the exports map', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const index = readFileSync(join(ROOT, 'docs/README.md'), 'utf8');
    for (const subpath of Object.keys(pkg.exports).filter((s) => s !== './package.json')) {
      const module = subpath === '.' ? 'polycluster' : `polycluster/${subpath.slice(2)}`;
      expect(index, module).toContain(`[${module}](`);
    }
  });

  it('fails on an undocumented export, an undocumented member and an unexported referenced type', () => {
    const dir = join(work, 'fixture');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'index.ts'),
      [
        '/** A documented module. @module fixture */',
        'interface Hidden { readonly a: string }',
        'export function undocumented(): Hidden { return { a: "" }; }',
        '/** Documented, but one member is not. */',
        'export interface Props { readonly bare: string }',
        '/** A documented constant whose value keys need no comments. */',
        'export const TABLE = { key: { nested: 1 } } as const;',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fixture', version: '1.0.0' }));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: true }, include: ['index.ts'] }));
    // The repository's configuration with the fixture's tsconfig (a `--tsconfig` argument loses to the options file's).
    writeFileSync(join(dir, 'typedoc.json'), JSON.stringify({ extends: [join(ROOT, 'typedoc.json')], tsconfig: './tsconfig.json', intentionallyNotDocumented: [] }));
    const { status, output } = typedoc(join(dir, 'typedoc.json'), ['--entryPoints', join(dir, 'index.ts'), '--out', join(work, 'out')]);
    expect(status).not.toBe(0);
    expect(output).toContain('undocumented (CallSignature), defined in fixture/index.ts, does not have any documentation');
    expect(output).toContain('Props.bare (Property), defined in fixture/index.ts, does not have any documentation');
    expect(output).toMatch(/Hidden, defined in .* is referenced by .*undocumented/);
    // The members of a documented constant's value are data (scripts/typedoc-constant-values.mjs).
    expect(output).not.toContain('TABLE.');
  });
});
