import { EventLoopYielder, yieldToEventLoop } from './yield-to-event-loop';

describe('yieldToEventLoop', () => {
  it('lets a pending timer run (a microtask-only "yield" never would)', async () => {
    let ran = false;
    setTimeout(() => (ran = true), 0);
    // The timer is due after ≥ 1 ms; each yield is one event-loop turn, so keep yielding up to 1 s.
    const t0 = performance.now();
    while (!ran && performance.now() - t0 < 1000) await yieldToEventLoop();
    expect(ran).toBe(true);
  });
});

describe('EventLoopYielder', () => {
  it('is due only after everyMs of work, and yield() starts the next interval', async () => {
    const yielder = new EventLoopYielder(30);
    expect(yielder.due()).toBe(false);
    const t0 = performance.now();
    while (performance.now() - t0 < 35) {
      /* work */
    }
    expect(yielder.due()).toBe(true);
    await yielder.yield();
    expect(yielder.due()).toBe(false);
  });
});
