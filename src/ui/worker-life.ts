/**
 * Notices when a worker has stopped for good, so the page can fail the calls
 * it was waiting for and start a new worker:
 *   - an uncaught error in the worker ('error' event): its state is unknown
 *     after that, so it counts as stopped;
 *   - a message from it that could not be decoded ('messageerror');
 *   - its end by any means (terminate(), self.close(), a crash), which fires
 *     no event at all: the worker holds a Web Lock for its lifetime
 *     (workers/life-lock.ts) and the browser releases it when the worker ends,
 *     which grants the page's own request for the same lock.
 * Without Web Locks (insecure contexts) only the first two are noticed.
 */

/** The events of a Worker this needs (a fake in unit tests). */
export interface WatchedWorker {
  addEventListener(type: 'error' | 'messageerror', listener: (e: Event) => void): void;
}

/** The part of the Web Locks API this needs. */
export interface LockRequester {
  request(name: string, callback: () => unknown): Promise<unknown>;
}

function browserLocks(): LockRequester | undefined {
  return (globalThis.navigator as Navigator | undefined)?.locks;
}

/** A lock name unique to one worker (locks are shared by every page of the origin). */
export function lifeLockName(): string {
  const id = typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return `ocs-worker-life-${id}`;
}

/**
 * Resolves with the reason once `worker` has stopped; stays pending while it
 * lives. `holdLifeLock(name)` asks the worker to take the lock and resolves
 * true once it holds it (the page asks for the lock only after that).
 */
export function watchWorker(worker: WatchedWorker, holdLifeLock: (lockName: string) => PromiseLike<boolean>, locks: LockRequester | undefined = browserLocks()): Promise<string> {
  return new Promise((resolve) => {
    let stopped = false;
    const stop = (reason: string) => {
      if (stopped) return;
      stopped = true;
      resolve(reason);
    };
    worker.addEventListener('error', (e) => {
      const message = (e as ErrorEvent).message;
      stop(message ? `uncaught error: ${message.replace(/^Uncaught /, '')}` : 'the worker failed to start');
    });
    worker.addEventListener('messageerror', () => stop('a message from the worker could not be decoded'));
    if (!locks) return;
    const name = lifeLockName();
    Promise.resolve(holdLifeLock(name)).then(
      (held) => {
        if (!held || stopped) return;
        locks.request(name, () => stop('the worker ended (terminated or crashed)')).catch(() => {});
      },
      () => {},
    );
  });
}
