import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CloudDispatcher, defineFleet } from '../../constructs';
import { countingLoaders } from '../support/fake-builder';
import { MINIMAL } from '../support/specs';
import { announceMissing, hasCommand, initAndValidate } from './terraform';

const ROOT = join(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'polycluster-it-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// Every test here runs the compiled package, as cdktf.json's app does.
beforeAll(() => {
  execFileSync('npx', ['tsc', '-p', '.'], { cwd: ROOT, stdio: 'inherit' });
});

/** Every file under a folder, relative path -> content. */
function readTree(dir: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const [k, v] of readTree(path, `${prefix}${entry.name}/`)) files.set(k, v);
    else files.set(`${prefix}${entry.name}`, readFileSync(path, 'utf8'));
  }
  return files;
}

describe('the compiled app (cdktf.json app)', () => {
  const app = JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')).app as string;

  it('is plain node on the compiled JS, without source maps', () => {
    expect(app).toBe('node lib/stacks/main.js');
  });

  it('synthesizes the fleet byte-identically twice', () => {
    const runs = ['a', 'b'].map((run) => {
      const cwd = join(work, `app-${run}`);
      cpSync(join(ROOT, 'lib'), join(cwd, 'lib'), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules'), join(cwd, 'node_modules'), 'dir');
      const started = process.hrtime.bigint();
      execFileSync('sh', ['-c', app], { cwd, stdio: 'inherit' });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      console.log(`app synth ${run}: ${ms.toFixed(0)} ms`);
      expect(existsSync(join(cwd, 'cdktf.out', 'manifest.json'))).toBe(true);
      const manifests = readTree(join(cwd, 'dist', 'manifests'));
      // Every cluster of the fleet gets its manifests, and every file is YAML the parser reads.
      const clusters = new Set([...manifests.keys()].map((path) => path.split('/')[0]));
      expect(clusters.size).toBe(12);
      for (const [path, text] of manifests) expect(parseAllDocuments(text).every((d) => d.errors.length === 0), path).toBe(true);
      return new Map([...readTree(join(cwd, 'cdktf.out')), ...[...manifests].map(([k, v]) => [`dist/manifests/${k}`, v] as const)]);
    });
    expect([...runs[1]!]).toEqual([...runs[0]!]);
  });
});

describe('the lazy cloud dispatcher, compiled', () => {
  it('imports only the cloud folders a fleet uses, from the compiled package', () => {
    const cwd = join(work, 'lazy');
    cpSync(join(ROOT, 'lib'), join(cwd, 'lib'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(cwd, 'node_modules'), 'dir');
    // Stand-in cloud folders that record being loaded; the real ones import provider bindings.
    for (const cloud of ['aws', 'gcp', 'azure']) {
      mkdirSync(join(cwd, 'lib/constructs', cloud), { recursive: true });
      writeFileSync(
        join(cwd, 'lib/constructs', cloud, 'index.js'),
        `globalThis.loaded = [...(globalThis.loaded ?? []), '${cloud}'];\nexports.builder = { cloud: '${cloud}', build() { return { applyTimeValues: {} }; } };\n`,
      );
    }
    const script = `
      const { App } = require('cdktf');
      const { defineFleet } = require('./lib/constructs');
      defineFleet(new App({ outdir: 'out' }), { clusters: [
        { name: 'a', cloud: 'gcp', region: 'europe-west1', gcp: { project: 'acme-platform' } },
        { name: 'b', cloud: 'gcp', region: 'europe-west1', gcp: { project: 'acme-platform' } },
      ] }).then(() => console.log(JSON.stringify(globalThis.loaded)));`;
    const out = execFileSync('node', ['-e', script], { cwd, encoding: 'utf8' });
    expect(JSON.parse(out.trim())).toEqual(['gcp']);
  });

  it('names the missing cloud folder when it is not part of the build', () => {
    // A build without the Azure folder, as a consumer's trimmed copy would be.
    const cwd = join(work, 'no-azure');
    cpSync(join(ROOT, 'lib'), join(cwd, 'lib'), { recursive: true });
    rmSync(join(cwd, 'lib/constructs/azure'), { recursive: true, force: true });
    symlinkSync(join(ROOT, 'node_modules'), join(cwd, 'node_modules'), 'dir');
    const script = `require('./lib/constructs').cloudDispatcher.load(['azure']).catch((e) => console.log(e.message));`;
    const out = execFileSync('node', ['-e', script], { cwd, encoding: 'utf8' });
    expect(out).toContain('polycluster: cannot load the azure cloud folder (constructs/azure)');
  });
});

describe.skipIf(!hasCommand('terraform'))('terraform validate of the phase stacks', () => {
  const outdir = join(work, 'fake-fleet');

  beforeAll(async () => {
    const app = new App({ outdir });
    await defineFleet(
      app,
      {
        // Without cert-manager there are no manifests, whose kubernetes provider is not in the offline mirror.
        clusters: [
          { ...MINIMAL.aws, cni: { kind: 'cilium' }, certManager: { enabled: false } },
          { ...MINIMAL.gcp, stateBackend: { kind: 'gcs', bucket: 'acme-tfstate' }, certManager: { enabled: false } },
          { ...MINIMAL.azure, stateBackend: { kind: 'azurerm', resourceGroupName: 'tfstate', storageAccountName: 'acmetfstate', containerName: 'tfstate' }, certManager: { enabled: false } },
          { ...MINIMAL.aws, name: 'eks-s3', stateBackend: { kind: 's3', bucket: 'acme-tfstate', region: 'eu-west-1' }, certManager: { enabled: false } },
        ],
      },
      { dispatcher: new CloudDispatcher(countingLoaders([])) },
    );
    app.synth();
  });

  it('validates every stack with every backend kind', () => {
    const stacks = readdirSync(join(outdir, 'stacks')).sort();
    expect(stacks).toHaveLength(4 + 3 + 3 + 3);
    for (const stack of stacks) initAndValidate(join(outdir, 'stacks', stack));
  });
});

if (!hasCommand('terraform')) announceMissing('terraform', 'the terraform validate checks of the synthesized stacks did not run');
if (!hasCommand('moto_server')) announceMissing('moto (moto_server)', 'the AWS emulator checks cannot run');
