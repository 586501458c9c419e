/**
 * The report's explanation figures, computed from each run's saved model and its test set:
 * pneumonia CNN — Grad-CAM overlays for true/false positives/negatives, where the heat lies (a
 * measured share, not an impression) and a reliability diagram; cnn-mnist — activation maps of
 * one digit through the conv blocks and the learned first-layer filters; MLPs — saliency of one
 * digit per class (HOG: per HOG cell).
 */
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { loadModelFromDir } from '@nnlab/core/node';
import { activationMaps, convFilters, heatmapImage, heatmapOverlay, normalizeHeat, type RgbaImage } from '@nnlab/explain';
import { prepareImage, type RunRecord } from '@nnlab/experiments';
import { explainSample, METHOD_TITLES, type ExplainMethod } from '../explain/explain-sample';
import { locate } from '../predict/predict-images';
import type { Figure } from './document';
import { labelledTestSet, predictTestSet, type LabelledTestSet } from './explain-test-set';
import { pictureGridFigure, type PictureTile } from './picture-grid';
import { reliabilityFigure } from './reliability';

/** Figures and the sentences that read them, for one model's section. */
export interface ExplanationSection {
  figures: Figure[];
  paragraphs: string[];
}

export type ExplainedModelId = 'mlp-raw' | 'mlp-hog' | 'cnn-mnist' | 'cnn-pneumonia';
export type ExplanationSections = Partial<Record<ExplainedModelId, ExplanationSection>>;

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

async function withModel<T>(runsDir: string, record: RunRecord, f: (model: tf.LayersModel) => Promise<T>): Promise<T> {
  const { modelDir } = locate(join(runsDir, record.id));
  const model = await loadModelFromDir(modelDir);
  try {
    return await f(model);
  } finally {
    model.dispose();
  }
}

/** Indices of each confusion group, most confident first. */
function confusionGroups(p: Float32Array, labels: Uint8Array): Record<'TP' | 'TN' | 'FP' | 'FN', number[]> {
  const g = { TP: [] as number[], TN: [] as number[], FP: [] as number[], FN: [] as number[] };
  for (let i = 0; i < p.length; i++) {
    const pred = p[i] >= 0.5 ? 1 : 0;
    const key = labels[i] === 1 ? (pred ? 'TP' : 'FN') : pred ? 'FP' : 'TN';
    g[key].push(i);
  }
  const conf = (i: number) => Math.abs(p[i] - 0.5);
  for (const k of Object.keys(g) as (keyof typeof g)[]) g[k].sort((a, b) => conf(b) - conf(a) || a - b);
  return g;
}

