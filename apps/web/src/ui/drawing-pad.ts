/**
 * A canvas to draw a digit on with mouse, pen or touch (pointer events): a thick white stroke on
 * black, like MNIST's light digits on a dark background. Calls `onChange` at most once per frame
 * while drawing.
 */
import { rgbaToGray } from '../predict/luma';
import type { GrayImage } from '../predict/decode-image-file';
import { h } from './dom';

/** Side of the drawing canvas in pixels (10× MNIST). */
export const PAD_SIZE = 280;
/** Stroke width: MNIST strokes are ~2–3 px of 28. */
export const STROKE_WIDTH = 22;

export class DrawingPad {
  readonly el: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private drawing = false;
  private last?: { x: number; y: number };
  private inked = false;
  private frame = 0;

  constructor(private readonly onChange: () => void) {
    this.canvas = h('canvas', { width: PAD_SIZE, height: PAD_SIZE, class: 'drawing-pad', 'data-testid': 'draw-canvas', 'aria-label': 'draw a digit here' });
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: true })!;
    const clear = h('button', { type: 'button', 'data-testid': 'clear-button', onclick: () => this.clear() }, 'Clear');
    this.el = h(
      'div',
      { class: 'drawing' },
      this.canvas,
      h('div', { class: 'actions' }, clear, h('span', { class: 'muted' }, 'draw one digit, large and centred')),
    );
    this.canvas.addEventListener('pointerdown', (e) => this.down(e));
    this.canvas.addEventListener('pointermove', (e) => this.move(e));
    for (const type of ['pointerup', 'pointercancel', 'pointerleave'] as const) this.canvas.addEventListener(type, () => this.up());
    this.clear(false);
  }

  /** True when something was drawn since the last clear. */
  hasInk(): boolean {
    return this.inked;
  }

  /** The drawing as 8-bit grayscale (luma), full resolution. */
  image(): GrayImage {
    const { data } = this.ctx.getImageData(0, 0, PAD_SIZE, PAD_SIZE);
    return { gray: rgbaToGray(data, PAD_SIZE, PAD_SIZE), width: PAD_SIZE, height: PAD_SIZE };
  }

  /** Wipes the canvas. */
  clear(notify = true): void {
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, PAD_SIZE, PAD_SIZE);
    this.inked = false;
    if (notify) this.onChange();
  }

  private point(e: PointerEvent): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * PAD_SIZE) / r.width, y: ((e.clientY - r.top) * PAD_SIZE) / r.height };
  }

  private down(e: PointerEvent): void {
    e.preventDefault();
    this.canvas.setPointerCapture?.(e.pointerId);
    this.drawing = true;
    this.last = this.point(e);
    this.stroke(this.last, this.last);
  }

  private move(e: PointerEvent): void {
    if (!this.drawing || !this.last) return;
    const p = this.point(e);
    this.stroke(this.last, p);
    this.last = p;
  }

  private up(): void {
    if (!this.drawing) return;
    this.drawing = false;
    this.last = undefined;
    this.schedule();
  }

  private stroke(a: { x: number; y: number }, b: { x: number; y: number }): void {
    const c = this.ctx;
    c.strokeStyle = '#fff';
    c.lineWidth = STROKE_WIDTH;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(a.x, a.y);
    c.lineTo(b.x, b.y);
    c.stroke();
    this.inked = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.onChange();
    });
  }
}
