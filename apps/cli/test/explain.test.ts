/**
 * `nnlab explain` through the real bin: Grad-CAM figures for a pneumonia CNN run on the Kaggle
 * JPEGs, saliency for an MLP run, the class and layer asked for (and reported), the worst test
 * mistakes, and every refused request — a one-line error, its exit code, and nothing written.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { loadMnist } from '@nnlab/datasets/node';
import { runCli } from './run-cli';

const SAMPLE = process.env.NNLAB_CHEST_XRAY_SAMPLE ?? resolve(__dirname, '../../../../shared/data/chest_xray_sample');
const MNIST = resolve(__dirname, '../../../data/mnist');
const XRAYS = ['NORMAL/IM-0001-0001.jpeg', 'PNEUMONIA/person38_virus_84.jpeg'].map((f) => join(SAMPLE, 'test', f));

interface Explained {
  source: string;
  method: string;
  classIndex: number;
  className: string;
  requested: boolean;
  predicted: number;
  probabilities: number[];
  layer?: string;
  heat: { height: number; width: number; values: number[] };
  hogCells?: { rows: number; cols: number };
  completeness?: { attributionSum: number; scoreDelta: number };
  innerHeat: number;
  figure: string;
}
interface ExplainJson {
  modelId: string;
  explanations: Explained[];
  seconds: number;
}

let tmp: string;
let cnnRun: string;
let mlpRun: string;
let digit: string;

const hasSample = existsSync(SAMPLE);

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'nnlab-explain-'));
  const mlp = runCli(['train', 'mlp-raw', '--limit', '2000', '--epochs', '1', '--json', '--runs-dir', join(tmp, 'runs')]);
  expect(mlp.status).toBe(0);
  mlpRun = mlp.json<{ runDir: string }>().runDir;
  if (hasSample) {
    const cnn = runCli(['train', 'cnn-pneumonia', '--data', SAMPLE, '--epochs', '1', '--image-size', '64', '--json', '--runs-dir', join(tmp, 'runs')]);
    expect(cnn.status).toBe(0);
    cnnRun = cnn.json<{ runDir: string }>().runDir;
  }
  const mnist = await loadMnist({ dir: MNIST, limit: { train: 1, test: 1 } });
  digit = join(tmp, 'digit.png');
  await sharp(Buffer.from(mnist.test.images.subarray(0, 784)), { raw: { width: 28, height: 28, channels: 1 } })
    .png()
    .toFile(digit);
  writeFileSync(join(tmp, 'not-an-image.png'), 'hello');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function expectPng(file: string) {
  expect(existsSync(file)).toBe(true);
}

(hasSample ? describe : describe.skip)('a pneumonia CNN run', () => {
  it('writes a Grad-CAM figure per X-ray at the last conv layer, for the predicted class', () => {
    const out = join(tmp, 'xray');
    const r = runCli(['explain', cnnRun, ...XRAYS, '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const j = r.json<ExplainJson>();
    expect(j.modelId).toBe('cnn-pneumonia');
    expect(j.explanations.map((e) => e.figure)).toEqual(['IM-0001-0001', 'person38_virus_84'].map((s) => join(out, `${s}.gradcam.png`)));
    for (const e of j.explanations) {
      expectPng(e.figure);
      expect([e.method, e.layer, e.requested]).toEqual(['gradcam', 'conv2d_4', false]);
      expect(e.classIndex).toBe(e.predicted);
      expect(e.predicted).toBe(e.probabilities[1] >= 0.5 ? 1 : 0);
      expect([e.heat.height, e.heat.width]).toEqual([4, 4]); // 64 px halved by four pools before conv2d_4
      expect(Math.max(...e.heat.values)).toBeLessThanOrEqual(1);
      expect(Math.min(...e.heat.values)).toBeGreaterThanOrEqual(0);
    }
  });

  it('explains the class and layer asked for, by name or index', () => {
    const r = runCli(['explain', cnnRun, XRAYS[0], '--class', 'PNEUMONIA', '--layer', 'conv2d_1', '--out', join(tmp, 'asked'), '--json']);
    expect(r.status).toBe(0);
    const [e] = r.json<ExplainJson>().explanations;
    expect([e.classIndex, e.className, e.requested, e.layer]).toEqual([1, 'PNEUMONIA', true, 'conv2d_1']);
    expect([e.heat.height, e.heat.width]).toEqual([32, 32]);
    const byIndex = runCli(['explain', cnnRun, XRAYS[0], '--class', '0', '--method', 'smoothgrad', '--out', join(tmp, 'asked'), '--json']);
    expect(byIndex.status).toBe(0);
    expect(byIndex.json<ExplainJson>().explanations[0]).toMatchObject({ classIndex: 0, className: 'NORMAL', method: 'smoothgrad' });
  });

  it('explains the most confident test mistakes of the run', () => {
    const out = join(tmp, 'mistakes');
    const r = runCli(['explain', cnnRun, '--test', '--misclassified', '2', '--out', out, '--json']);
    expect(r.status).toBe(0);
    const ex = r.json<ExplainJson>().explanations;
    expect(ex.length).toBeGreaterThan(0);
    expect(ex.length).toBeLessThanOrEqual(2);
    for (const e of ex) {
      expect(e.source).toMatch(/^test #\d+$/);
      expect(e.predicted).not.toBe((e as unknown as { label: number }).label);
      expectPng(e.figure);
    }
  });
});

describe('an MLP run', () => {
  it('writes a saliency figure by default and integrated gradients on request', () => {
    const out = join(tmp, 'mlp');
    const r = runCli(['explain', mlpRun, digit, '--out', out, '--json']);
    expect(r.status).toBe(0);
    const [e] = r.json<ExplainJson>().explanations;
    expect([e.method, e.heat.height, e.heat.width]).toEqual(['saliency', 28, 28]);
    expectPng(join(out, 'digit.saliency.png'));
    const ig = runCli(['explain', mlpRun, digit, '--method', 'ig', '--out', out, '--json']);
    expect(ig.status).toBe(0);
    const c = ig.json<ExplainJson>().explanations[0].completeness!;
    expect(Math.abs(c.attributionSum - c.scoreDelta)).toBeLessThan(0.05 * Math.max(1, Math.abs(c.scoreDelta)));
  });

  it('prints a table for people', () => {
    const r = runCli(['explain', mlpRun, digit, '--out', join(tmp, 'human')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/model: mlp-raw .* 1 figure\(s\)/);
    expect(r.stdout).toMatch(/digit\.png .* saliency/);
  });
});

describe('refused requests: one line, an exit code, nothing written', () => {
  const cases: [string, () => string[], number, RegExp][] = [
    [
      'Grad-CAM of a model without conv layers',
      () => ['explain', mlpRun, digit, '--method', 'gradcam'],
      2,
      /Grad-CAM needs a conv layer and this model has none/,
    ],
    ['a class out of range', () => ['explain', mlpRun, digit, '--class', '10'], 2, /class 10 is out of range: the model has classes 0\.\.9/],
    ['an unknown class name', () => ['explain', mlpRun, digit, '--class', 'cat'], 2, /--class: unknown class 'cat'/],
    ['a file that is not an image', () => ['explain', mlpRun, digit, join(tmp, 'not-an-image.png')], 3, /not-an-image\.png/],
    ['--test without --misclassified', () => ['explain', mlpRun, '--test'], 2, /--test and --misclassified <n> go together/],
    ['no images at all', () => ['explain', mlpRun], 2, /nothing to explain/],
  ];
  if (hasSample) {
    cases.push(['an unknown layer', () => ['explain', cnnRun, XRAYS[0], '--layer', 'conv9'], 2, /unknown layer 'conv9': the model has conv2d, max_pooling2d/]);
    cases.push([
      'a layer that is not a conv layer',
      () => ['explain', cnnRun, XRAYS[0], '--layer', 'flatten'],
      2,
      /layer 'flatten' is a Flatten, not a conv layer/,
    ]);
    cases.push([
      'a binary model asked for class 2',
      () => ['explain', cnnRun, XRAYS[0], '--class', '2'],
      2,
      /class 2 is out of range: the model has classes 0\.\.1/,
    ]);
  }
  it.each(cases)('%s', (_name, args, code, message) => {
    const out = join(tmp, `refused-${Math.random().toString(36).slice(2)}`);
    const r = runCli([...args(), '--out', out]);
    expect(r.status).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
