/**
 * `nnlab reproduce --quick` end to end: the four experiments train on the embedded data, every
 * run is recorded, and report.md / report.html answer Q1–Q4 with every figure; the numbers in the
 * report are the run records' numbers; the HTML is self-contained and its figures render in
 * headless Chromium.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { runCli } from './run-cli';

let out: string;
let result: { report: string; html: string; figures: string[]; seconds: number; runs: Record<string, { id: string; test: { accuracy: number; loss: number } }> };

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'nnlab-reproduce-'));
  const r = runCli(['reproduce', '--quick', '--out', out, '--json'], {}, 590000);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  result = r.json();
}, 600000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('trains and records the four experiments', () => {
  expect(Object.keys(result.runs).sort()).toEqual(['cnn-mnist', 'cnn-pneumonia', 'mlp-hog', 'mlp-raw']);
  const runDirs = readdirSync(join(out, 'runs'));
  expect(runDirs).toHaveLength(4);
  for (const { id } of Object.values(result.runs)) {
    const record = JSON.parse(readFileSync(join(out, 'runs', id, 'run.json'), 'utf8'));
    expect(record.status).toBe('complete');
  }
});

it('answers Q1–Q4 with the numbers of the run records', () => {
  const md = readFileSync(result.report, 'utf8');
  for (const heading of ['## Q1. Optimisers and losses', '## Q2. The MNIST models', '## Q3. Parameters: MLP vs CNN', '## Q4. Pneumonia CNN on chest X-rays', '## Run records']) {
    expect(md).toContain(heading);
  }
  for (const [model, run] of Object.entries(result.runs)) {
    expect(md).toContain(run.id);
    expect(md).toContain(run.test.accuracy.toFixed(4));
    expect(md).toContain(model);
  }
  expect(md).toMatch(/Digits most often confused/);
  expect(md).toMatch(/False negatives .* highest for \*\*\d\*\*/);
  expect(md).toMatch(/Class balance of each split/);
  expect(md).toMatch(/\| validation \| [\d.]+ \| [\d.]+ \|/);
  expect(md).toMatch(/784 × 10 \+ 10 = \*\*7,850\*\*/);
});

it('writes every figure, and a self-contained HTML that shows them in Chromium', async () => {
  const expected = [
    ...['mlp-raw', 'mlp-hog', 'cnn-mnist'].flatMap((m) => [`${m}-loss`, `${m}-acc`, `${m}-confusion`, `${m}-misclassified`]),
    'mlp-hog-hog-picture',
    'cnn-pneumonia-loss',
    'cnn-pneumonia-acc',
    'cnn-pneumonia-validation-confusion',
    'cnn-pneumonia-test-confusion',
    'cnn-pneumonia-roc',
    'cnn-pneumonia-misclassified',
  ];
  for (const name of expected) {
    expect(existsSync(join(out, 'figures', `${name}.png`))).toBe(true);
    expect(readFileSync(result.report, 'utf8')).toContain(`figures/${name}.png`);
  }
  const html = readFileSync(result.html, 'utf8');
  expect(html).not.toMatch(/<(img|script|link)[^>]+(src|href)="(https?:)?\/\//);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
    await page.goto(`file://${result.html}`);
    const images = await page.$$eval('figure img', (imgs) => imgs.map((i) => ({ ok: (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0 })));
    expect(images.length).toBe(expected.length);
    expect(images.every((i) => i.ok)).toBe(true);
    const shots = resolve(__dirname, '../test-results');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'report-top.png') });
    await page.locator('#q4-pneumonia-cnn-on-chest-x-rays').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'report-q4.png') });
  } finally {
    await browser.close();
  }
}, 120000);
