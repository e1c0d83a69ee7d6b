/**
 * Worker side of the page's death watch (src/ui/worker-life.ts): the worker
 * takes a Web Lock under a name the page chose and never lets it go. The
 * browser releases it when the worker ends by any means (terminate(),
 * self.close(), a crash), and the page's own request for it is then granted.
 */

/** Holds `lockName` for this worker's lifetime; resolves true once held, false without Web Locks. */
export function holdLifeLock(lockName: string): Promise<boolean> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks || typeof lockName !== 'string' || lockName === '') return Promise.resolve(false);
  return new Promise((held) => {
    locks
      .request(lockName, () => {
        held(true);
        return new Promise<never>(() => {});
      })
      .catch(() => held(false));
  });
}
