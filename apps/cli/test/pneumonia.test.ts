/**
 * The pneumonia pipeline through the real bin: the real Kaggle chest X-ray folder layout (the 95
 * original JPEGs in ../shared/data/chest_xray_sample) loads with the right counts and labels and
 * trains; PneumoniaMNIST trains with class weights and reports the binary metrics; predict reads
 * JPEGs.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './run-cli';

const SAMPLE = process.env.NNLAB_CHEST_XRAY_SAMPLE ?? resolve(__dirname, '../../../../shared/data/chest_xray_sample');
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nnlab-pneumonia-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface BinaryJson {
  params: number;
  test: { accuracy: number; f1: number; auc: number; precision: number; recall: number; specificity: number; confusionMatrix: number[][] };
  runDir: string;
}

(existsSync(SAMPLE) ? describe : describe.skip)(`Kaggle chest X-ray folder (${SAMPLE})`, () => {
  it('loads 80 train and 15 test images with correct labels and trains one epoch', () => {
    const r = runCli([
      'train',
      'cnn-pneumonia',
      '--data',
      SAMPLE,
      '--epochs',
      '1',
      '--image-size',
      '64',
      '--json',
      '--verbose',
      '--runs-dir',
      join(tmp, 'runs'),
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/chest X-rays 80 train \/ 0 validation \/ 15 test at 64×64/);
    const out = r.json<BinaryJson>();
    // rows = true class: 12 NORMAL and 3 PNEUMONIA test images
    expect(out.test.confusionMatrix.map((row) => row[0] + row[1])).toEqual([12, 3]);
    for (const k of ['f1', 'auc', 'precision', 'recall', 'specificity'] as const) expect(typeof out.test[k]).toBe('number');
    const record = JSON.parse(readFileSync(join(out.runDir, 'run.json'), 'utf8'));
    expect(record.classBalance).toEqual({ train: { NORMAL: 40, PNEUMONIA: 40 }, test: { NORMAL: 12, PNEUMONIA: 3 } });
    expect(record.config.classWeights).toEqual([1, 1]);
  });

  it('re-splits validation from training data, stratified', () => {
    const r = runCli([
      'train',
      'cnn-pneumonia',
      '--data',
      SAMPLE,
      '--epochs',
      '1',
      '--image-size',
      '32',
      '--val-from-train',
      '0.25',
      '--json',
      '--verbose',
      '--no-record',
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/split: 60 train \/ 20 validation \(a stratified part of the training data\) \/ 15 test/);
  });

  it('predicts JPEGs with a trained run', () => {
    const runs = join(tmp, 'runs');
    const runDir = join(runs, readdirSync(runs)[0]);
    const files = ['NORMAL/IM-0001-0001.jpeg', 'PNEUMONIA/person38_virus_84.jpeg'].map((f) => join(SAMPLE, 'test', f));
    const r = runCli(['predict', runDir, ...files, '--json']);
    expect(r.status).toBe(0);
    const preds = r.json<{ className: string; probability: number; probabilities: number[] }[]>();
    expect(preds).toHaveLength(2);
    for (const p of preds) {
      expect(['NORMAL', 'PNEUMONIA']).toContain(p.className);
      expect(p.probabilities[0] + p.probabilities[1]).toBeCloseTo(1, 6);
    }
  });
});

it('trains on the embedded PneumoniaMNIST with class weights total/(2·count) and reports binary metrics', () => {
  const r = runCli(['train', 'cnn-pneumonia', '--image-size', '32', '--epochs', '1', '--limit', '1200', '--json', '--runs-dir', join(tmp, 'pm-runs')]);
  expect(r.status).toBe(0);
  const out = r.json<BinaryJson>();
  expect(out.test.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(624);
  expect(out.test.auc).toBeGreaterThan(0.5);
  const record = JSON.parse(readFileSync(join(out.runDir, 'run.json'), 'utf8'));
  const { NORMAL: n, PNEUMONIA: p } = record.classBalance.train;
  expect(n + p).toBe(1200);
  expect(record.config.classWeights[0]).toBeCloseTo(1200 / (2 * n), 10);
  expect(record.config.classWeights[1]).toBeCloseTo(1200 / (2 * p), 10);
  expect(record.classBalance.validation).toEqual({ NORMAL: 135, PNEUMONIA: 389 });
  expect(record.classBalance.test).toEqual({ NORMAL: 234, PNEUMONIA: 390 });
  expect(record.validation.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(524);
});
