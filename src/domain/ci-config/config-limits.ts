/**
 * Bounds that keep a hostile or broken `.gitlab-ci.yml` from costing more
 * than a quick, clear error. The defaults follow GitLab's application
 * settings where GitLab has one.
 */
export interface CiConfigLimits {
  /** Bytes of one YAML file before parsing (GitLab `max_yaml_size_bytes`, default 2 MiB). */
  readonly maxYamlBytes: number;
  /** Nesting depth of the parsed data, aliases expanded (GitLab `max_yaml_depth`, default 100). */
  readonly maxYamlDepth: number;
  /**
   * Values in the parsed data with aliases expanded: stops "billion laughs"
   * alias bombs, which a byte limit alone lets through.
   */
  readonly maxYamlNodes: number;
  /** Files pulled in by `include:`, counted over the whole tree (GitLab `ci_max_includes`, default 150). */
  readonly maxIncludes: number;
  /** Bytes of all files together (main file and includes). */
  readonly maxTotalYamlBytes: number;
}

export const DEFAULT_CI_CONFIG_LIMITS: CiConfigLimits = {
  maxYamlBytes: 2 * 1024 * 1024,
  maxYamlDepth: 100,
  maxYamlNodes: 1_000_000,
  maxIncludes: 150,
  maxTotalYamlBytes: 8 * 1024 * 1024,
};

export function resolveLimits(overrides: Partial<CiConfigLimits> | undefined): CiConfigLimits {
  return { ...DEFAULT_CI_CONFIG_LIMITS, ...overrides };
}
