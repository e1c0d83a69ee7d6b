/**
 * A typed change notification: a component emits, the components above it
 * subscribe. The emitter never learns who listens, so calls between UI
 * controllers point one way (down) and news comes back only through signals.
 */
export class Signal<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Calls `fn` on every emit until the returned function is called. */
  on(fn: (value: T) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(value: T): void {
    for (const fn of this.listeners) fn(value);
  }
}
