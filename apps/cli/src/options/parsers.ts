/**
 * Flag value parsers: each checks one value against its type and range and fails with commander's
 * InvalidArgumentError naming the flag (exit 2). `listOf` turns any of them into a comma-list
 * parser (sweep grids), so a list is checked by exactly the rules of one value.
 */
import { InvalidArgumentError } from 'commander';

export type Parser<T> = (v: string) => T;

export function int(flag: string, min = 1, max = Number.MAX_SAFE_INTEGER): Parser<number> {
  return (v) => {
    const n = Number(v);
    if (!/^[-+]?\d+$/.test(v.trim()) || !Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} expects an integer in ${min}..${max}, got '${v}'`);
    }
    return n;
  };
}

export function float(flag: string, min: number, max: number, { exclusiveMin = false, exclusiveMax = false } = {}): Parser<number> {
  return (v) => {
    const n = Number(v);
    const below = exclusiveMin ? n <= min : n < min;
    const above = exclusiveMax ? n >= max : n > max;
    if (v.trim() === '' || !Number.isFinite(n) || below || above) {
      throw new InvalidArgumentError(`${flag} expects a number in ${exclusiveMin ? '(' : '['}${min}, ${max}${exclusiveMax ? ')' : ']'}, got '${v}'`);
    }
    return n;
  };
}

/** Layer sizes `32` or `32x16` (several hidden layers). */
export function layers(flag: string, max = 1 << 16): Parser<number[]> {
  const one = int(flag, 1, max);
  return (v) => {
    if (v.trim() === '') throw new InvalidArgumentError(`${flag} expects layer sizes like 32 or 32x16, got ''`);
    return v.split('x').map((s) => one(s.trim()));
  };
}

export function choice<T extends string>(flag: string, values: readonly T[]): Parser<T> {
  return (v) => {
    if (!values.includes(v as T)) throw new InvalidArgumentError(`${flag} expects one of ${values.join(', ')}, got '${v}'`);
    return v as T;
  };
}

/** A non-empty path. */
export function path(flag: string): Parser<string> {
  return (v) => {
    if (v.trim() === '') throw new InvalidArgumentError(`${flag} expects a path, got ''`);
    return v;
  };
}

/** A comma list of values, each checked by `one` (a bad item names itself and the flag). */
export function listOf<T>(flag: string, one: Parser<T>): Parser<T[]> {
  return (v) => {
    const items = v.split(',').map((s) => s.trim());
    if (items.some((s) => s === '')) throw new InvalidArgumentError(`${flag} expects a comma list like 1,2,3 with no empty item, got '${v}'`);
    return items.map(one);
  };
}

/** Comma-separated integers ≥ 1 (e.g. hidden layer sizes `32,16`). */
export function intList(flag: string): Parser<number[]> {
  return listOf(flag, int(flag));
}
