import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloudDispatcher } from '../../constructs/cloud-dispatch';
import { builder } from '../../constructs/gcp';

const ROOT = join(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const GOOGLE_IMPORT = /from '(@cdktf\/provider-google[^']*)'/g;

describe('loading the Google bindings', () => {
  it('imports provider classes by deep path only (the package root costs 1.2 s and 450 MB)', () => {
    const imports = sourceFiles(join(ROOT, 'constructs/gcp')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(GOOGLE_IMPORT)].map((m) => m[1]!));
    expect(imports.length).toBeGreaterThan(0);
    for (const specifier of imports) expect(specifier).toMatch(/^@cdktf\/provider-google\/lib\/[a-z0-9-]+$/);
  });

  it('imports the Google bindings only from constructs/gcp', () => {
    const outside = [...sourceFiles(join(ROOT, 'constructs')), ...sourceFiles(join(ROOT, 'stacks'))]
      .filter((file) => !file.startsWith(join(ROOT, 'constructs/gcp')))
      .filter((file) => readFileSync(file, 'utf8').includes('@cdktf/provider-google'))
      .map((file) => relative(ROOT, file));
    expect(outside).toEqual([]);
  });

  it('registers the GKE builder when the folder is imported', () => {
    expect(builder.cloud).toBe('gcp');
    expect(cloudDispatcher.builderFor('gcp')).toBe(builder);
  });
});
