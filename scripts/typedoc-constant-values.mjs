// TypeDoc plugin: the members of an exported constant's value are data, documented by the constant.
//
// `notDocumented` validation asks for a comment on every property reflection, including the keys
// of a literal such as `DEFAULTS['cni.mode'].cilium.aws` or `MAINTENANCE_WINDOWS.nodeOs.dayOfWeek`.
// Those keys are not symbols anyone imports; the constant's own JSDoc says what the table holds.
// So, for every documented `const` variable, the undocumented properties of its literal type
// (nested literals and array or tuple elements included) are added to `intentionallyNotDocumented`.
// Interfaces, classes, type aliases and function signatures are not affected: their members must
// still be documented, and an undocumented constant is still reported.
import { ArrayType, Converter, ReflectionKind, ReflectionType, TupleType, TypeOperatorType } from 'typedoc';

/** The undocumented properties inside a literal type, at any depth. */
function undocumentedMembers(type, found) {
  if (type instanceof ArrayType) return undocumentedMembers(type.elementType, found);
  // `as const` makes arrays readonly tuples.
  if (type instanceof TypeOperatorType) return undocumentedMembers(type.target, found);
  if (type instanceof TupleType) {
    for (const element of type.elements) undocumentedMembers(element, found);
    return found;
  }
  if (!(type instanceof ReflectionType)) return found;
  for (const child of type.declaration.children ?? []) {
    if (!child.kindOf(ReflectionKind.Property)) continue;
    if (!child.hasComment()) found.push(child.getFriendlyFullName());
    undocumentedMembers(child.type, found);
  }
  return found;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const names = [];
    for (const constant of context.project.getReflectionsByKind(ReflectionKind.Variable)) {
      if (constant.flags.isConst && constant.hasComment()) undocumentedMembers(constant.type, names);
    }
    const listed = app.options.getValue('intentionallyNotDocumented');
    app.options.setValue('intentionallyNotDocumented', [...new Set([...listed, ...names])].sort());
  });
}
