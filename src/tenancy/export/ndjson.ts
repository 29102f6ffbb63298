import { TenantryError, ValidationError } from '../../errors.js';

export interface NdjsonLine {
  /** 1-based. */
  number: number;
  /** The line's bytes, without its `\n`. */
  bytes: Buffer;
  /** The same, decoded (UTF-8, strictly). */
  text: string;
  /** Whether a `\n` ended it (only the last line may lack one). */
  newline: boolean;
}

export interface NdjsonLimits {
  /** Bytes of input in all; past it, 413 payload_too_large. */
  maxBytes: number;
  /** Bytes of one line; past it, a 400 naming the line. */
  maxLineBytes: number;
}

const NEWLINE = 0x0a;

/**
 * The lines of NDJSON `input`, one at a time, holding at most one line (and one chunk) in memory: a
 * line longer than `maxLineBytes` or an input longer than `maxBytes` is refused as soon as it gets
 * there, never buffered whole. Bytes that are not UTF-8 are refused naming the line. The last line
 * needs no `\n`; an empty input has no lines.
 */
export async function* ndjsonLines(input: AsyncIterable<Buffer | string>, limits: NdjsonLimits): AsyncGenerator<NdjsonLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let total = 0;
  let number = 0;
  const line = (bytes: Buffer, newline: boolean): NdjsonLine => {
    number++;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new ValidationError(`line ${number} is not valid UTF-8`);
    }
    return { number, bytes, text, newline };
  };
  const tooLong = () => new ValidationError(`line ${number + 1} is longer than ${limits.maxLineBytes} bytes, the most one line may hold`);
  for await (const piece of input) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    total += chunk.length;
    if (total > limits.maxBytes) throw new TenantryError('payload_too_large', `the import is larger than ${limits.maxBytes} bytes (TENANTRY_IMPORT_MAX_BYTES)`);
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE, start); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      if (pendingLength + end - start > limits.maxLineBytes) throw tooLong();
      const bytes = pendingLength === 0 ? chunk.subarray(start, end) : Buffer.concat([...pending, chunk.subarray(start, end)]);
      pending = [];
      pendingLength = 0;
      start = end + 1;
      yield line(bytes, true);
    }
    if (start < chunk.length) {
      pendingLength += chunk.length - start;
      if (pendingLength > limits.maxLineBytes) throw tooLong();
      pending.push(chunk.subarray(start));
    }
  }
  if (pendingLength > 0) yield line(Buffer.concat(pending), false);
}
