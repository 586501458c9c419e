import type { BackendState } from './backend-controller';
import { whyText } from './why-text';

const statuses: BackendState['statuses'] = [
  { name: 'webgpu', usable: false, detail: 'no adapter', preferred: false },
  { name: 'webgl', usable: true, preferred: true },
  { name: 'wasm', usable: true, preferred: false },
  { name: 'cpu', usable: true, preferred: false },
];

test('says what the automatic choice skipped, or that a backend was chosen by hand and what faster ones lack', () => {
  const auto: BackendState = { phase: 'ready', active: { name: 'webgl', skipped: [{ name: 'webgpu', reason: 'no adapter' }] }, autoSkipped: [{ name: 'webgpu', reason: 'no adapter' }], autoChoice: 'webgl', statuses };
  expect(whyText(auto)).toBe('webgpu skipped: no adapter');
  expect(whyText({ ...auto, active: { name: 'cpu', skipped: [] } })).toBe('cpu chosen by hand · webgpu not available: no adapter');
  expect(whyText({ ...auto, autoSkipped: [], active: { name: 'webgl', skipped: [] } })).toBe('webgl is the fastest backend here');
  expect(whyText({ phase: 'failed', autoSkipped: [], statuses: [] })).toBe('no backend could start');
});
