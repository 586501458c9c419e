/**
 * `nnlab reproduce --search` as a smoke test (one experiment, 300 images per point): every grid
 * point is a recorded run tagged with the search id, and the report's "How close to the course
 * figures" section keeps the point with the best validation accuracy and says it is a smoke search.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'nnlab-search-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('records every search point and reports the point chosen on validation against the course figure', () => {
  const runsDir = join(work, 'runs');
  const out = join(work, 'report');
  const r = runCli(['reproduce', '--quick', '--search', '--limit', '300', '--only', 'mlp-raw', '--runs-dir', runsDir, '--out', out, '--json'], {}, 400000);
  expect(r.status).toBe(0);
  const res = r.json<{ search: string; set: string }>();
  expect(res.search).toMatch(/^search-/);
  const list = runCli(['runs', 'list', '--runs-dir', runsDir, '--json']).json<{ runs: { config: { data: { trainCount: number } } }[] }>();
  expect(list.runs).toHaveLength(1 + 16);
  const md = readFileSync(join(out, 'report.md'), 'utf8');
  const section = md.slice(md.indexOf('## How close to the course figures'), md.indexOf('## Architectures tried'));
  expect(section).toContain(`\`${res.search}\``);
  expect(section).toMatch(/\*\*Smoke search\*\*/);
  expect(section).toMatch(
    /\| mlp-raw \| `input\(784\) dense\(\d+,relu\) dense\(10,softmax\)` \| \d+ epochs, batch \d+, rmsprop lr [\d.]+ \| [\d.]+ \| [\d.]+ \| 0\.943 \| (reaches|below) \(/,
  );
  expect(md.slice(md.indexOf('## Architectures tried'))).toMatch(/\| ✓ \|/);
}, 420000);
