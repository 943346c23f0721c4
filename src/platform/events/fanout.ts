// An in-process fan-out: a module's subscribe() hands what it heard to the listeners a routes file
// registered (its live streams to browsers), so routes never subscribe to the bus themselves.
export class Fanout<T> {
  private readonly listeners = new Set<(item: T) => void | Promise<void>>();

  /** Hears every item emitted from now on; returns the way to stop. */
  listen(fn: (item: T) => void | Promise<void>): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  /** Resolves once every listener has: the bus then delivers the next event. */
  async emit(item: T): Promise<void> {
    for (const fn of this.listeners) await fn(item);
  }
}
