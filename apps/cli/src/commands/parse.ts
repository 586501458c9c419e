/** Flag value parsers shared by commands: they fail with a usage error naming the flag. */
import { InvalidArgumentError } from 'commander';

export function int(flag: string, min = 1, max = Number.MAX_SAFE_INTEGER) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^[-+]?\d+$/.test(v.trim()) || !Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} expects an integer in ${min}..${max}, got '${v}'`);
    }
    return n;
  };
}

export function float(flag: string, min: number, max: number, { exclusiveMax = false } = {}) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < min || (exclusiveMax ? n >= max : n > max)) {
      throw new InvalidArgumentError(`${flag} expects a number in [${min}, ${max}${exclusiveMax ? ')' : ']'}, got '${v}'`);
    }
    return n;
  };
}

export function intList(flag: string) {
  const one = int(flag);
  return (v: string): number[] => v.split(',').map((s) => one(s.trim()));
}

export function choice<T extends string>(flag: string, values: readonly T[]) {
  return (v: string): T => {
    if (!values.includes(v as T)) throw new InvalidArgumentError(`${flag} expects one of ${values.join(', ')}, got '${v}'`);
    return v as T;
  };
}
