/** Versions recorded in every run: nnlab packages, tfjs, Node. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function versionOf(pkg: string): string | undefined {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** `{ package: version }` for what a run depends on. */
export function runtimeVersions(): Record<string, string> {
  const out: Record<string, string> = { node: process.versions.node };
  for (const p of [
    'nnlab/package.json'.replace('/package.json', ''),
    '@nnlab/core',
    '@nnlab/datasets',
    '@nnlab/features-hog',
    '@nnlab/metrics',
    '@nnlab/models',
    '@tensorflow/tfjs',
    '@tensorflow/tfjs-backend-wasm',
  ]) {
    const v = versionOf(p);
    if (v) out[p] = v;
  }
  return out;
}

/** Version of the CLI itself. */
export function cliVersion(): string {
  return versionOf('nnlab') ?? '0.0.0';
}
