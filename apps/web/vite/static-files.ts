/**
 * Files the app serves as its own static files without committing copies: the vendored datasets
 * (`data/mnist/*.gz`, `data/pneumoniamnist/*.npz`), the tfjs wasm binaries and the threaded wasm
 * build's emscripten glue (the pthread workers load it, see `src/backend/wasm-threads.ts`). The dev
 * server streams them from their source locations; `vite build` emits them into `dist/` under the
 * same URLs (`data/<name>`, `tfjs-wasm/<name>`).
 *
 * Every response of the dev server and of `vite preview` gets the cross-origin isolation headers,
 * and these files are sent byte-exact: `vite preview`'s static handler (sirv) labels any `*.gz`
 * file `Content-Encoding: gzip`, so the browser would unpack MNIST's `.gz` files and their SHA-256
 * check would fail — the plugin answers those URLs itself, before sirv, in both servers.
 */
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { ISOLATION_HEADERS, headersFile } from './isolation-headers.ts';

/** One file: the URL path under the app's base, and where it lives on disk. */
export interface StaticFile {
  url: string;
  source: string;
}

/** Where the static files come from. */
export interface StaticFilesOptions {
  /** The repository's `data/` folder. */
  dataDir: string;
  /** Sub-folders of `dataDir` to serve, each with the file endings to take. */
  dataFolders: Record<string, readonly string[]>;
  /** `node_modules/@tensorflow/tfjs-backend-wasm` (its `dist/*.wasm` and `wasm-out/` glue). */
  wasmPackageDir: string;
}

/** The threaded build's emscripten glue, served for the pthread workers. */
export const THREADED_GLUE = 'tfjs-backend-wasm-threaded-simd.js';

/** Lists the files to serve (missing folders are skipped: the app explains what is missing). */
export function listStaticFiles(options: StaticFilesOptions): StaticFile[] {
  const files: StaticFile[] = [];
  for (const [folder, endings] of Object.entries(options.dataFolders)) {
    const dir = join(options.dataDir, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (endings.some((e) => name.endsWith(e))) files.push({ url: `data/${folder}/${name}`, source: join(dir, name) });
    }
  }
  const wasmDir = join(options.wasmPackageDir, 'dist');
  for (const name of readdirSync(wasmDir).sort()) {
    if (name.endsWith('.wasm')) files.push({ url: `tfjs-wasm/${name}`, source: join(wasmDir, name) });
  }
  files.push({ url: `tfjs-wasm/${THREADED_GLUE}`, source: join(options.wasmPackageDir, 'wasm-out', THREADED_GLUE) });
  return files;
}

const CONTENT_TYPES: Record<string, string> = {
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
  '.npz': 'application/octet-stream',
  '.js': 'text/javascript; charset=utf-8',
};

/** The Content-Type of a served file, by its ending (never a Content-Encoding). */
export function contentType(url: string): string {
  const dot = url.lastIndexOf('.');
  return CONTENT_TYPES[url.slice(dot)] ?? 'application/octet-stream';
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: Connect.NextFunction) => void;

/** Sets the isolation headers on every response. */
export const isolationMiddleware: Middleware = (_req, res, next) => {
  for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
  next();
};

/** Answers the listed URLs with the file's exact bytes (`locate` maps a URL to the file to send). */
export function exactFilesMiddleware(base: string, urls: readonly string[], locate: (url: string) => string): Middleware {
  const known = new Set(urls);
  return (req, res, next) => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    const rel = path.startsWith(base) ? path.slice(base.length) : undefined;
    if (rel === undefined || !known.has(rel)) return next();
    const file = locate(rel);
    if (!existsSync(file)) return next();
    res.statusCode = 200;
    res.setHeader('Content-Type', contentType(rel));
    res.setHeader('Content-Length', String(statSync(file).size));
    res.setHeader('Cache-Control', 'no-cache');
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
}

/** The Vite plugin: headers and byte-exact files in dev and preview, emission at build time. */
export function staticFilesPlugin(options: StaticFilesOptions): Plugin {
  let files: StaticFile[] = [];
  let base = '/';
  let outDir = '';
  return {
    name: 'nnlab-static-files',
    configResolved(config) {
      base = config.base.startsWith('.') || !config.base.startsWith('/') ? '/' : config.base.endsWith('/') ? config.base : `${config.base}/`;
      outDir = join(config.root, config.build.outDir);
      files = listStaticFiles(options);
    },
    configureServer(server) {
      const byUrl = new Map(files.map((f) => [f.url, f.source]));
      server.middlewares.use(isolationMiddleware);
      server.middlewares.use(exactFilesMiddleware(base, [...byUrl.keys()], (url) => byUrl.get(url)!));
    },
    configurePreviewServer(server) {
      // Preview serves the build: the copies in dist/, sent as they are.
      server.middlewares.use(isolationMiddleware);
      server.middlewares.use(
        exactFilesMiddleware(
          base,
          files.map((f) => f.url),
          (url) => join(outDir, url),
        ),
      );
    },
    generateBundle() {
      for (const f of files) this.emitFile({ type: 'asset', fileName: f.url, source: readFileSync(f.source) });
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
    },
  };
}
