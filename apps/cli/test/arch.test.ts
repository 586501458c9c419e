/**
 * Architectures on the command line: `--arch` as a text spec or a spec file for train, summary and
 * sweep; the ten malformed specs of the acceptance list each refused in one line naming the layer
 * (exit 2, nothing written); a text spec and the same spec as JSON train to the same weights.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

const CNN = 'conv(8,3x3,relu) pool(2) conv(16,3x3,relu) pool(2) flatten dense(32,relu) dense(10,softmax)';
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'nnlab-arch-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const p = join(work, name);
  writeFileSync(p, text);
  return p;
};

describe('malformed specs: one line naming the layer and the problem, exit 2, nothing written', () => {
  const cases: [string, () => string, RegExp][] = [
    ['unknown layer', () => 'conv(8,3x3) pool(2) foo(3) flatten dense(10,softmax)', /layer 3 foo\(3\): unknown layer 'foo'/],
    ['missing argument', () => 'flatten dense()', /layer 2 dense\(\): dense needs a number of units/],
    ['negative filters', () => 'conv(-8,3x3) flatten dense(10,softmax)', /layer 1 conv\(-8,3x3\): filters must be a positive integer, got -8/],
    [
      'kernel larger than its input',
      () => 'input(28x28x1) conv(8,3x3,relu) pool(2) conv(8,20x20,relu,valid) flatten dense(10,softmax)',
      /layer 3 conv\(8,20x20,relu,valid\): a 20×20 kernel is larger than the 14×14×8 output of layer 2/,
    ],
    ['11 outputs for 10 classes', () => 'flatten dense(11,softmax)', /layer 2 dense\(11,softmax\): the model gives 11 outputs but the dataset has 10 classes/],
    ['2e9 parameters', () => 'flatten dense(2000000,relu) dense(1000,relu) dense(10,softmax)', /(parameter|budget).*\d/],
    ['invalid JSON', () => file('broken.json', '{"format": "nnlab-model-spec", "layers": ['), /broken\.json: invalid JSON/],
    [
      'wrong version',
      () =>
        file(
          'v99.json',
          JSON.stringify({ format: 'nnlab-model-spec', version: 99, layers: [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }] }),
        ),
      /v99\.json: .*version/,
    ],
    [
      'dense before flatten on an image input',
      () => 'input(28x28x1) dense(10,softmax)',
      /layer 1 dense\(10,softmax\): dense needs a vector, but the input 28×28×1 is an image/,
    ],
    [
      'empty layer list',
      () => file('empty.json', JSON.stringify({ format: 'nnlab-model-spec', version: 1, layers: [] })),
      /empty\.json: .*layer list is empty/,
    ],
  ];
  it.each(cases)('%s', (_name, arch, message) => {
    const runsDir = join(work, 'never');
    const r = runCli(['train', '--arch', arch(), '--dataset', 'mnist', '--epochs', '1', '--runs-dir', runsDir]);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^nnlab: error: /);
    expect(lines[0]).toMatch(message);
    expect(existsSync(runsDir)).toBe(false);
  });
});

describe('summary --arch', () => {
  it('a text spec on a dataset: Keras table and the spec text', () => {
    const r = runCli(['summary', '--arch', CNN, '--dataset', 'mnist', '--json']);
    expect(r.status).toBe(0);
    const out = r.json<{ totalParams: number; arch: string; rows: { outputShape: (number | null)[] }[] }>();
    expect(out.totalParams).toBe(8 * 9 + 8 + 16 * 8 * 9 + 16 + 7 * 7 * 16 * 32 + 32 + 32 * 10 + 10);
    expect(out.arch).toContain('input(28x28x1) conv(8,3x3,relu)');
    expect(out.rows[4].outputShape).toEqual([null, 784]);
  });

  it('the four zoo specs by --arch print the course parameter counts', () => {
    for (const [id, total] of [
      ['mlp-raw', 7960],
      ['mlp-hog', 4040],
      ['cnn-mnist', 1890],
      ['cnn-pneumonia', 164353],
    ] as const) {
      const r = runCli(['summary', '--arch', id, '--json']);
      expect(r.status).toBe(0);
      expect(r.json()).toMatchObject({ model: id, totalParams: total });
    }
  });
});

describe('train --arch', () => {
  it('trains, records the spec, saves it in model.json; the same spec as a JSON file gives the same weights', () => {
    const runsDir = join(work, 'runs-train');
    const common = ['--dataset', 'mnist', '--epochs', '2', '--limit', '600', '--seed', '3', '--runs-dir', runsDir, '--json'];
    const a = runCli(['train', '--arch', CNN, ...common]);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    const ra = a.json<{ runDir: string; arch: string; dataset: string; epochs: number; test: { accuracy: number } }>();
    expect(ra).toMatchObject({ dataset: 'mnist', epochs: 2 });
    const record = JSON.parse(readFileSync(join(ra.runDir, 'run.json'), 'utf8'));
    expect(record.config.spec.layers).toHaveLength(7);
    expect(record.config.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const modelJson = JSON.parse(readFileSync(join(ra.runDir, 'model', 'model.json'), 'utf8'));
    expect(modelJson.userDefinedMetadata.nnlab.spec.input).toEqual([28, 28, 1]);
    expect(modelJson.userDefinedMetadata.nnlab.classNames).toHaveLength(10);

    const json = file('my-cnn.json', JSON.stringify(record.config.spec, null, 2));
    const b = runCli(['train', '--arch', json, ...common]);
    expect(b.status).toBe(0);
    const rb = b.json<{ runDir: string }>();
    expect(readFileSync(join(rb.runDir, 'model', 'weights.bin')).equals(readFileSync(join(ra.runDir, 'model', 'weights.bin')))).toBe(true);
  });

  it('refuses a zoo model and --arch together, and neither', () => {
    expect(runCli(['train', 'mlp-raw', '--arch', CNN]).status).toBe(2);
    expect(runCli(['train']).stderr).toMatch(/give a zoo model .* or --arch/);
  });
});

describe('sweep over architectures', () => {
  it('two architectures × two epoch counts record four runs; runs compare and the report show them side by side', () => {
    const runsDir = join(work, 'runs-sweep');
    // A copy of MNIST that is removed before the report: the report needs only the records.
    const mnist = join(work, 'mnist-copy');
    cpSync(join(__dirname, '../../../data/mnist'), mnist, { recursive: true });
    const r = runCli([
      'sweep',
      '--arch',
      'conv(4,3x3,relu) pool(2) flatten dense(10,softmax)',
      '--arch',
      'dense(16,relu) dense(10,softmax)',
      '--dataset',
      'mnist',
      '--epochs',
      '1,2',
      '--limit',
      '300',
      '--data',
      mnist,
      '--runs-dir',
      runsDir,
      '--json',
    ]);
    expect(r.status).toBe(0);
    const out = r.json<{ runs: string[]; comparison: { architectures: { same: boolean; rows: { differs: boolean }[] } } }>();
    expect(out.runs).toHaveLength(4);
    expect(readdirSync(runsDir)).toHaveLength(4);
    expect(out.comparison.architectures.same).toBe(false);
    const cmp = runCli(['runs', 'compare', ...out.runs, '--runs-dir', runsDir]);
    expect(cmp.status).toBe(0);
    expect(cmp.stdout).toMatch(/architectures \(≠ = differs\)/);
    expect(cmp.stdout).toContain('conv(4,3x3,relu)');
    expect(cmp.stdout).toContain('dense(16,relu)');

    rmSync(mnist, { recursive: true, force: true });
    const reportDir = join(work, 'report-sweep');
    // grid order: architecture first, then epochs — run 1 is the CNN at 2 epochs, run 2 the MLP at 1
    const rep = runCli(['report', '--runs', `${out.runs[1]},${out.runs[2]}`, '--runs-dir', runsDir, '--out', reportDir, '--json'], {}, 300000);
    expect(rep.status).toBe(0);
    expect(rep.json<{ rule: string }>().rule).toMatch(/^the runs given with `--runs`/);
    const md = readFileSync(join(reportDir, 'report.md'), 'utf8');
    expect(md).toMatch(/Runs shown: the runs given with `--runs`/);
    expect(md).toMatch(/Architecture of this run: `input\(28x28x1\) conv\(4,3x3,relu\) pool\(2\) flatten dense\(10,softmax\)` — not the course architecture/);
    const tried = md.slice(md.indexOf('## Architectures tried'));
    for (const id of out.runs) expect(tried).toContain(id);
    expect(tried).toMatch(/\| ✓ \|/);
  });

  it('checks the whole grid before training: a bad second architecture trains nothing', () => {
    const runsDir = join(work, 'runs-badgrid');
    const r = runCli([
      'sweep',
      '--arch',
      'flatten dense(10,softmax)',
      '--arch',
      'flatten dense(12,softmax)',
      '--dataset',
      'mnist',
      '--epochs',
      '1',
      '--limit',
      '100',
      '--runs-dir',
      runsDir,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/grid point arch=flatten dense\(12,softmax\).*12 outputs/);
    expect(existsSync(runsDir)).toBe(false);
  });
});
