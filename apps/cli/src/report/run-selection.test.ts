import type { RunRecord } from '@nnlab/experiments';
import type { ListedRun } from '@nnlab/experiments/node';
import { experimentOf, selectRuns } from './run-selection';

function run(id: string, createdAt: string, model: string, tags?: Record<string, string>, input?: string, state: ListedRun['state'] = 'complete'): ListedRun {
  const record = {
    id,
    createdAt,
    status: state === 'interrupted' ? 'interrupted' : state,
    tags,
    config: { model, input: input ? { input } : undefined },
  } as unknown as RunRecord;
  return { record, dir: `/runs/${id}`, state };
}

describe('experimentOf', () => {
  it('zoo runs by id, other architectures by the input they read', () => {
    expect(experimentOf(run('a', '1', 'mlp-hog').record)).toBe('mlp-hog');
    expect(experimentOf(run('b', '1', 'custom', undefined, 'mnist-image').record)).toBe('cnn-mnist');
    expect(experimentOf(run('c', '1', 'my-mlp', undefined, 'mnist-pixels').record)).toBe('mlp-raw');
    expect(experimentOf(run('d', '1', 'x', undefined, 'xray-image').record)).toBe('cnn-pneumonia');
    expect(experimentOf(run('e', '1', 'x').record)).toBeUndefined();
  });
});

describe('selectRuns', () => {
  const listed = [
    run('old-raw', '2026-01-01T00:00:00Z', 'mlp-raw', { reproduce: 'full', reproduceSet: 'S1' }),
    run('new-raw', '2026-01-02T00:00:00Z', 'mlp-raw', { reproduce: 'quick', reproduceSet: 'S2' }),
    run('new-cnn', '2026-01-02T00:01:00Z', 'cnn-mnist', { reproduce: 'quick', reproduceSet: 'S2' }),
    run('dead', '2026-01-02T00:02:00Z', 'mlp-hog', { reproduce: 'quick', reproduceSet: 'S2' }, undefined, 'interrupted'),
    run('sweep-raw', '2026-01-03T00:00:00Z', 'mlp-raw', { sweep: 'x' }),
  ];

  it('default: the newest reproduce set, its newest complete run per experiment, and says so', () => {
    const s = selectRuns(listed, [], '/runs');
    expect(Object.fromEntries(Object.entries(s.runs).map(([k, r]) => [k, r!.id]))).toEqual({ 'mlp-raw': 'new-raw', 'cnn-mnist': 'new-cnn' });
    expect(s.quick).toBe(true);
    expect(s.rule).toMatch(/^the reproduce set: .*`nnlab reproduce --quick` in \/runs \(set `S2`\)/);
  });

  it('--runs: exactly the runs given (prefix or suffix), one per experiment', () => {
    const s = selectRuns(listed, ['sweep-raw', 'old-cnn'.replace('old', 'new')], '/runs');
    expect(s.runs['mlp-raw']!.id).toBe('sweep-raw');
    expect(s.rule).toBe('the runs given with `--runs` (sweep-raw, new-cnn)');
    expect(() => selectRuns(listed, ['new-raw', 'old-raw'], '/runs')).toThrow(/both mlp-raw runs/);
    expect(() => selectRuns(listed, ['nope'], '/runs')).toThrow(/no run 'nope' in \/runs/);
    expect(() => selectRuns(listed, ['new'], '/runs')).toThrow(/ambiguous/);
  });

  it('no reproduce runs: a usage error that says what to do', () => {
    expect(() => selectRuns([listed[4]], [], '/runs')).toThrow(
      /no complete `nnlab reproduce` runs in \/runs: run `nnlab reproduce --quick`, or choose runs with --runs/,
    );
  });
});
