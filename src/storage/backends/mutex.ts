/** A FIFO async lock: PGlite has exactly one connection, so every lease of it waits its turn here. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #held = false;

  get held(): boolean {
    return this.#held;
  }

  /** Resolves with the unlock function once every earlier holder has unlocked. */
  lock(): Promise<() => void> {
    let unlock!: () => void;
    const next = new Promise<void>((resolve) => (unlock = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => next);
    return previous.then(() => {
      this.#held = true;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        this.#held = false;
        unlock();
      };
    });
  }
}
