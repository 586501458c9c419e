/**
 * Files the app serves as its own static files without committing copies: the vendored datasets
 * (`data/mnist/*.gz`, `data/pneumoniamnist/*.npz`) and the tfjs wasm binaries. The dev server
 * streams them from their source locations; `vite build` emits them into `dist/` under the same
 * URLs (`data/<name>`, `tfjs-wasm/<name>`), so `vite preview` and any static host serve them.
 */
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

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
  /** `node_modules/@tensorflow/tfjs-backend-wasm/dist`. */
  wasmDir: string;
}

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
  for (const name of readdirSync(options.wasmDir).sort()) {
    if (name.endsWith('.wasm')) files.push({ url: `tfjs-wasm/${name}`, source: join(options.wasmDir, name) });
  }
  return files;
}

const CONTENT_TYPES: Record<string, string> = {
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
  '.npz': 'application/octet-stream',
};

function contentType(url: string): string {
  const dot = url.lastIndexOf('.');
  return CONTENT_TYPES[url.slice(dot)] ?? 'application/octet-stream';
}

/** The Vite plugin: dev-server middleware + build-time emission. */
export function staticFilesPlugin(options: StaticFilesOptions): Plugin {
  let files: StaticFile[] = [];
  let base = '/';
  return {
    name: 'nnlab-static-files',
    configResolved(config) {
      base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      files = listStaticFiles(options);
    },
    configureServer(server) {
      const byUrl = new Map(files.map((f) => [f.url, f.source]));
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        const rel = path.startsWith(base) ? path.slice(base.length) : undefined;
        const source = rel === undefined ? undefined : byUrl.get(rel);
        if (!source) return next();
        res.setHeader('Content-Type', contentType(rel!));
        res.setHeader('Content-Length', String(statSync(source).size));
        createReadStream(source).pipe(res);
      });
    },
    generateBundle() {
      for (const f of files) this.emitFile({ type: 'asset', fileName: f.url, source: readFileSync(f.source) });
    },
  };
}
