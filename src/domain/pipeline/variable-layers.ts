/**
 * chatrun's variable precedence, shared by job selection (what `rules:if`
 * sees) and the job's final environment, so both always agree.
 *
 * Lowest first; a later layer replaces an earlier variable of the same name:
 *   global `variables:` (filtered by the job's `inherit:variables`)
 *   < matching `workflow:rules:variables` (filtered the same way)
 *   < job `variables:` < `parallel:matrix` values (CI_NODE_INDEX/TOTAL too)
 *   < matching `rules:variables`
 *   < project CI/CD variables < pipeline variables (web/API)
 *   < predefined variables.
 *
 * This is GitLab's order (research ci-yaml.md §8.1) with one deliberate
 * change: GitLab lists predefined variables first, so YAML and project
 * variables can shadow them. chatrun puts them last: they are facts chatrun
 * states (who ran the job, from which channel, with which input, on which
 * commit), and jobs use GITLAB_USER_LOGIN / CHAT_* to check rights, so no
 * config may forge them. The same goes for CHAT_INPUT, which GitLab passes as
 * a pipeline variable; chatrun treats it as predefined.
 */
import type { InheritSpec, VariableMap } from '../ci-config/job-spec.js';
import type { ProjectVariables } from './pipeline-context.js';

export type VariableOrigin = 'global' | 'workflow' | 'job' | 'matrix' | 'rule' | 'project' | 'pipeline' | 'predefined';

export interface LayeredVariable {
  readonly name: string;
  readonly value: string;
  /** Never `$`-expanded (`expand: false`, raw project variables, predefined values). */
  readonly raw: boolean;
  readonly masked: boolean;
  readonly origin: VariableOrigin;
}

export interface VariableLayers {
  readonly globals?: VariableMap;
  readonly workflow?: VariableMap;
  /** Applied to globals and workflow variables; absent = inherit all. */
  readonly inherit?: InheritSpec['variables'];
  readonly job?: VariableMap;
  readonly matrix?: Readonly<Record<string, string>>;
  readonly rule?: VariableMap;
  readonly project?: ProjectVariables;
  readonly pipeline?: Readonly<Record<string, string>>;
  readonly predefined?: Readonly<Record<string, string>>;
}

/** Last definition wins; the map keeps each name where it was first defined. */
export function layerVariables(layers: VariableLayers): Map<string, LayeredVariable> {
  const out = new Map<string, LayeredVariable>();
  const put = (variable: LayeredVariable): void => {
    out.set(variable.name, variable);
  };
  const inherits = inheritFilter(layers.inherit ?? true);
  addYaml(layers.globals, 'global', inherits, put);
  addYaml(layers.workflow, 'workflow', inherits, put);
  addYaml(layers.job, 'job', () => true, put);
  for (const [name, value] of Object.entries(layers.matrix ?? {})) {
    put({ name, value, raw: false, masked: false, origin: 'matrix' });
  }
  addYaml(layers.rule, 'rule', () => true, put);
  for (const [name, variable] of Object.entries(layers.project ?? {})) {
    put({ name, value: variable.value, raw: variable.raw === true, masked: variable.masked === true, origin: 'project' });
  }
  for (const [name, value] of Object.entries(layers.pipeline ?? {})) {
    put({ name, value, raw: false, masked: false, origin: 'pipeline' });
  }
  for (const [name, value] of Object.entries(layers.predefined ?? {})) {
    put({ name, value, raw: true, masked: false, origin: 'predefined' });
  }
  return out;
}

/** Plain name → value view, as `rules:if` reads it (no expansion). */
export function variableValues(layered: ReadonlyMap<string, LayeredVariable>): Record<string, string> {
  // fromEntries defines own properties, so a variable named `__proto__` stays a variable.
  return Object.fromEntries([...layered].map(([name, variable]) => [name, variable.value]));
}

function inheritFilter(inherit: InheritSpec['variables']): (name: string) => boolean {
  if (inherit === true) return () => true;
  if (inherit === false) return () => false;
  const allowed = new Set(inherit);
  return (name) => allowed.has(name);
}

function addYaml(
  map: VariableMap | undefined,
  origin: VariableOrigin,
  keep: (name: string) => boolean,
  put: (variable: LayeredVariable) => void,
): void {
  if (map === undefined) return;
  for (const [name, spec] of Object.entries(map)) {
    if (keep(name)) put({ name, value: spec.value, raw: !spec.expand, masked: false, origin });
  }
}
