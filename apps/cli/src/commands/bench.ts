/**
 * `nnlab bench`: training and inference throughput of each zoo model on each engine (native
 * oneDNN when available) and each usable tfjs backend (samples/s, ms/step, effective GFLOP/s,
 * threads, ISA, peak RSS), optionally the top kernels of one step
 * (`--profile`) and the ratio against the PyTorch reference run in the same invocation
 * (`--vs-torch`, benchmarks/torch_reference.py with Debian's python3-torch).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { listBackends, useBackend, type BackendName, type EngineChoice } from '@nnlab/core';
import { registerNodeBackends } from '@nnlab/core/node';
import { MODEL_IDS } from '@nnlab/models';
import { benchmarkModel, type BenchmarkResult } from '@nnlab/experiments';
import { nativeEngineStatus } from '@nnlab/native/node';
import { UsageError } from '../exit-codes';
import { formatTable } from '../output/table';
import { resolveWasmThreads } from '../training/wasm-threads-policy';
import type { CommandContext } from './context';
import { int } from '../options/parsers';
import { tableOption } from '../options/table';

interface BenchFlags {
  models?: string;
  backends?: string;
  engines?: string;
  steps?: number;
  profile?: boolean;
  threads?: number;
  vsTorch?: boolean;
  python: string;
  json?: boolean;
}

interface TorchRow {
  model: string;
  trainSamplesPerSecond: number;
  inferSamplesPerSecond: number;
  trainMsPerStep: number;
  peakRssMB: number;
  settings: Record<string, unknown>;
}

/** benchmarks/torch_reference.py, found from the repository the CLI runs in. */
function torchScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [resolve(here, '../../../benchmarks/torch_reference.py'), resolve(process.cwd(), 'benchmarks/torch_reference.py')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new UsageError('benchmarks/torch_reference.py not found: run --vs-torch from the nnlab repository');
}

function runTorch(python: string, models: string[]): TorchRow[] {
  const r = spawnSync(python, [torchScript(), '--models', models.join(',')], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.error || r.status !== 0) {
    const why = r.error?.message ?? r.stderr.trim().split('\n').pop();
    throw new UsageError(`the PyTorch reference failed (${why}). It needs Debian's python3-torch: apt-get install python3-torch`);
  }
  return (JSON.parse(r.stdout.trim().split('\n').pop()!) as { rows: TorchRow[] }).rows;
}

type BenchRow = BenchmarkResult & { wasmThreads?: number; peakRssMB: number; threads?: number; isa?: string };

const BENCH_ENGINES: readonly EngineChoice[] = ['native', 'wasm', 'tfjs'];

/** The engines to time: --engines, else native (when its addon loads) and wasm. */
function benchEngines(f: BenchFlags): EngineChoice[] {
  if (f.engines) {
    const list = f.engines.split(',').map((s) => s.trim()) as EngineChoice[];
    for (const e of list) if (!BENCH_ENGINES.includes(e)) throw new UsageError(`--engines: unknown engine '${e}' (expected ${BENCH_ENGINES.join(', ')})`);
    return list;
  }
  return nativeEngineStatus().available ? ['native', 'wasm'] : ['wasm'];
}

/** `nnlab bench --models <model> --json` in a child process: that model's rows. */
function benchInChild(model: string, backends: string[], f: BenchFlags): BenchRow[] {
  const script = process.argv[1];
  const args = [script, 'bench', '--models', model, '--backends', backends.join(','), '--engines', benchEngines(f).join(','), '--json'];
  if (f.steps) args.push('--steps', String(f.steps));
  if (f.profile) args.push('--profile');
  if (f.threads) args.push('--threads', String(f.threads));
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error || r.status !== 0) {
    const why = r.error?.message ?? (r.stderr.trim().split('\n').pop() || `exit code ${r.status}`);
    throw new Error(`bench ${model}: the child process failed (${why})`);
  }
  return (JSON.parse(r.stdout.trim().split('\n').pop()!) as { rows: BenchRow[] }).rows;
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '–');

