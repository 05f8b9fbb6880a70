import { DefaultTokenResolver, StringConcat, Token, Tokenization, type ITokenResolver } from 'cdktf';

/**
 * cdktf resolves every stack about three times while synthesizing (a preparing pass that finds
 * cross-stack references, each element's fragment, then the merged stack), and its resolver
 * builds a context of closures for every key and value it visits, token or not. Most of a
 * fleet's Terraform JSON is plain data (manifest bodies, Helm values, names, CIDRs), so that walk
 * was over half of a 50-cluster synthesis. This fast path copies plain data itself and hands
 * cdktf's resolver only what it cannot prove plain, at the path where cdktf would have reached
 * it: the output, errors and side effects are cdktf's (test/plain-data-resolution.test.ts
 * compares token kinds, errors and whole fleets).
 */

/** Set to `1` to let cdktf's resolver walk every value, as if this fast path did not exist. */
export const FULL_RESOLUTION_ENV = 'POLYCLUSTER_FULL_RESOLUTION';

type Resolve = (scope: unknown, obj: unknown, preparing?: boolean) => unknown;

/** cdktf's private `_tokens` module; TerraformStack reads `resolve` from it at every call. */
interface TokensModule {
  resolve: Resolve;
}

/** cdktf's private resolver, which takes the path it starts at (the public one always starts at the root). */
interface ResolverModule {
  resolve(obj: unknown, options: { scope: unknown; prefix: string[]; resolver: ITokenResolver; preparing: boolean }): unknown;
}

/** cdktf's private token encoding: the exact number-token tests its resolver applies. */
interface EncodingModule {
  TokenString: {
    forNumbers(s: string): { test(): boolean };
  };
  extractTokenDouble(n: number, list: boolean): number | undefined;
}

interface PrivateModules {
  readonly tokens: TokensModule;
  readonly resolver: ResolverModule;
  readonly encoding: EncodingModule;
}

/** Every string, list and map token marker contains this (`${TfToken[`, `#{TfToken[`, `&{TfToken[`). */
const TOKEN_MARKER = 'TfToken[';

/** cdktf refuses paths deeper than this as circular; deeper values go to it so that it does. */
const MAX_DEPTH = 200;

/**
 * Runs `run` with cdktf resolving through the plain-data fast path, and puts cdktf's own
 * resolver back after, also when `run` throws. `run` must synthesize synchronously (an async
 * `run` loses the fast path at its first `await`, and only its speed). Nested calls run under the
 * outer one. cdktf 0.21.0 is pinned exactly and is its final release, so the private modules read
 * here cannot move; should one be missing, `run` simply runs on cdktf's resolver.
 */
export function withPlainDataResolution<T>(run: () => T): T {
  if (process.env[FULL_RESOLUTION_ENV] === '1') return run();
  const modules = privateModules();
  if (modules === undefined || isFastPath(modules.tokens.resolve)) return run();
  const original = modules.tokens.resolve;
  modules.tokens.resolve = fastPath(modules);
  try {
    return run();
  } finally {
    modules.tokens.resolve = original;
  }
}

/** Shared by every copy of this library in a process, so that none wraps another's fast path. */
const FAST_PATH = Symbol.for('polycluster.plain-data-resolution');

function isFastPath(resolve: Resolve): boolean {
  return (resolve as Resolve & { [FAST_PATH]?: true })[FAST_PATH] === true;
}

/**
 * A resolver that returns plain data as cdktf's would (the same values, undefined and holes
 * dropped, key order kept) and hands cdktf's resolver, with the path it would have reached it
 * by, the smallest part that is not plain: a string or number holding a token, an array with a
 * list token, an object with a token key, anything that is not a plain object or array (tokens,
 * constructs, dates, functions, subclasses), and anything deeper than cdktf allows. Every token
 * is resolved once, in the order cdktf resolves it, and cdktf throws its own errors with its own
 * paths.
 */
function fastPath({ resolver, encoding }: PrivateModules): Resolve {
  const { TokenString, extractTokenDouble } = encoding;
  // What `_tokens.resolve` passes to cdktf's resolver: a default resolver concatenating strings.
  const tokenResolver = new DefaultTokenResolver(new StringConcat());

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
    const path: string[] = [];
    const cdktf = (value: unknown): unknown => resolver.resolve(value, { scope, prefix: [...path], resolver: tokenResolver, preparing });
    const walk = (value: unknown): unknown => {
      if (path.length > MAX_DEPTH) return cdktf(value);
      if (value === undefined || value === null || typeof value === 'boolean') return value;
      if (typeof value === 'string') return plainString(value) ? value : cdktf(value);
      if (typeof value === 'number') return plainNumber(value) ? value : cdktf(value);
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype || value.some(listTokenElement)) return cdktf(value);
        const out: unknown[] = [];
        // As cdktf's `map`: the length as it was at the start, holes skipped.
        for (let i = 0, length = value.length; i < length; i++) {
          if (!(i in value)) continue;
          path.push(String(i));
          const resolved = walk(value[i]);
          path.pop();
          if (resolved !== undefined) out.push(resolved);
        }
        return out;
      }
      if (!plainObject(value)) return cdktf(value);
      const keys = Object.keys(value);
      if (!keys.every(plainString)) return cdktf(value);
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        path.push(key);
        const resolved = walk(value[key]);
        path.pop();
        if (resolved !== undefined) out[key] = resolved;
      }
      return out;
    };
    return walk(obj);
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

function privateModules(): PrivateModules | undefined {
  try {
    const tokens = require('cdktf/lib/_tokens') as Partial<TokensModule>;
    const resolver = require('cdktf/lib/tokens/private/resolve') as Partial<ResolverModule>;
    const encoding = require('cdktf/lib/tokens/private/encoding') as Partial<EncodingModule>;
    if (typeof tokens.resolve !== 'function' || typeof resolver.resolve !== 'function') return undefined;
    if (typeof encoding.extractTokenDouble !== 'function' || typeof encoding.TokenString?.forNumbers !== 'function') return undefined;
    return { tokens: tokens as TokensModule, resolver: resolver as ResolverModule, encoding: encoding as EncodingModule };
  } catch {
    return undefined;
  }
}
