import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/**
 * Starts the worker module `name` (without extension) that sits beside `base`. Built, it
 * is the compiled `.js` file. Run from the TypeScript source (development, tests), Node
 * cannot start a `.ts` file, so the worker is a one-line script that loads it through tsx
 * with the `source` condition, which resolves the workspace packages to their source too.
 */
export function startWorker(base: string, name: string, options: WorkerOptions): Worker {
  const built = new URL(`./${name}.js`, base);
  if (existsSync(fileURLToPath(built))) return new Worker(built, options);
  const source = new URL(`./${name}.ts`, base).href;
  const api = pathToFileURL(
    join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
  ).href;
  const load = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}));`;
  return new Worker(load, {
    ...options,
    eval: true,
    execArgv: [...(options.execArgv ?? []), '--conditions=source'],
  });
}
