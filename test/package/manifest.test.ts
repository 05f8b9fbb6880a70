import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript-5.9';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What another repository gets from `npm install polycluster`: the manifest's promises checked
// against the compiled package. The tarball itself is installed and used in
// test/integration/consumer.test.ts.

const ROOT = join(__dirname, '../..');
type Manifest = {
  main: string;
  types: string;
  files: string[];
  exports: Record<string, string | { types: string; default: string }>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  scripts: Record<string, string>;
  private?: boolean;
  typesVersions: Record<string, Record<string, string[]>>;
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

const CLOUD_PROVIDERS = { aws: '@cdktf/provider-aws', gcp: '@cdktf/provider-google', azure: '@cdktf/provider-azurerm' } as const;
const CLOUD_PEERS = Object.values(CLOUD_PROVIDERS);
const REQUIRED_PEERS = ['cdktf', 'constructs', '@cdktf/provider-helm', '@cdktf/provider-kubernetes'];
const SUBPATHS = ['.', './aws', './gcp', './azure', './policy-evaluator', './review'];

/** `@scope/name/deep/path` -> `@scope/name`; `name/deep` -> `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
const isBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || builtinModules.includes(specifier);
const isRelative = (specifier: string): boolean => specifier.startsWith('./') || specifier.startsWith('../');

/** Every module specifier of a file: imports, re-exports, type imports, require() and literal import(). */
function specifiersOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f))
    .sort();
}

/** The packages a compiled module loads when it is required, following its relative requires. */
function runtimePackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of specifiersOf(file)) {
      if (isBuiltin(specifier)) continue;
      if (!isRelative(specifier)) {
        packages.add(packageOf(specifier));
        continue;
      }
      const target = resolve(dirname(file), specifier);
      const candidates = [target, `${target}.js`, join(target, 'index.js')];
      const found = candidates.find((c) => existsSync(c) && c.endsWith('.js'));
      if (!found) throw new Error(`${relative(out, file)} requires ${specifier}, which the build does not contain`);
      visit(found);
    }
  };
  visit(entry);
  return packages;
}

const targetOf = (subpath: string, condition: 'types' | 'default'): string => {
  const entry = pkg.exports[subpath];
  if (entry === undefined) throw new Error(`no export ${subpath}`);
  return typeof entry === 'string' ? entry : entry[condition];
};

