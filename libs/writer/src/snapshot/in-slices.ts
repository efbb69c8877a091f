import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long work written as a generator of steps (each `yield` a point where it may pause), run either at once or in
 * slices of the event loop. A writer snapshot of a whole book is such work: on the writer's own thread, in slices,
 * commands are decided between them instead of waiting for the whole book to be encoded.
 */
export type Steps<T> = Generator<void, T, void>;

/** Every step now, without pausing. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Steps for at most `sliceMs` at a time (at least one step), then `between` before the next slice: by default a turn
 * of the event loop (setImmediate: after I/O callbacks, so what waits for the thread runs between two slices).
 */
export async function runInSlices<T>(steps: Steps<T>, sliceMs: number, between: () => Promise<unknown> = nextTurn): Promise<T> {
  for (;;) {
    const until = performance.now() + sliceMs;
    do {
      const step = steps.next();
      if (step.done) return step.value;
    } while (performance.now() < until);
    await between();
  }
}
