import { EventLoopYielder, yieldToEventLoop } from './yield-to-event-loop';

describe('yieldToEventLoop', () => {
  it('lets a pending timer run before it resolves', async () => {
    let ran = false;
    setTimeout(() => (ran = true), 0);
    // setImmediate runs after the timers phase that follows: one or two turns at most.
    for (let i = 0; i < 3 && !ran; i++) await yieldToEventLoop();
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
