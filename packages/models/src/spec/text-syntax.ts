/**
 * The lexical side of the one-line text form: splitting `conv(16, 3x3, relu) pool(2) flatten`
 * into calls (a name and its arguments), and reading argument values (`3x3`, `1e-3`, `same`).
 * What each call means is in `text-parse.ts`.
 */
import { SpecError } from '../errors';

/** One `name(arg, key=value, …)` (or a bare `name`) of the text form. */
export interface Call {
  name: string;
  /** Positional arguments, as written. */
  positional: string[];
  /** Named arguments (`key=value`; a bare flag such as `centered` is not one of these). */
  named: Map<string, string>;
  /** The call as written, for error messages. */
  text: string;
}

/** Splits `text` into calls separated by white space; `;` starts the training part. */
export function splitCalls(text: string): { layers: Call[]; training: Call[] } {
  const layers: Call[] = [];
  const training: Call[] = [];
  let target = layers;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === ';') {
      if (target === training) throw new SpecError("a spec has one ';' (before the training settings), found a second");
      target = training;
      i++;
      continue;
    }
    const start = i;
    while (i < n && /[A-Za-z0-9_-]/.test(text[i])) i++;
    const name = text.slice(start, i);
    if (!name)
      throw new SpecError(`unexpected '${ch}' at character ${start + 1} of the spec: layers look like conv(16,3x3,relu) pool(2) flatten dense(10,softmax)`);
    let args = '';
    let j = i;
    while (j < n && text[j] === ' ') j++;
    if (text[j] === '(') {
      const close = text.indexOf(')', j);
      if (close < 0) throw new SpecError(`'${text.slice(start, Math.min(n, j + 20))}' has no closing ')'`);
      args = text.slice(j + 1, close);
      if (args.includes('(')) throw new SpecError(`'${text.slice(start, close + 1)}': arguments cannot contain '('`);
      i = close + 1;
    }
    const call: Call = { name: name.toLowerCase(), positional: [], named: new Map(), text: text.slice(start, i).replace(/\s+/g, '') };
    for (const part of args.split(',').map((a) => a.trim())) {
      if (part === '') {
        if (args.trim() !== '') throw new SpecError(`'${call.text}' has an empty argument`);
        continue;
      }
      const eq = part.indexOf('=');
      if (eq < 0) call.positional.push(part);
      else call.named.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    target.push(call);
  }
  return { layers, training };
}

/** A number as written (`0.2`, `1e-7`), or NaN. */
export function numberOf(s: string): number {
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : NaN;
}

/** True for an integer literal (possibly negative, so that `-8` reaches the range check). */
export const isInteger = (s: string): boolean => /^[-+]?\d+$/.test(s);

/** True for a size such as `3x3` (or `3×3`). */
export const isSize = (s: string): boolean => /^[-+]?\d+\s*[x×]\s*[-+]?\d+$/i.test(s);

/** `3` → [3, 3]; `3x2` → [3, 2]. */
export function sizeOf(s: string): [number, number] {
  const parts = s.split(/[x×]/i).map((p) => numberOf(p.trim()));
  return parts.length === 1 ? [parts[0], parts[0]] : [parts[0], parts[1]];
}

/** `28x28x1` → [28, 28, 1]; `784` → [784]. */
export function dimsOf(s: string): number[] {
  return s.split(/[x×]/i).map((p) => numberOf(p.trim()));
}

/** Writes [3, 3] as `3x3`, [2, 2] as `2` when `square` allows it. */
export function formatSize([h, w]: readonly [number, number], square = false): string {
  return square && h === w ? String(h) : `${h}x${w}`;
}
