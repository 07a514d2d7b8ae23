/**
 * Runner-side expansion of variable values, as GitLab Runner does before it
 * exports them: `$NAME` and `${NAME}` are replaced by the value defined so
 * far (empty when undefined), `$$` becomes `$`, one pass, no recursion into
 * what was substituted. Any other `$` stays as it is. Script text is never
 * expanded here: bash does that.
 */
const REFERENCE = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function expandVariableValue(value: string, lookup: (name: string) => string | undefined): string {
  return value.replace(REFERENCE, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare;
    if (name === undefined) return '$';
    return lookup(name) ?? '';
  });
}
