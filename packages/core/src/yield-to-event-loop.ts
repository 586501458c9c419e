/**
 * Lets pending events (timers, Ctrl-C / Stop handlers, I/O) run between training steps. A
 * MessageChannel message is a macrotask without setTimeout's ≥ 4 ms clamp in browsers; Node has
 * setImmediate. `EventLoopYielder` yields at most every `everyMs` of work, so fast steps are not
 * slowed by a yield each.
 */
const channel =
  typeof MessageChannel !== 'undefined' && typeof (globalThis as { setImmediate?: unknown }).setImmediate !== 'function' ? new MessageChannel() : null;
const waiting: (() => void)[] = [];
if (channel) {
  channel.port1.onmessage = () => waiting.shift()?.();
}

/** Resolves after the event loop has had a turn. */
export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  if (typeof immediate === 'function') return new Promise((resolve) => immediate(resolve));
  if (channel) {
    return new Promise((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Yields when at least `everyMs` passed since the last yield. Callers test `due()` before awaiting
 * `yield()`: a step that needs no yield then costs one clock read, not an awaited promise.
 */
export class EventLoopYielder {
  private last = now();
  constructor(private readonly everyMs = 20) {}

  /** Whether `everyMs` passed since the last yield. */
  due(): boolean {
    return now() - this.last >= this.everyMs;
  }

  async yield(): Promise<void> {
    await yieldToEventLoop();
    this.last = now();
  }
}
