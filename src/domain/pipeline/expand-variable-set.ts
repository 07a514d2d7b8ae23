/**
 * The values a job's variables end up with, as GitLab and its runner
 * produce them together (research ci-yaml.md §8.3):
 *
 * 1. GitLab orders the variables so each comes after those it references
 *    and replaces references with the already-expanded values: nested
 *    references resolve (`A=$B`, `B=$C`, `C=x` gives A=x). References to
 *    undefined names stay as written; references to raw variables stay for
 *    the runner; `$$` stays. Two or more variables referencing each other in
 *    a loop make the job impossible: `circular variable reference detected`.
 *    A variable referencing only itself is not a loop (`$A` just stays).
 * 2. The runner then expands every non-raw value once more, single pass:
 *    `$$` → `$`, undefined → empty, raw values inserted verbatim.
 *
 * Raw variables (`expand: false`, raw project variables, predefined values)
 * are never changed.
 */
import { expandExisting, expandRunnerStyle, referencedNames } from './variable-references.js';

export interface ExpandableVariable {
  readonly name: string;
  readonly value: string;
  readonly raw: boolean;
}

export type VariableSetExpansion =
  | { readonly kind: 'expanded'; readonly values: ReadonlyMap<string, string> }
  | { readonly kind: 'circular_reference'; readonly cycles: readonly (readonly string[])[]; readonly message: string };

/** `variables` must have distinct names (the last definition already won). */
export function expandVariableSet(variables: readonly ExpandableVariable[]): VariableSetExpansion {
  const byName = new Map(variables.map((variable) => [variable.name, variable]));
  const dependencies = new Map<string, string[]>();
  for (const variable of variables) {
    const names = variable.raw ? [] : referencedNames(variable.value);
    dependencies.set(
      variable.name,
      names.filter((name) => name !== variable.name && byName.has(name)),
    );
  }
  const { order, cycles } = sortByDependencies(variables.map((variable) => variable.name), dependencies);
  if (cycles.length > 0) {
    const listed = cycles.map((cycle) => `[${cycle.map((name) => JSON.stringify(name)).join(', ')}]`).join(', ');
    return { kind: 'circular_reference', cycles, message: `circular variable reference detected: ${listed}` };
  }
  const gitlabSide = new Map<string, string>();
  for (const name of order) {
    const variable = byName.get(name);
    if (variable === undefined) continue;
    const value = variable.raw
      ? variable.value
      : expandExisting(variable.value, (reference) => (byName.get(reference)?.raw === true ? undefined : gitlabSide.get(reference)));
    gitlabSide.set(name, value);
  }
  const values = new Map<string, string>();
  for (const variable of variables) {
    const value = gitlabSide.get(variable.name) ?? variable.value;
    values.set(variable.name, variable.raw ? value : expandRunnerStyle(value, (reference) => gitlabSide.get(reference)));
  }
  return { kind: 'expanded', values };
}

/**
 * Tarjan's strongly connected components: `order` lists every name after the
 * names it depends on; `cycles` holds each component of two or more names.
 */
function sortByDependencies(
  names: readonly string[],
  dependencies: ReadonlyMap<string, readonly string[]>,
): { order: string[]; cycles: string[][] } {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const order: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;

  const visit = (name: string): void => {
    index.set(name, counter);
    lowLink.set(name, counter);
    counter++;
    stack.push(name);
    onStack.add(name);
    for (const next of dependencies.get(name) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(name, Math.min(lowLink.get(name) ?? 0, lowLink.get(next) ?? 0));
      } else if (onStack.has(next)) {
        lowLink.set(name, Math.min(lowLink.get(name) ?? 0, index.get(next) ?? 0));
      }
    }
    if (lowLink.get(name) !== index.get(name)) return;
    const component: string[] = [];
    for (;;) {
      const member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
      if (member === name) break;
    }
    component.reverse();
    order.push(...component);
    if (component.length > 1) cycles.push(component);
  };

  for (const name of names) if (!index.has(name)) visit(name);
  return { order, cycles };
}