export function registerBench(program: Command, ctx: CommandContext): void {
  program
    .command('bench')
    .description('training/inference speed of every zoo model on every usable backend; --vs-torch compares with PyTorch on the same models')
    .option('--models <ids>', `comma-separated subset of ${MODEL_IDS.join(',')}`)
    .option('--backends <names>', 'comma-separated backends (default: every usable one except a software WebGPU adapter, and cpu for CNNs)')
    .option(
      '--engines <names>',
      `comma-separated engines of ${BENCH_ENGINES.join(',')} (default: native when available, and wasm = the fused dense trainer or tfjs kernels on each backend)`,
    )
    .option('--steps <n>', 'timed training steps per row (default: sized per model)', int('--steps', 1, 100000))
    .option('--profile', "print where one training step per row spends its time (tfjs kernels, or the fused dense trainer's phases)")
    .addOption(tableOption('threads'))
    .option('--vs-torch', 'also run benchmarks/torch_reference.py (python3-torch) and print nnlab/PyTorch ratios')
    .option('--python <path>', 'Python with torch for --vs-torch', '/usr/bin/python3')
    .addOption(tableOption('json'))
    .addHelpText('after', '\nExamples:\n  nnlab bench --models cnn-mnist --backends wasm --profile\n  nnlab bench --vs-torch --json')
    .action(async (f: BenchFlags) => {
      await ctx.quietTf();
      const models = f.models ? f.models.split(',').map((s) => s.trim()) : [...MODEL_IDS];
      for (const m of models) if (!MODEL_IDS.includes(m as never)) throw new UsageError(`--models: unknown model '${m}'`);
      // Several models: one child process each, so every row gets its own wasm thread choice (fixed
      // when the backend starts) and its own peak RSS.
      const threads = models.length === 1 ? await resolveWasmThreads(f.threads, [{ id: models[0] }]) : (f.threads ?? 1);
      registerNodeBackends({ wasmThreads: threads });
      // Default rows: every usable backend but a software WebGPU adapter (SwiftShader: correct, for
      // parity tests, far too slow to time the CNNs) and, for CNNs, the pure-JS cpu backend.
      const usable = (await listBackends()).filter((b) => b.usable && !(b.name === 'webgpu' && /swiftshader/i.test(b.detail ?? ''))).map((b) => b.name);
      const backends = (
        f.backends ? f.backends.split(',').map((s) => s.trim()) : usable.filter((b) => b !== 'cpu' || models.every((m) => m.startsWith('mlp')))
      ) as BackendName[];
      const rows: BenchRow[] = [];
      if (models.length > 1) {
        for (const model of models) {
          if (!f.json) ctx.info(`bench ${model} on ${backends.join(', ')}…`);
          rows.push(...benchInChild(model, backends, f));
        }
      } else {
        // One native row (it does not use a tfjs backend for its steps), then each backend's own.
        const runs = benchEngines(f).flatMap((engine): { engine: EngineChoice; backend: BackendName }[] =>
          engine === 'native'
            ? [{ engine, backend: backends.includes('wasm' as BackendName) ? ('wasm' as BackendName) : backends[0] }]
            : backends.map((backend) => ({ engine, backend })),
        );
        for (const { engine, backend } of runs) {
          await useBackend(backend);
          if (!f.json) ctx.info(`bench ${models[0]} on ${engine === 'native' ? 'the native engine' : backend}…`);
          const r = await benchmarkModel(models[0], { steps: f.steps, profile: f.profile, engine });
          const wasmThreads = backend === 'wasm' && r.engine.name !== 'native' ? threads : undefined;
          rows.push({ ...r, wasmThreads, threads: r.engine.threads ?? wasmThreads, isa: r.engine.isa, peakRssMB: process.resourceUsage().maxRSS / 1024 });
        }
      }
      const torch = f.vsTorch ? runTorch(f.python, models) : undefined;
      const withRatio = rows.map((r) => {
        const t = torch?.find((x) => x.model === r.model);
        return {
          ...r,
          torch: t ? { trainSamplesPerSecond: t.trainSamplesPerSecond, inferSamplesPerSecond: t.inferSamplesPerSecond, settings: t.settings } : undefined,
          ratioTrain: t ? r.trainSamplesPerSecond / t.trainSamplesPerSecond : undefined,
          ratioInfer: t ? r.inferSamplesPerSecond / t.inferSamplesPerSecond : undefined,
        };
      });
      if (f.json) {
        ctx.json({ rows: withRatio, torch: torch ?? null, machine: { cpus: (await import('node:os')).cpus().length, node: process.versions.node } });
        return;
      }
      ctx.out(
        formatTable(
          [
            'model',
            'engine',
            'backend',
            'threads',
            'batch',
            'train samples/s',
            'ms/step',
            'train GFLOP/s',
            'infer samples/s',
            'peak RSS MB',
            ...(torch ? ['PyTorch train/s', 'ratio'] : []),
          ],
          withRatio.map((r) => [
            r.model,
            r.engine.name === 'native' ? `native (${r.isa ?? '?'})` : r.engine.name,
            r.engine.name === 'native' ? '–' : r.backend,
            r.threads ?? '–',
            r.batchSize,
            fmt(r.trainSamplesPerSecond),
            fmt(r.trainMsPerStep, 2),
            fmt(r.trainGflops, 2),
            fmt(r.inferSamplesPerSecond),
            fmt(r.peakRssMB),
            ...(torch ? [fmt(r.torch?.trainSamplesPerSecond ?? NaN), r.ratioTrain !== undefined ? r.ratioTrain.toFixed(2) : '–'] : []),
          ]),
        ),
      );
      if (torch) ctx.out(`\nPyTorch settings: ${torch.map((t) => `${t.model}: ${JSON.stringify(t.settings)}`).join('; ')}`);
      if (f.profile) {
        for (const r of rows) {
          const total = (r.profile ?? []).reduce((s, k) => s + k.ms, 0);
          const fused = r.stepEngine === 'fused-dense';
          ctx.out(
            fused
              ? `\n${r.model} on ${r.backend}: one training step of the fused dense trainer, by phase (${total.toFixed(2)} ms)`
              : `\n${r.model} on ${r.backend}: one training step, top kernels (${total.toFixed(1)} ms in kernels)`,
          );
          ctx.out(
            formatTable(
              [fused ? 'phase' : 'kernel', 'ms', 'calls', 'share'],
              (r.profile ?? [])
                .slice(0, fused ? 12 : 8)
                .map((k) => [k.name, k.ms.toFixed(fused ? 3 : 2), Number(k.calls.toFixed(2)), `${((100 * k.ms) / Math.max(total, 1e-9)).toFixed(1)}%`]),
            ),
          );
        }
      }
    });
}
