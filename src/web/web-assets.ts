/**
 * The stylesheet and client scripts the pages load from /-/assets/. They
 * live beside this module in ./assets/: under src/ when running from source
 * (tsx), under dist/ after `npm run build`, which copies them there with
 * scripts/copy-assets.mjs (tsc does not copy .js/.css files). Only the names
 * listed here are served, so no path from a URL ever reaches the file system.
 *
 * Files are read once and kept; `readWebAsset` may be called concurrently.
 */
import { readFile } from 'node:fs/promises';

export const WEB_ASSETS: Readonly<Record<string, string>> = {
  'chatrun.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'job.js': 'text/javascript; charset=utf-8',
  'term-render.js': 'text/javascript; charset=utf-8',
};

export interface WebAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

const cache = new Map<string, Promise<WebAsset | undefined>>();

export function readWebAsset(name: string): Promise<WebAsset | undefined> {
  const contentType = Object.hasOwn(WEB_ASSETS, name) ? WEB_ASSETS[name] : undefined;
  if (contentType === undefined) return Promise.resolve(undefined);
  let pending = cache.get(name);
  if (pending === undefined) {
    pending = readFile(new URL(`./assets/${name}`, import.meta.url)).then(
      (body) => ({ body, contentType }),
      () => undefined,
    );
    cache.set(name, pending);
  }
  return pending;
}
