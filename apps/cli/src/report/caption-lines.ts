/**
 * Captions that fit their tile: SVG text does not wrap, so a caption wider than its tile spills
 * into the next one (or past the figure's edge, where it is cut: "ue NORMAL → PNEUMON…"). Text
 * is broken at spaces into lines no wider than the tile, from a conservative estimate of the
 * glyph width of sans-serif fonts.
 */

/** Estimated width in pixels of `text` at `fontSize` (sans-serif, generous for digits and capitals). */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += /[A-Z0-9#→=]/.test(ch) ? 0.68 : /[ .,:;il|()]/.test(ch) ? 0.32 : 0.56;
  return w * fontSize;
}

/** Breaks `text` at spaces into lines of at most `width` pixels (a word longer than that is cut with an ellipsis). */
export function fitLines(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (textWidth(next, fontSize) <= width || !line) line = next;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines.map((l) => fitOneLine(l, width, fontSize));
}

/** `text` on one line of at most `width` pixels, cut with an ellipsis when longer. */
export function fitOneLine(text: string, width: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= width) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(cut + '…', fontSize) > width) cut = cut.slice(0, -1);
  return cut + '…';
}
