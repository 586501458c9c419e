/**
 * `nnlab explain`: loads a trained model like `nnlab predict` does, explains each image (or the
 * run's most confident test mistakes), and only when every explanation succeeded writes one
 * figure per image into the output folder — a bad request writes nothing.
 */
import { basename, extname, join, resolve } from 'node:path';
import { ModelFormatError, useBackend, type BackendName } from '@nnlab/core';
import { ensureWritableDir, loadModelFromDir, registerNodeBackends, writeFileAtomic } from '@nnlab/core/node';
import { decodeGrayscale } from '@nnlab/datasets/node';
import { convLayerNames, layerChain } from '@nnlab/explain';
import { inputPipelineFor, type InputPipeline, type RunRecord } from '@nnlab/experiments';
import { getZooEntry, type ModelId } from '@nnlab/models';
import { UsageError } from '../exit-codes';
import { guessModelId, locate } from '../predict/predict-images';
import { detectPolarity } from '../predict/polarity';
import { testImageSource } from '../report/test-images';
import { explanationFigure } from './explain-figure';
import { classNamesFor, explainSample, type ExplainMethod, type SampleExplanation } from './explain-sample';

/** Options of `explainRun`. */
export interface ExplainRunOptions {
  /** Default: gradcam for models with a conv layer, saliency otherwise. */
  method?: ExplainMethod;
  /** Class index or name (e.g. `7`, `PNEUMONIA`). */
  classArg?: string;
  layer?: string;
  outDir: string;
  /** Invert pixels: as told; undefined: when the ink is dark on light (MNIST models), as `predict`. */
  invert?: boolean;
  /** Centre the digit as MNIST was prepared: default true for the MNIST models, as `predict`. */
  centerDigit?: boolean;
  backend?: BackendName | 'auto';
  /** Explain the run's N most confident test mistakes instead of files. */
  misclassified?: number;
}

/** One written explanation. */
export interface ExplainedFile extends SampleExplanation {
  /** Image file, or `test #<index>` for a test image. */
  source: string;
  /** True label (test images). */
  label?: number;
  figure: string;
}

export interface ExplainRunResult {
  modelId: ModelId;
  source: string;
  outDir: string;
  explanations: ExplainedFile[];
  seconds: number;
}

interface Item {
  source: string;
  stem: string;
  label?: number;
  image: { data: ArrayLike<number>; height: number; width: number };
}

function parseClass(arg: string | undefined, names: string[]): number | undefined {
  if (arg === undefined) return undefined;
  if (/^[-+]?\d+$/.test(arg.trim())) return Number(arg);
  const i = names.findIndex((n) => n.toLowerCase() === arg.trim().toLowerCase());
  if (i < 0) throw new UsageError(`--class: unknown class '${arg}': expected an index 0..${names.length - 1} or one of ${names.join(', ')}`);
  return i;
}

async function testItems(record: RunRecord | undefined, n: number): Promise<Item[]> {
  if (!record) throw new UsageError('--test needs a run folder (with run.json), not a bare model folder');
  const mistakes = record.test?.misclassified ?? [];
  if (mistakes.length === 0) throw new UsageError(`run ${record.id} records no misclassified test images`);
  const source = await testImageSource(record);
  if (!source) throw new UsageError(`run ${record.id}: its test images cannot be read back`);
  const items: Item[] = [];
  for (const m of mistakes.slice(0, n)) {
    const img = await source.image(m.index);
    if (img)
      items.push({ source: `test #${m.index}`, stem: `test-${m.index}`, label: m.label, image: { data: img.pixels, height: img.height, width: img.width } });
  }
  return items;
}

/** Explains images (or test mistakes) with a run's model and writes the figures. */
export async function explainRun(modelPath: string, images: string[], o: ExplainRunOptions): Promise<ExplainRunResult> {
  const t0 = performance.now();
  const { modelDir, record } = locate(modelPath);
  const outDir = resolve(o.outDir);
  registerNodeBackends();
  await useBackend(o.backend ?? 'auto');
  const model = await loadModelFromDir(modelDir);
  try {
    const modelId = (record?.config.model ?? guessModelId(model)) as ModelId;
    const inShape = model.inputs[0].shape.slice(1) as number[];
    const pipeline: InputPipeline =
      record?.config.input ?? inputPipelineFor(getZooEntry(modelId), { imageSize: inShape.length === 3 ? inShape[0] : undefined });
    if (inShape.reduce((a, b) => a * b, 1) !== pipeline.sampleSize) {
      throw new ModelFormatError(modelDir, `model input [${inShape.join(', ')}] does not fit ${modelId}'s pipeline (${pipeline.sampleSize} values)`);
    }
    const units = model.outputs[0].shape[1] ?? 1;
    const method = o.method ?? (convLayerNames(layerChain(model)).length > 0 ? 'gradcam' : 'saliency');
    const classIndex = parseClass(o.classArg, classNamesFor(units === 1, units === 1 ? 2 : units));
    const items: Item[] = [];
    if (o.misclassified !== undefined) items.push(...(await testItems(record, o.misclassified)));
    for (const file of images) {
      const img = await decodeGrayscale(file);
      items.push({ source: file, stem: basename(file, extname(file)), image: img });
    }
    if (items.length === 0) throw new UsageError('nothing to explain: give image files or --test --misclassified <n>');
    // Explain everything first: a bad layer, class or image fails before any file is written.
    const explained = [];
    const digits = pipeline.input !== 'xray-image';
    for (const item of items) {
      // Test images are MNIST's own (light on dark, centred): used as they are.
      const fromFile = item.label === undefined;
      const invert = fromFile && digits && (o.invert ?? detectPolarity(item.image.data, item.image.height, item.image.width) === 'dark-on-light');
      const centerDigit = fromFile && digits && (o.centerDigit ?? true);
      const s = await explainSample(model, pipeline, item.image, { method, classIndex, layer: o.layer, invert, centerDigit });
      const truth = item.label === undefined ? '' : ` (true class ${classNamesFor(units === 1, units === 1 ? 2 : units)[item.label]})`;
      explained.push({ item, s, figure: await explanationFigure(s, `${modelId} · ${item.label === undefined ? basename(item.source) : item.source}${truth}`) });
    }
    ensureWritableDir(outDir);
    const stems = new Map<string, number>();
    const explanations: ExplainedFile[] = explained.map(({ item, s, figure }) => {
      const seen = stems.get(item.stem) ?? 0;
      stems.set(item.stem, seen + 1);
      const file = join(outDir, `${item.stem}${seen ? `-${seen + 1}` : ''}.${method}.png`);
      writeFileAtomic(file, figure.png);
      return { source: item.source, ...(item.label === undefined ? {} : { label: item.label }), ...s.explanation, figure: file };
    });
    return { modelId, source: record ? `run ${record.id}` : modelDir, outDir, explanations, seconds: (performance.now() - t0) / 1000 };
  } finally {
    model.dispose();
  }
}