// The package as `npm pack` builds it (prepack = `npm run build`), compiled into a temporary
// folder so lib/ of the working tree is left alone.
let out: string;
const built = (target: string): string => join(out, target.replace(/^\.\/lib\//, ''));
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'polycluster-manifest-'));
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT, '--outDir', out], { encoding: 'utf8' });
  // Type errors are `npm test`'s to report (tsc exits 2 and still emits); only a failed emit stops here.
  if (tsc.status !== 0 && tsc.status !== 2) throw new Error(`tsc -p . emitted nothing:\n${tsc.stdout}${tsc.stderr}`);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('package.json', () => {
  it('can be packed and published under its name', () => {
    expect(pkg.private).toBeUndefined();
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).name).toBe('polycluster');
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('exports the root and one entry point per cloud and tool, types condition first', () => {
    expect(Object.keys(pkg.exports)).toEqual([...SUBPATHS, './package.json']);
    for (const subpath of SUBPATHS) {
      const entry = pkg.exports[subpath];
      expect(typeof entry, subpath).toBe('object');
      // Conditions match in object order: TypeScript must meet `types` before `default`.
      expect(Object.keys(entry as object), subpath).toEqual(['types', 'default']);
      const folder = subpath === '.' ? '' : `${subpath.slice(2)}/`;
      expect(targetOf(subpath, 'default')).toBe(`./lib/constructs/${folder}index.js`);
      expect(targetOf(subpath, 'types')).toBe(`./lib/constructs/${folder}index.d.ts`);
    }
    expect(pkg.exports['./package.json']).toBe('./package.json');
    expect([pkg.main, pkg.types]).toEqual([targetOf('.', 'default'), targetOf('.', 'types')]);
  });

  it('ships only the compiled library and the README', () => {
    expect(pkg.files).toEqual(['lib/constructs/**/*.js', 'lib/constructs/**/*.d.ts', 'README.md']);
  });

  it('maps every subpath in typesVersions too, for consumers whose TypeScript ignores the exports map (moduleResolution node10)', () => {
    const subpaths = Object.keys(pkg.exports).filter((k) => k !== '.' && k !== './package.json');
    expect(Object.keys(pkg.typesVersions['*']!).sort()).toEqual(subpaths.map((k) => k.slice(2)).sort());
    for (const subpath of subpaths) {
      const target = pkg.exports[subpath] as { types: string };
      expect(pkg.typesVersions['*']![subpath.slice(2)]).toEqual([target.types.replace(/^\.\//, '')]);
    }
  });

  it('every exports target exists after the build', () => {
    for (const subpath of SUBPATHS) {
      for (const condition of ['types', 'default'] as const) {
        expect(existsSync(built(targetOf(subpath, condition))), `${subpath} ${condition}`).toBe(true);
      }
    }
  });

  it('pins every peer dependency exactly, at the version this repository develops against', () => {
    for (const [name, version] of Object.entries(pkg.peerDependencies)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(pkg.devDependencies[name], `devDependencies.${name}`).toBe(version);
      expect(pkg.dependencies[name], `${name} is a peer, not a dependency`).toBeUndefined();
    }
    expect(Object.keys(pkg.peerDependencies)).toEqual(expect.arrayContaining([...REQUIRED_PEERS, ...CLOUD_PEERS]));
  });

  it('makes the cloud providers optional peers: a consumer installs only the clouds it uses', () => {
    for (const provider of CLOUD_PEERS) expect(pkg.peerDependenciesMeta[provider]?.optional, provider).toBe(true);
    for (const peer of REQUIRED_PEERS) expect(pkg.peerDependenciesMeta[peer]?.optional, peer).toBeUndefined();
  });
});

describe('the compiled library', () => {
  it('imports only node builtins, its own files, dependencies and peers (JS and .d.ts)', () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
    const undeclared: string[] = [];
    const files = [...filesUnder(join(out, 'constructs'), '.js'), ...filesUnder(join(out, 'constructs'), '.d.ts')];
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      for (const specifier of specifiersOf(file)) {
        if (isBuiltin(specifier) || isRelative(specifier) || declared.has(packageOf(specifier))) continue;
        undeclared.push(`${relative(out, file)}: ${specifier}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('loads at runtime only dependencies and required peers, plus the cloud provider of a cloud entry point', () => {
    const allowed = new Set([...Object.keys(pkg.dependencies), ...REQUIRED_PEERS]);
    for (const subpath of SUBPATHS) {
      const cloud = subpath.slice(2) as keyof typeof CLOUD_PROVIDERS;
      const own = CLOUD_PROVIDERS[cloud];
      const loaded = [...runtimePackages(built(targetOf(subpath, 'default')))];
      // An optional peer (another cloud's provider, kubernetes-models' types) is never required.
      expect(loaded.filter((p) => !allowed.has(p) && p !== own), subpath).toEqual([]);
      if (own) expect(loaded, subpath).toContain(own);
    }
  });

  it('requires a cloud provider only from that cloud folder', () => {
    const misplaced: string[] = [];
    for (const file of filesUnder(join(out, 'constructs'), '.js')) {
      const folder = relative(join(out, 'constructs'), file).split('/')[0];
      for (const specifier of specifiersOf(file)) {
        const cloud = (Object.keys(CLOUD_PROVIDERS) as (keyof typeof CLOUD_PROVIDERS)[]).find((c) => packageOf(specifier) === CLOUD_PROVIDERS[c]);
        if (cloud && cloud !== folder) misplaced.push(`${relative(out, file)}: ${specifier}`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('uses every runtime dependency it declares', () => {
    const used = new Set(SUBPATHS.flatMap((subpath) => [...runtimePackages(built(targetOf(subpath, 'default')))]));
    expect(Object.keys(pkg.dependencies).filter((d) => !used.has(d))).toEqual([]);
  });
});
