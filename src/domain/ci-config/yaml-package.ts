import { createRequire } from 'node:module';

/**
 * The `yaml` package, loaded the first time a file needs the full parser
 * (./full-yaml-parser.ts) and kept. Nearly every CI file is read by
 * ./plain-yaml-parser.ts alone, and loading the package costs more than
 * `chatrun exec` spends on everything else it loads, so nothing imports it
 * at the top of a module.
 *
 * Why `require` and not `await import()`: parseCiYaml is synchronous and is
 * called so by the include resolver, tests and the config-load benchmark;
 * an async fallback would ripple through all of them for no gain. The
 * package's Node entry is CommonJS anyway, so `require` loads the very
 * module an `import` would, and other code that imports `yaml` (the server
 * config reader) shares this one instance. Loading code is not I/O in the
 * sense the domain avoids: the answer never depends on the disk's state.
 */
export type YamlPackage = typeof import('yaml');

let loaded: YamlPackage | undefined;

export function yamlPackage(): YamlPackage {
  loaded ??= createRequire(import.meta.url)('yaml') as YamlPackage;
  return loaded;
}
