import type { BackendState } from './backend-controller';
import { whyText } from './why-text';

const statuses: BackendState['statuses'] = [
  { name: 'webgpu', usable: true, preferred: true },
  { name: 'webgl', usable: true, preferred: false },
  { name: 'wasm', usable: true, preferred: false },
  { name: 'cpu', usable: true, preferred: false },
];
const assessments: BackendState['assessments'] = [
  { name: 'webgpu', outcome: 'skipped', reason: 'software adapter (google swiftshader): it would run on the CPU, slower than wasm' },
  { name: 'webgl', outcome: 'slower', reason: "probe: 40 ms per round, slower than wasm's 3.0 ms", probeMs: 40 },
  { name: 'wasm', outcome: 'chosen', reason: 'fastest probe: 3.0 ms per round', probeMs: 3 },
  { name: 'cpu', outcome: 'skipped', reason: 'plain JavaScript, the last resort' },
];

test('the automatic choice names its reason and what the other candidates measured or why they were skipped', () => {
  const auto: BackendState = { phase: 'ready', active: { name: 'wasm', threads: 2 }, choice: 'auto', assessments, statuses };
  expect(whyText(auto)).toBe(
    "wasm chosen automatically: fastest probe: 3.0 ms per round · webgpu: software adapter (google swiftshader): it would run on the CPU, slower than wasm · webgl: probe: 40 ms per round, slower than wasm's 3.0 ms",
  );
});

test('a manual choice says so and what auto would take; no backend says so', () => {
  const manual: BackendState = { phase: 'ready', active: { name: 'cpu' }, choice: 'cpu', assessments, statuses };
  expect(whyText(manual)).toBe('cpu chosen by hand (auto would choose wasm: fastest probe: 3.0 ms per round)');
  expect(whyText({ ...manual, assessments: [] })).toBe('cpu chosen by hand');
  expect(whyText({ phase: 'failed', choice: 'auto', assessments: [], statuses: [] })).toBe('no backend could start');
  expect(whyText({ phase: 'starting', choice: 'auto', assessments: [], statuses: [] })).toBe('choosing a backend…');
});
