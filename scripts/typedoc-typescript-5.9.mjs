// Preloaded (`node --import`) into the TypeDoc process by scripts/docs.mjs.
//
// Why: the repository's `typescript` is TypeScript 7, the native compiler, which has no JavaScript
// compiler API; TypeDoc is built on that API (TypeScript 5.x). TypeScript 5.9 is installed beside
// it under the npm alias `typescript-5.9`. This hook makes every `import "typescript"` in this one
// process (TypeDoc and its plugins) resolve to the alias, so build and type check keep TypeScript 7
// and nothing is patched in node_modules. package.json's `overrides` entry for typedoc only tells
// npm that TypeDoc's peer dependency on typescript is handled here.
import { register } from 'node:module';

const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' || specifier.startsWith('typescript/')) {
    return next('typescript-5.9' + specifier.slice('typescript'.length), context);
  }
  return next(specifier, context);
}`;

register(`data:text/javascript,${encodeURIComponent(hook)}`);