async function pneumoniaSection(model: tf.LayersModel, record: RunRecord, set: LabelledTestSet): Promise<ExplanationSection> {
  const pipeline = record.config.input!;
  const p = await predictTestSet(model, pipeline, set, set.count);
  const groups = confusionGroups(p, set.labels);
  const names: Record<keyof typeof groups, string> = {
    TP: 'true positives (PNEUMONIA, predicted PNEUMONIA)',
    TN: 'true negatives (NORMAL, predicted NORMAL)',
    FP: 'false positives (NORMAL, predicted PNEUMONIA)',
    FN: 'false negatives (PNEUMONIA, predicted NORMAL)',
  };
  const shown = 4;
  const measured = 16;
  const rows: PictureTile[][] = [];
  const labels: string[] = [];
  const inner: Record<string, number[]> = {};
  const empty = { TP: 0, TN: 0, FP: 0, FN: 0 };
  let layer = '';
  let grid = '';
  let innerArea = 0.49;
  for (const key of ['TP', 'TN', 'FP', 'FN'] as const) {
    const tiles: PictureTile[] = [];
    inner[key] = [];
    for (const [k, i] of groups[key].slice(0, measured).entries()) {
      const img = await set.image(i);
      const s = await explainSample(model, pipeline, { data: img.pixels, height: img.height, width: img.width }, { method: 'gradcam' });
      layer = s.explanation.layer ?? '';
      grid = `${s.heat.height}×${s.heat.width}`;
      innerArea = s.explanation.innerArea;
      if (s.explanation.innerHeat === null) empty[key]++;
      else inner[key].push(s.explanation.innerHeat);
      const note = s.explanation.emptyMap ? ' · empty map' : '';
      if (k < shown)
        tiles.push({ picture: heatmapOverlay(s.base, s.heat, { alpha: 0.45, scale: 1 }), caption: `#${i}${note}\np(PNEUMONIA) = ${p[i].toFixed(3)}` });
    }
    rows.push(tiles);
    labels.push(`${key} (${groups[key].length})`);
  }
  const figures: Figure[] = [];
  figures.push(
    await pictureGridFigure(
      rows,
      'cnn-pneumonia-gradcam',
      `cnn-pneumonia: Grad-CAM at ${layer} (the last conv layer) for the predicted class, the ${shown} most confident test images of each group: ${Object.values(names).join('; ')}. Brighter = more evidence for the prediction; an empty map means no region of the layer raises the predicted class's score.`,
      {
        columns: shown,
        tileSize: 128,
        rowLabels: labels,
      },
    ),
  );
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
  const all = Object.values(inner).flat();
  const overall = mean(all);
  const emptyTotal = Object.values(empty).reduce((a, b) => a + b, 0);
  const ratio = overall / innerArea;
  const reading =
    ratio >= 1.3
      ? `the central box holds ${ratio.toFixed(2)}× the heat a uniform map would put there: the network looks mostly at the chest, where the lungs and heart are`
      : ratio >= 1.1
        ? `the central box holds ${ratio.toFixed(2)}× the heat a uniform map would put there: the network leans towards the chest, but a good part of its evidence lies in the border band (text markers, collimation edges, shoulders)`
        : ratio > 0.9
          ? `the central box holds ${ratio.toFixed(2)}× the heat of a uniform map: at this coarse layer Grad-CAM does not single out the lungs`
          : `the border band holds more heat than a uniform map would put there (central box ${ratio.toFixed(2)}× uniform), a warning that the network may use acquisition artefacts — text markers, collimation edges — rather than the lungs`;
  const paragraphs = [
    `Where the network looks: Grad-CAM at ${layer} gives a ${grid} map per image. Over the ${all.length + emptyTotal} test images explained (up to ${measured} most confident per group), the ${all.length} with a non-empty map have on average ${pct(overall)} of their heat in the central box (the image minus a 15 % band on every side, ${pct(innerArea)} of the area) and ${pct(1 - overall)} in the border band; per group: ${(['TP', 'TN', 'FP', 'FN'] as const).map((k) => `${k} ${inner[k].length ? pct(mean(inner[k])) : '–'} (n = ${inner[k].length})`).join(', ')}.${
      emptyTotal
        ? ` ${emptyTotal} further maps were zero everywhere (no region of ${layer} raises the predicted class's score: ${(['TP', 'TN', 'FP', 'FN'] as const)
            .filter((k) => empty[k])
            .map((k) => `${k} ${empty[k]}`)
            .join(', ')}) and are left out.`
        : ''
    } Reading: ${reading}.`,
  ];
  const rel = await reliabilityFigure(p, set.labels, 'cnn-pneumonia-reliability', 'cnn-pneumonia test calibration', 'PNEUMONIA');
  figures.push(rel.figure);
  const extremes = p.filter((v) => v < 0.01 || v > 0.99).length;
  paragraphs.push(
    `Calibration: ${pct(extremes / p.length)} of the test images get a probability below 0.01 or above 0.99, so a printed "p = 1.000" is common; the reliability diagram shows how often such confident predictions are right. Expected calibration error over 10 bins: ${rel.ece.toFixed(3)}.`,
  );
  return { figures, paragraphs };
}

function firstOfEachClass(set: LabelledTestSet, classes = 10): number[] {
  const out: number[] = [];
  for (let c = 0; c < classes; c++) {
    const i = set.labels.findIndex((l) => l === c);
    if (i >= 0) out.push(i);
  }
  return out;
}

