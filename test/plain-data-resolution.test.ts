import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App, Fn, Lazy, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { afterEach, describe, expect, it } from 'vitest';
import { defineFleet, FULL_RESOLUTION_ENV, synthesizeApp, withPlainDataResolution } from '../constructs';
import { fleet } from '../stacks/fleet';

/** The private resolver TerraformStack calls for every element; what the fast path replaces. */
const tokens = require('cdktf/lib/_tokens') as { resolve: (scope: unknown, obj: unknown, preparing?: boolean) => unknown };

/** Every file under `dir`, path to bytes. */
function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (path: string): void => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) visit(full);
      else files.set(relative(dir, full), readFileSync(full, 'utf8'));
    }
  };
  visit(dir);
  return files;
}

/** Builds an app into a fresh outdir, synthesizes it with `synth`, and returns its files. */
async function synthesizedFiles(build: (app: App) => unknown, synth: (app: App) => void): Promise<Map<string, string>> {
  const outdir = mkdtempSync(join(tmpdir(), 'polycluster-resolution-'));
  try {
    const app = Testing.app({ outdir });
    await build(app);
    synth(app);
    return filesUnder(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** A stack holding one variable, and values that mix plain data with every kind of token. */
function valuesWithTokens(): { stack: TerraformStack; values: Record<string, unknown> } {
  const stack = new TerraformStack(Testing.app(), 'values');
  const variable = new TerraformVariable(stack, 'region', { type: 'string' });
  const lazyNumber = Lazy.numberValue({ produce: () => 7 });
  const values: Record<string, unknown> = {
    plain: {
      empty: '',
      names: ['kube-system', 'cert-manager', '日本語'],
      escaped: '${var.not_a_token} and }',
      numberLike: ['1e5', 'v1.2.3-e2e', '9.9e+9', 'e2e'],
      numbers: [0, -1, 1.5, 65535, Number.MAX_SAFE_INTEGER],
      flags: [true, false, null],
      holes: [1, undefined, 2, undefined],
      dropped: undefined,
      deep: { a: { b: { c: [{ d: 'e' }, [], {}] } } },
    },
    reference: variable.stringValue,
    concatenated: `arn:aws:iam::${variable.stringValue}:role/x`,
    inArray: ['plain', variable.stringValue, 'also plain'],
    numberToken: lazyNumber,
    numberInString: `port ${lazyNumber}`,
    listToken: Lazy.listValue({ produce: () => ['a', 'b'] }),
    mapToken: Token.asStringMap(Lazy.anyValue({ produce: () => ({ k: 'v' }) })),
    anyToken: Lazy.anyValue({ produce: () => ({ nested: [1, undefined, 'x', variable.stringValue] }) }),
    fn: Fn.join(',', ['a', variable.stringValue]),
    [Lazy.stringValue({ produce: () => 'resolved-key' })]: 'value under a token key',
    date: new Date(0),
    instance: new (class Settings {
      readonly mode = 'strict';
      readonly missing = undefined;
    })(),
  };
  return { stack, values };
}

describe('withPlainDataResolution', () => {
  afterEach(() => {
    delete process.env[FULL_RESOLUTION_ENV];
  });

  it('installs the fast path while it runs and puts cdktf’s resolver back after, also when nested or on a throw', () => {
    const original = tokens.resolve;
    withPlainDataResolution(() => {
      expect(tokens.resolve).not.toBe(original);
      const fast = tokens.resolve;
      withPlainDataResolution(() => expect(tokens.resolve).toBe(fast));
      expect(tokens.resolve).toBe(fast);
    });
    expect(tokens.resolve).toBe(original);
    expect(() =>
      withPlainDataResolution(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(tokens.resolve).toBe(original);
    expect(withPlainDataResolution(() => 42)).toBe(42);
  });

  it(`leaves cdktf’s resolver in place when ${FULL_RESOLUTION_ENV}=1`, () => {
    process.env[FULL_RESOLUTION_ENV] = '1';
    const original = tokens.resolve;
    withPlainDataResolution(() => expect(tokens.resolve).toBe(original));
  });

  it('resolves plain data and every kind of token exactly as cdktf does, in both passes', () => {
    for (const preparing of [false, true]) {
      const { stack, values } = valuesWithTokens();
      const expected = tokens.resolve(stack, values, preparing);
      const actual = withPlainDataResolution(() => tokens.resolve(stack, values, preparing));
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      expect(actual).toEqual(expected);
    }
    // The comparison above is not vacuous: tokens were resolved and holes dropped.
    const { stack, values } = valuesWithTokens();
    const resolved = withPlainDataResolution(() => tokens.resolve(stack, values)) as Record<string, any>;
    expect(resolved.reference).toBe('${var.region}');
    expect(resolved.numberInString).toBe('port 7');
    expect(resolved['resolved-key']).toBe('value under a token key');
    expect(resolved.plain.holes).toEqual([1, 2]);
    expect('dropped' in resolved.plain).toBe(false);
    expect(resolved.instance).toEqual({ mode: 'strict' });
  });

  it('hands cdktf’s resolver only the parts that hold tokens', () => {
    const original = tokens.resolve;
    const handed: unknown[] = [];
    const { stack, values } = valuesWithTokens();
    // Installed first, the spy is what the fast path takes for cdktf's resolver.
    tokens.resolve = (scope, obj, preparing) => {
      handed.push(obj);
      return original(scope, obj, preparing);
    };
    try {
      withPlainDataResolution(() => tokens.resolve(stack, { plain: values.plain, mixed: { reference: values.reference, inArray: values.inArray } }));
    } finally {
      tokens.resolve = original;
    }
    // Strings that look like an exponent go too: cdktf looks such runs up as number tokens.
    expect(handed).toEqual(['1e5', 'v1.2.3-e2e', '9.9e+9', values.reference, values.inArray]);
  });

  it('fails with cdktf’s own messages where cdktf’s resolver fails', () => {
    const stack = new TerraformStack(Testing.app(), 'bad');
    const listToken = Lazy.listValue({ produce: () => ['a'] });
    const bad: unknown[] = [{ nested: { fn: () => 1 } }, { nested: [`x-${listToken[0]}`] }, { nested: { construct: stack } }, { nested: Token.STRING_MAP_TOKEN_VALUE }];
    for (const value of bad) {
      let message = '';
      try {
        tokens.resolve(stack, value);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toBe('');
      expect(() => withPlainDataResolution(() => tokens.resolve(stack, value))).toThrow(message);
    }
  });
});

describe('synthesizeApp', () => {
  afterEach(() => {
    delete process.env[FULL_RESOLUTION_ENV];
  });

  it('writes the bytes app.synth() writes for cross-stack references, which only the preparing pass creates', async () => {
    const build = (app: App): void => {
      const network = new TerraformStack(app, 'network');
      new AwsProvider(network, 'aws', { region: 'eu-west-1' });
      const vpc = new Vpc(network, 'vpc', { cidrBlock: '10.0.0.0/16', tags: { team: 'platform' } });
      const consumer = new TerraformStack(app, 'consumer');
      new AwsProvider(consumer, 'aws', { region: 'eu-west-1' });
      new TerraformOutput(consumer, 'vpc', { value: { id: vpc.id, arn: vpc.arn, plain: { cidr: '10.0.0.0/16', zones: ['a', 'b'] } } });
    };
    const plain = await synthesizedFiles(build, (app) => app.synth());
    const fast = await synthesizedFiles(build, synthesizeApp);
    expect(plain.get('stacks/network/cdk.tf.json')).toContain('cross-stack-output-aws_vpcvpc');
    expect([...fast.keys()]).toEqual([...plain.keys()]);
    for (const [path, text] of plain) expect(fast.get(path), path).toBe(text);
  });

  it('writes the example fleet byte for byte as cdktf’s resolver alone does', async () => {
    process.env[FULL_RESOLUTION_ENV] = '1';
    const full = await synthesizedFiles((app) => defineFleet(app, fleet), synthesizeApp);
    delete process.env[FULL_RESOLUTION_ENV];
    const fast = await synthesizedFiles((app) => defineFleet(app, fleet), synthesizeApp);
    expect(full.size).toBeGreaterThan(50);
    expect([...fast.keys()]).toEqual([...full.keys()]);
    for (const [path, text] of full) expect(fast.get(path), path).toBe(text);
  });
});
