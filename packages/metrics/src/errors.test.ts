import { MetricsInputError } from './errors';

describe('MetricsInputError', () => {
  it('is a RangeError with a stable code and its own name', () => {
    const err = new MetricsInputError('f: bad');
    expect(err).toBeInstanceOf(RangeError);
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('METRICS_INPUT');
    expect(err.name).toBe('MetricsInputError');
    expect(err.message).toBe('f: bad');
  });
});
