import { concatBytes } from './bytes';

describe('concatBytes', () => {
  it('joins views and buffers in order, views at any offset', () => {
    const backing = Uint8Array.of(9, 1, 2, 3, 9);
    const out = concatBytes([backing.subarray(1, 4), Uint8Array.of(4).buffer, new Uint8Array(0), Uint8Array.of(5, 6)]);
    expect(Array.from(out)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('always copies', () => {
    const only = Uint8Array.of(1, 2);
    const out = concatBytes([only]);
    out[0] = 7;
    expect(only[0]).toBe(1);
    expect(concatBytes([]).length).toBe(0);
  });
});
