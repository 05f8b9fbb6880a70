import { Token, Tokenization } from 'cdktf';

/**
 * cdktf resolves every stack about three times while synthesizing (a preparing pass that finds
 * cross-stack references, each element's fragment, then the merged stack), and its resolver
 * builds a context of closures for every key and value it visits, token or not. Most of a
 * fleet's Terraform JSON is plain data (manifest bodies, Helm values, names, CIDRs), so that walk
 * was over half of a 50-cluster synthesis. This fast path copies plain data itself and hands
 * cdktf's resolver only what it cannot prove plain: the output is byte-identical
 * (test/plain-data-resolution.test.ts compares whole fleets).
 */

/** Set to `1` to let cdktf's resolver walk every value, as if this fast path did not exist. */
export const FULL_RESOLUTION_ENV = 'POLYCLUSTER_FULL_RESOLUTION';

type Resolve = (scope: unknown, obj: unknown, preparing?: boolean) => unknown;

/** cdktf's private `_tokens` module; TerraformStack reads `resolve` from it at every call. */
interface TokensModule {
  resolve: Resolve;
}

/** cdktf's private token encoding: the exact number-token tests its resolver applies. */
interface EncodingModule {
  TokenString: {
    forNumbers(s: string): { test(): boolean };
  };
  extractTokenDouble(n: number, list: boolean): number | undefined;
}

/** Every string, list and map token marker contains this (`${TfToken[`, `#{TfToken[`, `&{TfToken[`). */
const TOKEN_MARKER = 'TfToken[';

/**
 * Runs `run` with cdktf resolving through the plain-data fast path, and puts cdktf's own
 * resolver back after, also when `run` throws. Nested calls run under the outer one. cdktf 0.21.0
 * is pinned exactly and is its final release, so the private modules read here cannot move;
 * should one be missing, `run` simply runs on cdktf's resolver.
 */
export function withPlainDataResolution<T>(run: () => T): T {
  if (process.env[FULL_RESOLUTION_ENV] === '1') return run();
  const modules = privateModules();
  if (modules === undefined || isFastPath(modules.tokens.resolve)) return run();
  const original = modules.tokens.resolve;
  modules.tokens.resolve = fastPath(original, modules.encoding);
  try {
    return run();
  } finally {
    modules.tokens.resolve = original;
  }
}

const FAST_PATH = Symbol('polycluster plain-data resolution');

function isFastPath(resolve: Resolve): boolean {
  return (resolve as Resolve & { [FAST_PATH]?: true })[FAST_PATH] === true;
}

/**
 * A resolver that returns plain data as cdktf's would (the same values, undefined dropped from
 * objects and arrays, key order kept) and calls `original` on the smallest part that is not
 * plain: a string or number holding a token, an array with a list token, an object with a token
 * key, and anything that is not a plain object or array (tokens, constructs, dates, functions),
 * so every token is still resolved, in the same order. On an error cdktf resolves the whole value
 * again, so the message names the path it names.
 */
function fastPath(original: Resolve, encoding: EncodingModule): Resolve {
  const { TokenString, extractTokenDouble } = encoding;

  // A string with a token marker goes to cdktf whole, also in the rare case its marker is not a
  // token, so the exact token tests stay cdktf's.
  const plainString = (s: string): boolean =>
    s !== Token.STRING_MAP_TOKEN_VALUE &&
    s !== Token.ANY_MAP_TOKEN_VALUE &&
    !s.includes(TOKEN_MARKER) &&
    // cdktf also rewrites number tokens written into strings: it looks up any run like `1e5`.
    !TokenString.forNumbers(s).test();
  const plainNumber = (n: number): boolean => n !== Token.NUMBER_MAP_TOKEN_VALUE && extractTokenDouble(n, false) === undefined;
  const listTokenElement = (x: unknown): boolean =>
    (typeof x === 'string' && x.includes(TOKEN_MARKER)) || (typeof x === 'number' && extractTokenDouble(x, true) !== undefined);

  const resolve: Resolve = (scope, obj, preparing = false) => {
    const walk = (value: unknown): unknown => {
      if (value === undefined || value === null || typeof value === 'boolean') return value;
      if (typeof value === 'string') return plainString(value) ? value : original(scope, value, preparing);
      if (typeof value === 'number') return plainNumber(value) ? value : original(scope, value, preparing);
      if (Array.isArray(value)) {
        if (value.some(listTokenElement)) return original(scope, value, preparing);
        const out: unknown[] = [];
        for (const element of value) {
          const resolved = walk(element);
          if (resolved !== undefined) out.push(resolved);
        }
        return out;
      }
      if (!plainObject(value)) return original(scope, value, preparing);
      const keys = Object.keys(value);
      if (!keys.every(plainString)) return original(scope, value, preparing);
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const resolved = walk(value[key]);
        if (resolved !== undefined) out[key] = resolved;
      }
      return out;
    };
    try {
      return walk(obj);
    } catch {
      // cdktf names the failing path from the root of what it was given: fail as it fails.
      return original(scope, obj, preparing);
    }
  };
  return Object.assign(resolve, { [FAST_PATH]: true as const });
}

/**
 * An object literal that is neither a token nor shaped like a construct (cdktf's resolver
 * rejects both; they go to it so that it does).
 */
function plainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  if (Tokenization.isResolvable(value)) return false;
  return !('_children' in value && '_metadata' in value);
}

function privateModules(): { tokens: TokensModule; encoding: EncodingModule } | undefined {
  try {
    const tokens = require('cdktf/lib/_tokens') as Partial<TokensModule>;
    const encoding = require('cdktf/lib/tokens/private/encoding') as Partial<EncodingModule>;
    if (typeof tokens.resolve !== 'function' || typeof encoding.extractTokenDouble !== 'function' || encoding.TokenString === undefined) return undefined;
    return { tokens: tokens as TokensModule, encoding: encoding as EncodingModule };
  } catch {
    return undefined;
  }
}
