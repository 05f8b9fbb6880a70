import { Lazy } from 'cdktf';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_STACK_TRACES_ENV, withoutTokenStackTraces } from '../constructs/token-stack-traces';

/** The creation trace cdktf recorded for a fresh token. */
const creationStack = (): string[] => Lazy.anyValue({ produce: () => 1 }).creationStack;

describe('withoutTokenStackTraces', () => {
  afterEach(() => {
    delete process.env[TOKEN_STACK_TRACES_ENV];
  });

  it('leaves the creation trace of tokens made inside empty, and returns what the build returns', () => {
    expect(creationStack().length).toBeGreaterThan(0);
    expect(withoutTokenStackTraces(() => creationStack())).toEqual([]);
    expect(withoutTokenStackTraces(() => 42)).toBe(42);
  });

  it('puts the traces back afterwards, also when the build throws, and when nested', () => {
    expect(() =>
      withoutTokenStackTraces(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(creationStack().length).toBeGreaterThan(0);
    withoutTokenStackTraces(() => withoutTokenStackTraces(() => undefined));
    expect(creationStack().length).toBeGreaterThan(0);
  });

  it(`keeps the traces when ${TOKEN_STACK_TRACES_ENV}=1`, () => {
    process.env[TOKEN_STACK_TRACES_ENV] = '1';
    expect(withoutTokenStackTraces(() => creationStack()).length).toBeGreaterThan(0);
  });
});