async function cnnMnistSection(model: tf.LayersModel, record: RunRecord, set: LabelledTestSet): Promise<ExplanationSection> {
  const pipeline = record.config.input!;
  const img = await set.image(0);
  const sample = prepareImage(pipeline, img.pixels, img.height, img.width);
  const maps = await activationMaps(model, sample);
  const rows: PictureTile[][] = [];
  const labels: string[] = [];
  const dead: string[] = [];
  for (const m of maps) {
    rows.push(
      m.maps.map((v, c) => ({
        picture: heatmapImage({ values: normalizeHeat(v), height: m.height, width: m.width }, { scale: Math.max(1, Math.floor(56 / m.width)) }),
        caption: `ch ${c}`,
      })),
    );
    labels.push(`${m.layer} ${m.height}×${m.width}`);
    dead.push(`${m.layer} ${m.maps.filter((v) => v.every((x) => x === 0)).length}/${m.channels}`);
  }
  const f = await convFilters(model);
  const maxAbs = Math.max(1e-12, ...f.weights.flatMap((w) => Array.from(w[0], Math.abs)));
  rows.push(
    f.weights.map((w, k) => ({
      picture: heatmapImage({ values: Array.from(w[0], (v) => v / maxAbs), height: f.kernelHeight, width: f.kernelWidth }, { signed: true, scale: 28 }),
      caption: `filter ${k}`,
    })),
  );
  labels.push(`${f.layer} filters ${f.kernelHeight}×${f.kernelWidth}`);
  const mixed = f.weights.filter((w) => w[0].some((v) => v > 0) && w[0].some((v) => v < 0)).length;
  const figure = await pictureGridFigure(
    rows,
    'cnn-mnist-activations',
    `cnn-mnist: activation maps of test digit #0 (a ${set.labels[0]}) after each conv block's convolution + ReLU (each map scaled to its own maximum, brighter = stronger), and the ${f.filters} learned ${f.kernelHeight}×${f.kernelWidth} filters of ${f.layer} (blue negative, white 0, red positive, on one scale)`,
    {
      columns: 10,
      tileSize: 56,
      rowLabels: labels,
      pixelated: true,
    },
  );
  return {
    figures: [figure],
    paragraphs: [
      `Maps that stay all zero for this digit (ReLU off everywhere): ${dead.join(', ')}. Of the ${f.filters} first-layer filters, ${mixed} mix positive and negative weights (they respond to contrast — an edge within ${f.kernelHeight}×${f.kernelWidth} pixels) and ${f.filters - mixed} have weights of one sign (they respond to brightness). Each block halves the grid (${maps.map((m) => `${m.height}×${m.width}`).join(' → ')}), so a deeper map's pixel sees a larger part of the digit.`,
    ],
  };
}

async function mlpSection(model: tf.LayersModel, record: RunRecord, set: LabelledTestSet, method: ExplainMethod): Promise<ExplanationSection> {
  const pipeline = record.config.input!;
  const tiles: PictureTile[] = [];
  for (const i of firstOfEachClass(set)) {
    const img = await set.image(i);
    const s = await explainSample(model, pipeline, { data: img.pixels, height: img.height, width: img.width }, { method, classIndex: set.labels[i] });
    const e = s.explanation;
    const picture: RgbaImage = heatmapOverlay(s.base, s.heat, { alpha: 0.75, scale: 4 });
    tiles.push({ picture, caption: `#${i} · true ${e.className}\n→ ${e.predictedName} (p = ${e.probabilities[e.predicted].toFixed(2)})` });
  }
  const id = record.config.model;
  const hog = pipeline.hog
    ? ` per HOG cell (${pipeline.hog.pixelsPerCell.join('×')} px: the sum of |gradient| over the cell's ${pipeline.hog.orientations} orientation bins)`
    : ' per pixel';
  const figure = await pictureGridFigure(
    [tiles],
    `${id}-saliency`,
    `${id}: ${METHOD_TITLES[method]} of the first test digit of each class, for its true class,${hog}; brighter = the score of that class moves more when these inputs change`,
    {
      columns: 5,
      tileSize: 112,
    },
  );
  return { figures: [figure], paragraphs: [] };
}

/** Computes every explanation section that the runs and their test data allow. */
export async function explanationSections(
  runs: Partial<Record<ExplainedModelId, RunRecord>>,
  runsDir: string,
  onInfo?: (line: string) => void,
): Promise<ExplanationSections> {
  const out: ExplanationSections = {};
  for (const [id, record] of Object.entries(runs) as [ExplainedModelId, RunRecord | undefined][]) {
    if (!record?.modelDir || !record.config.input) continue;
    const set = await labelledTestSet(record);
    if (!set) continue;
    onInfo?.(`explaining ${id}…`);
    out[id] = await withModel(runsDir, record, (model) =>
      id === 'cnn-pneumonia'
        ? pneumoniaSection(model, record, set)
        : id === 'cnn-mnist'
          ? cnnMnistSection(model, record, set)
          : mlpSection(model, record, set, 'saliency'),
    );
  }
  return out;
}

/** Adds a model's explanation figures and their reading to the document (a no-op without them). */
export function appendExplanation(
  b: { p(text: string): unknown; figures(f: Figure[]): unknown },
  section: ExplanationSection | undefined,
  figuresAll: Figure[],
): void {
  if (!section) return;
  b.figures(section.figures);
  figuresAll.push(...section.figures);
  for (const text of section.paragraphs) b.p(text);
}
