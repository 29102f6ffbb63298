/**
 * Coalesce concurrent calls into batches, per key, without waiting on purpose: the first call runs
 * after the current turn of the event loop (setImmediate), so calls made in the same turn go with it
 * — the steps of one claim are spawned together, and their begins are one statement, not one and then
 * the rest; calls made while a batch for the same key is in flight queue up and go together as the
 * next batch. Under light load every call is its own batch; under heavy load statements carry many
 * items, which is what lets one worker run thousands of small steps a second on few round trips and commits.
 */
export class Coalescer<T, R> {
  readonly #lanes = new Map<string, Array<{ value: T; resolve: (r: R) => void; reject: (e: unknown) => void }>>();

  constructor(
    private readonly run: (key: string, batch: T[]) => Promise<R[]>,
    private readonly maxBatch = 200,
  ) {}

  call(key: string, value: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const waiting = this.#lanes.get(key);
      if (waiting) {
        waiting.push({ value, resolve, reject });
        return;
      }
      const lane = [{ value, resolve, reject }];
      this.#lanes.set(key, lane);
      setImmediate(() => void this.#drain(key, lane));
    });
  }

  async #drain(key: string, lane: Array<{ value: T; resolve: (r: R) => void; reject: (e: unknown) => void }>): Promise<void> {
    while (lane.length > 0) {
      const batch = lane.splice(0, this.maxBatch);
      try {
        const out = await this.run(
          key,
          batch.map((b) => b.value),
        );
        batch.forEach((b, i) => b.resolve(out[i]!));
      } catch (error) {
        batch.forEach((b) => b.reject(error));
      }
    }
    this.#lanes.delete(key);
  }
}
