/** A FIFO async lock: PGlite has exactly one connection, so every lease of it waits its turn here. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #held = false;
  #waiting = 0;

  get held(): boolean {
    return this.#held;
  }

  /** Lockers waiting behind the holder. */
  get waiting(): number {
    return this.#waiting;
  }

  /** Resolves with the unlock function once every earlier holder has unlocked. */
  lock(): Promise<() => void> {
    let unlock!: () => void;
    const next = new Promise<void>((resolve) => (unlock = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => next);
    this.#waiting++;
    return previous.then(() => {
      this.#waiting--;
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
