/**
 * Time-based throttle for progress events: `ready()` is true at most once per `intervalMs`
 * (and always on the first call), so per-step events can update the page without flooding it.
 */
export class Throttle {
  private last = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True when `intervalMs` passed since the last true answer; marks now as the last time. */
  ready(): boolean {
    const t = this.now();
    if (t - this.last < this.intervalMs) return false;
    this.last = t;
    return true;
  }

  /** Forgets the last time: the next `ready()` is true. */
  reset(): void {
    this.last = -Infinity;
  }
}

/** Resolves after the browser had a chance to handle input and paint (a macrotask). */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
