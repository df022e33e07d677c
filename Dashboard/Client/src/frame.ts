// Coalesces work into one call per animation frame: live deltas may arrive hundreds a second,
// the DOM and the canvas should be touched once per frame at most.

export interface FrameQueue<T> {
  push(item: T): void;
  pushMany(items: Iterable<T>): void;
  /** Runs any pending flush now (tests, page unload). */
  flushNow(): void;
}

type Schedule = (callback: () => void) => void;

const defaultSchedule: Schedule = (callback) => {
  // Hidden tabs get no animation frames; fall back to a timer so queues never grow without bound.
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') {
    setTimeout(callback, 250);
  } else {
    requestAnimationFrame(() => callback());
  }
};

export function createFrameQueue<T>(flush: (items: T[]) => void, schedule: Schedule = defaultSchedule): FrameQueue<T> {
  let pending: T[] = [];
  let scheduled = false;

  const run = (): void => {
    scheduled = false;
    if (pending.length === 0) {
      return;
    }
    const items = pending;
    pending = [];
    try {
      flush(items);
    } catch (error) {
      // One faulty renderer must not stop the queue from flushing later frames.
      console.error('frame flush failed', error);
    }
  };

  const ensureScheduled = (): void => {
    if (!scheduled) {
      scheduled = true;
      schedule(run);
    }
  };

  return {
    push(item) {
      pending.push(item);
      ensureScheduled();
    },
    pushMany(items) {
      for (const item of items) {
        pending.push(item);
      }
      if (pending.length > 0) {
        ensureScheduled();
      }
    },
    flushNow: run,
  };
}
