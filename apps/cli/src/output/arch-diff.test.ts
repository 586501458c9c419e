import type { RunRecord } from '@nnlab/experiments';
import { parseSpec } from '@nnlab/models';
import { archDiff, archText, formatArchDiff } from './arch-diff';

const rec = (id: string, config: Partial<RunRecord['config']>) => ({ id, config: { args: {}, ...config } }) as unknown as RunRecord;

describe('architecture difference', () => {
  const a = rec('run-a', { model: 'custom', spec: parseSpec('input(28x28x1) conv(4,3x3,relu) pool(2) flatten dense(10,softmax)') });
  const b = rec('run-b', { model: 'custom', spec: parseSpec('input(28x28x1) conv(8,3x3,relu) pool(2) flatten dense(10,softmax)') });
  const zoo = rec('run-z', { model: 'mlp-raw' });

  it('records without a spec (older zoo runs) are read from the zoo id and knobs', () => {
    expect(archText(zoo)).toBe('input(784) dense(10,relu) dense(10,softmax)');
    expect(archText(rec('x', { model: 'mlp-raw', args: { hidden: [32] } }))).toBe('input(784) dense(32,relu) dense(10,softmax)');
    expect(archText(rec('y', { model: 'unknown' }))).toBe('?');
  });

  it('marks the layers that differ, position by position', () => {
    const d = archDiff([a, b, zoo]);
    expect(d.same).toBe(false);
    expect(d.rows.map((r) => [r.position, r.differs])).toEqual([
      ['input', true],
      ['1', true],
      ['2', true],
      ['3', true],
      ['4', true],
    ]);
    expect(d.rows[4].layers).toEqual(['dense(10,softmax)', 'dense(10,softmax)', null]);
    expect(archDiff([a, b]).rows.map((r) => r.differs)).toEqual([false, true, false, false, false]);
    expect(formatArchDiff([a, b])).toMatch(/≠/);
    expect(formatArchDiff([a, a])).toBe(`architecture (every run): ${archText(a)}`);
  });
});
