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
/** cdktf's resolver proper, which the fast path hands what is not plain (with the path). */
const cdktfResolver = require('cdktf/lib/tokens/private/resolve') as { resolve: (obj: unknown, options: { prefix: string[] }) => unknown };

/** The message `resolve` throws, or '' when it does not. */
function errorOf(resolve: () => unknown): string {
  try {
    resolve();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/** `{ a: { a: ... leaf } }`, `depth` levels. */
const nested = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : { a: nested(depth - 1, leaf) });

/** Restores FULL_RESOLUTION_ENV to what it was before the test. */
function keepEnv(): void {
  const before = process.env[FULL_RESOLUTION_ENV];
  afterEach(() => {
    if (before === undefined) delete process.env[FULL_RESOLUTION_ENV];
    else process.env[FULL_RESOLUTION_ENV] = before;
  });
}

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
  keepEnv();

  it('installs the fast path while it runs and puts cdktf’s resolver back after, also when nested or on a throw', () => {
    delete process.env[FULL_RESOLUTION_ENV];
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

  it('hands cdktf’s resolver only the parts that hold tokens, with the path it would have reached them by', () => {
    delete process.env[FULL_RESOLUTION_ENV];
    const original = cdktfResolver.resolve;
    const handed: [string, unknown][] = [];
    const { stack, values } = valuesWithTokens();
    cdktfResolver.resolve = (obj, options) => {
      handed.push([options.prefix.join('/'), obj]);
      return original(obj, options);
    };
    try {
      withPlainDataResolution(() => tokens.resolve(stack, { plain: values.plain, mixed: { reference: values.reference, inArray: values.inArray } }));
    } finally {
      cdktfResolver.resolve = original;
    }
    // Strings that look like an exponent go too: cdktf looks such runs up as number tokens.
    expect(handed).toEqual([
      ['plain/numberLike/0', '1e5'],
      ['plain/numberLike/1', 'v1.2.3-e2e'],
      ['plain/numberLike/2', '9.9e+9'],
      ['mixed/reference', values.reference],
      ['mixed/inArray', values.inArray],
    ]);
  });

  it('keeps cdktf’s depth limit, counted from the root of what it resolves', () => {
    const stack = new TerraformStack(Testing.app(), 'deep');
    const tooDeep = [nested(201, 'x'), { list: [[[nested(199, 'x')]]] }, nested(150, Lazy.anyValue({ produce: () => nested(60, 'x') }))];
    for (const value of tooDeep) {
      const message = errorOf(() => tokens.resolve(stack, value));
      expect(message).toContain('circular reference');
      expect(errorOf(() => withPlainDataResolution(() => tokens.resolve(stack, value)))).toBe(message);
    }
    const deepEnough = nested(200, 'x');
    expect(withPlainDataResolution(() => tokens.resolve(stack, deepEnough))).toEqual(tokens.resolve(stack, deepEnough));
  });

  it('resolves each token once, also when the value fails later', () => {
    const stack = new TerraformStack(Testing.app(), 'once');
    const produced = { cdktf: 0, fast: 0 };
    const value = (counter: 'cdktf' | 'fast') => ({ a: Lazy.stringValue({ produce: () => String(++produced[counter]) }), b: () => 1 });
    const cdktfMessage = errorOf(() => tokens.resolve(stack, value('cdktf')));
    expect(errorOf(() => withPlainDataResolution(() => tokens.resolve(stack, value('fast'))))).toBe(cdktfMessage);
    expect(produced).toEqual({ cdktf: 1, fast: 1 });
  });

  it('walks an array as cdktf does when a token appends to it, and keeps array subclasses for cdktf', () => {
    const stack = new TerraformStack(Testing.app(), 'growing');
    const growing = (): string[] => {
      const array: string[] = ['a'];
      array.push(Lazy.stringValue({ produce: () => (array.push('appended'), 'b') }));
      return array;
    };
    const expected = tokens.resolve(stack, { array: growing() });
    expect(expected).toEqual({ array: ['a', 'b'] });
    expect(withPlainDataResolution(() => tokens.resolve(stack, { array: growing() }))).toEqual(expected);
    class Names extends Array<string> {}
    const names = Names.from(['x', 'y']);
    const resolved = withPlainDataResolution(() => tokens.resolve(stack, { names })) as { names: unknown };
    expect(resolved.names).toBeInstanceOf(Names);
  });

  it('fails with cdktf’s own messages where cdktf’s resolver fails', () => {
    const stack = new TerraformStack(Testing.app(), 'bad');
    const listToken = Lazy.listValue({ produce: () => ['a'] });
    const bad: unknown[] = [{ nested: { fn: () => 1 } }, { nested: [`x-${listToken[0]}`] }, { nested: { construct: stack } }, { nested: Token.STRING_MAP_TOKEN_VALUE }];
    const messages = bad.map((value) => errorOf(() => tokens.resolve(stack, value)));
    expect(messages.every((message) => message !== '')).toBe(true);
    // Paths from the root of the value, as cdktf counts them.
    expect(messages[0]).toContain("at '/nested/fn'");
    expect(messages[2]).toContain("at '/nested/construct/node'");
    expect(bad.map((value) => errorOf(() => withPlainDataResolution(() => tokens.resolve(stack, value))))).toEqual(messages);
  });
});

describe('synthesizeApp', () => {
  keepEnv();

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
