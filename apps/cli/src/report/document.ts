/**
 * A small document model for reports: one structure, rendered to Markdown and to self-contained
 * HTML, so both say exactly the same thing.
 */

/** A figure: SVG text (vector, for HTML) and PNG bytes (for Markdown viewers). */
export interface Figure {
  /** File stem under `figures/`, e.g. `mlp-raw-loss`. */
  name: string;
  caption: string;
  svg: string;
  png: Uint8Array;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; header: string[]; rows: (string | number)[][]; align?: ('left' | 'right')[] }
  | { kind: 'figures'; figures: Figure[] }
  | { kind: 'formula'; text: string };

export interface ReportDocument {
  title: string;
  blocks: Block[];
}

/** Collects blocks in order. */
export class DocumentBuilder {
  readonly blocks: Block[] = [];
  heading(level: 1 | 2 | 3 | 4, text: string): this {
    this.blocks.push({ kind: 'heading', level, text });
    return this;
  }
  p(text: string): this {
    this.blocks.push({ kind: 'paragraph', text });
    return this;
  }
  list(items: string[]): this {
    if (items.length) this.blocks.push({ kind: 'list', items });
    return this;
  }
  table(header: string[], rows: (string | number)[][], align?: ('left' | 'right')[]): this {
    this.blocks.push({ kind: 'table', header, rows, align });
    return this;
  }
  figures(figures: Figure[]): this {
    if (figures.length) this.blocks.push({ kind: 'figures', figures });
    return this;
  }
  formula(text: string): this {
    this.blocks.push({ kind: 'formula', text });
    return this;
  }
}
