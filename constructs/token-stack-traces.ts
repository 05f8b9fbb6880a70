/**
 * cdktf records a full stack trace (no depth limit) for every token it creates, and the provider
 * bindings create dozens per resource in their constructors (one per nested output attribute),
 * so formatting those traces was a sixth of a fleet's synthesis. The traces appear only in the
 * message of a token that fails to resolve; they never reach the synthesized output.
 */

/** Set to `1` to keep cdktf's token creation traces, to find where a broken token was made. */
export const TOKEN_STACK_TRACES_ENV = 'POLYCLUSTER_TOKEN_STACK_TRACES';

/** cdktf's private module; every caller reads `captureStackTrace` from it at call time. */
interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

const noTrace = (): string[] => [];

/**
 * Runs `build` with cdktf's token creation traces off, and puts them back after, also when
 * `build` throws. cdktf 0.21.0 is pinned exactly and is its final release, so the private
 * module it patches cannot move; should it be missing, `build` simply runs with traces.
 */
export function withoutTokenStackTraces<T>(build: () => T): T {
  if (process.env[TOKEN_STACK_TRACES_ENV] === '1') return build();
  const traces = stackTraceModule();
  if (traces === undefined) return build();
  const capture = traces.captureStackTrace;
  traces.captureStackTrace = noTrace;
  try {
    return build();
  } finally {
    traces.captureStackTrace = capture;
  }
}

function stackTraceModule(): StackTraceModule | undefined {
  try {
    const module = require('cdktf/lib/tokens/private/stack-trace') as Partial<StackTraceModule>;
    return typeof module.captureStackTrace === 'function' ? (module as StackTraceModule) : undefined;
  } catch {
    return undefined;
  }
}
