/**
 * Self-contained HTML rendering of a report document: figures embedded as SVG data URIs, styles
 * inline, no external requests — the file can be mailed or opened offline.
 */
import type { Block, ReportDocument } from './document';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline Markdown subset used in paragraphs: `code`, **bold**, *italic*. */
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading': {
      const id = b.text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      return `<h${b.level} id="${id}">${inline(b.text)}</h${b.level}>`;
    }
    case 'paragraph':
      return `<p>${inline(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</ul>`;
    case 'formula':
      return `<pre class="formula">${escapeHtml(b.text)}</pre>`;
    case 'table': {
      const numeric = b.header.map((_, i) => b.align?.[i] === 'right' || (b.align?.[i] === undefined && b.rows.every((r) => typeof r[i] === 'number')));
      const td = (v: string | number, i: number, tag: 'td' | 'th') => `<${tag}${numeric[i] ? ' class="num"' : ''}>${inline(String(v))}</${tag}>`;
      return `<table><thead><tr>${b.header.map((h, i) => td(h, i, 'th')).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((v, i) => td(v, i, 'td')).join('')}</tr>`)
        .join('')}</tbody></table>`;
    }
    case 'figures':
      return `<div class="figures">${b.figures
        .map(
          (f) =>
            `<figure><img alt="${escapeHtml(f.caption)}" src="data:image/svg+xml;base64,${Buffer.from(f.svg, 'utf8').toString('base64')}"><figcaption>${inline(f.caption)}</figcaption></figure>`,
        )
        .join('')}</div>`;
  }
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1.5rem;color:#1d1d1f}
h1{font-size:1.9rem;border-bottom:2px solid #ddd;padding-bottom:.3rem}h2{margin-top:2.2rem;border-bottom:1px solid #eee}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #ddd;padding:.25rem .6rem;text-align:left}
th{background:#f5f5f7}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code{background:#f3f3f3;padding:0 .2rem;border-radius:3px}pre.formula{background:#f7f7fa;padding:.6rem 1rem;border-left:3px solid #88a}
.figures{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}figure{margin:0;max-width:100%}
figure img{max-width:100%;height:auto;border:1px solid #eee}figcaption{font-size:.85rem;color:#555;max-width:520px}
`;

export function renderHtml(doc: ReportDocument): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(doc.title)}</h1>
${doc.blocks.map(block).join('\n')}
</body></html>
`;
}
