// Argument checks shared by the entry points; each throws a HogInputError naming the argument.
import { HogInputError } from './errors';
import type { HogImage } from './hog';

/** @throws HogInputError unless `value` is a Float32Array or Uint8Array of `expected` values. */
export function checkImageBuffer(fn: string, argument: string, value: unknown, expected: number, what: string): asserts value is HogImage {
  if (!(value instanceof Float32Array) && !(value instanceof Uint8Array)) {
    const got = value === null ? 'null' : typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
    throw new HogInputError(argument, `${fn}: ${argument} must be a Float32Array or Uint8Array, got ${got}`);
  }
  if (value.length !== expected) {
    throw new HogInputError(argument, `${fn}: ${argument} has ${value.length} values but ${what} = ${expected}`);
  }
}

/** @throws HogInputError unless `out` is a Float32Array of `expected` values. */
export function checkOutBuffer(fn: string, out: unknown, expected: number, what: string): asserts out is Float32Array {
  if (!(out instanceof Float32Array)) {
    throw new HogInputError('out', `${fn}: out must be a Float32Array`);
  }
  if (out.length !== expected) {
    throw new HogInputError('out', `${fn}: out has ${out.length} values but ${what} = ${expected}`);
  }
}

/** @throws HogInputError unless `count` is a non-negative integer. */
export function checkCount(fn: string, count: unknown): asserts count is number {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new HogInputError('count', `${fn}: count must be a non-negative integer, got ${String(count)}`);
  }
}
