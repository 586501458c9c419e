// NumPy `.npy` arrays (format versions 1.0, 2.0 and 3.0,
// https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html). Only uint8 data is
// supported: that is what MedMNIST stores.
import { DatasetFormatError } from './errors';

/** Largest array {@link parseNpy} accepts unless told otherwise (1 GiB). */
export const DEFAULT_MAX_NPY_BYTES = 2 ** 30;

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** A parsed `.npy` array: dtype descriptor, shape, and C-order uint8 data. */
export interface NpyArray {
  /** The dtype descriptor as written, e.g. `|u1`. */
  descr: string;
  shape: number[];
  /** C-order (row-major) data; a view into the input bytes. */
  data: Uint8Array;
}

/** Options of {@link parseNpy}. */
export interface ParseNpyOptions {
  /** Refuse arrays larger than this many bytes (default {@link DEFAULT_MAX_NPY_BYTES}). */
  maxBytes?: number;
}

type PyValue = string | boolean | number | PyValue[];

/** Parses the Python dict literal numpy writes as the header. Only what numpy emits is accepted. */
function parseHeaderDict(text: string, fail: (problem: string) => never): Record<string, PyValue> {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const expect = (ch: string) => {
    ws();
    if (text[i] !== ch) fail(`malformed header: expected '${ch}' at offset ${i} in ${JSON.stringify(text.trim())}`);
    i++;
  };
  const value = (): PyValue => {
    ws();
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) fail('malformed header: unterminated string');
      const s = text.slice(i + 1, end);
      i = end + 1;
      return s;
    }
    if (ch === '(' || ch === '[') {
      const close = ch === '(' ? ')' : ']';
      i++;
      const items: PyValue[] = [];
      for (;;) {
        ws();
        if (text[i] === close) {
          i++;
          return items;
        }
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== close) fail(`malformed header: expected ',' or '${close}' at offset ${i}`);
      }
    }
    const m = /^(True|False|-?\d+)L?/.exec(text.slice(i));
    if (!m) fail(`malformed header: unexpected ${JSON.stringify(text.slice(i, i + 12))} at offset ${i}`);
    i += m[0].length;
    return m[1] === 'True' ? true : m[1] === 'False' ? false : Number(m[1]);
  };
  const dict: Record<string, PyValue> = Object.create(null);
  expect('{');
  for (;;) {
    ws();
    if (text[i] === '}') {
      i++;
      break;
    }
    const key = value();
    if (typeof key !== 'string') fail('malformed header: dict keys must be strings');
    expect(':');
    dict[key] = value();
    ws();
    if (text[i] === ',') i++;
    else if (text[i] !== '}') fail(`malformed header: expected ',' or '}' at offset ${i}`);
  }
  ws();
  if (i !== text.length) fail('malformed header: text after the dict');
  return dict;
}

/**
 * Parses a `.npy` file holding a uint8 array (`descr` `|u1`, `<u1` or `>u1`). `fortran_order` must
 * be False unless at most one dimension exceeds 1 (then both orders are the same bytes). The data
 * must have exactly the length the shape implies.
 * @throws DatasetFormatError naming `source` (bad magic or version, malformed header, unsupported
 * dtype or order, truncated or over-long data).
 */
export function parseNpy(bytes: Uint8Array, source: string, options: ParseNpyOptions = {}): NpyArray {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_NPY_BYTES;
  const fail = (problem: string): never => {
    throw new DatasetFormatError(source, problem);
  };
  if (bytes.length < 10 || MAGIC.some((m, k) => bytes[k] !== m)) fail('not a .npy file (magic is not \\x93NUMPY)');
  const major = bytes[6];
  const minor = bytes[7];
  if (![1, 2, 3].includes(major) || minor !== 0) fail(`unsupported .npy format version ${major}.${minor} (1.0, 2.0, 3.0 are supported)`);
  const lenBytes = major === 1 ? 2 : 4;
  const start = 8 + lenBytes;
  if (bytes.length < start) fail(`truncated .npy header: file has only ${bytes.length} bytes`);
  let headerLen = 0;
  for (let k = lenBytes - 1; k >= 0; k--) headerLen = headerLen * 256 + bytes[8 + k];
  if (start + headerLen > bytes.length) fail(`truncated .npy header: it claims ${headerLen} bytes, the file has ${bytes.length - start} after the preamble`);
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen));
  const dict = parseHeaderDict(text, fail);
  const { descr, fortran_order: fortran, shape } = dict;
  if (typeof descr !== 'string') fail(`unsupported dtype ${JSON.stringify(descr)} (structured arrays are not supported; only uint8 '|u1')`);
  if (!/^[|<>=]?u1$/.test(descr as string)) fail(`unsupported dtype '${descr}'; only uint8 ('|u1') is supported`);
  if (typeof fortran !== 'boolean') fail("malformed header: 'fortran_order' must be True or False");
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
    fail("malformed header: 'shape' must be a tuple of non-negative integers");
  }
  const dims = shape as number[];
  if (fortran && dims.filter((d) => d > 1).length > 1) fail(`fortran_order True is not supported for shape (${dims.join(', ')})`);
  const n = dims.reduce((a, d) => a * d, 1);
  if (n > maxBytes) fail(`shape (${dims.join(', ')}) claims ${n} bytes, more than the limit of ${maxBytes}`);
  const dataStart = start + headerLen;
  const got = bytes.length - dataStart;
  if (got < n) fail(`truncated .npy data: shape (${dims.join(', ')}) needs ${n} bytes, got ${got}`);
  if (got > n) fail(`${got - n} unexpected trailing bytes after the .npy data (shape (${dims.join(', ')}))`);
  return { descr: descr as string, shape: dims, data: bytes.subarray(dataStart) };
}
