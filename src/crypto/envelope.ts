import { createCipheriv, createDecipheriv, randomFillSync, type KeyObject } from 'node:crypto';

/**
 * AES-256-GCM with a 12-byte random IV and a 16-byte tag, and the two byte layouts built on it: a
 * wrapped data key (IV ‖ ciphertext ‖ tag), and a field envelope, which adds a header — format byte 1
 * and the key version as a 32-bit big-endian number — that is authenticated with the caller's AAD.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 1;
const HEADER_BYTES = 5;

/** Authentication failed: wrong key, altered bytes, or bytes moved from where they were bound. */
export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

/** A key as given (32 bytes) or prepared once (a KeyObject: cheaper per operation, as the data keys are kept). */
export type AesKey = Buffer | KeyObject;

/**
 * Random IVs drawn from a pool filled 4 KiB at a time (what Node does for randomUUID): one call into
 * the CSPRNG per 341 IVs instead of one per IV. Each IV is still 96 random bits, used once.
 */
const IV_POOL = Buffer.alloc(IV_BYTES * 341);
let ivAt = IV_POOL.length;

function nextIv(into: Buffer, at: number): void {
  if (ivAt + IV_BYTES > IV_POOL.length) {
    randomFillSync(IV_POOL);
    ivAt = 0;
  }
  IV_POOL.copy(into, at, ivAt, ivAt + IV_BYTES);
  IV_POOL.fill(0, ivAt, ivAt + IV_BYTES);
  ivAt += IV_BYTES;
}

/** `prefix` ‖ IV ‖ ciphertext ‖ tag in one buffer, the prefix authenticated before `aad`. */
export function seal(key: AesKey, plaintext: Buffer, aad: Buffer, prefix?: Buffer): Buffer {
  const p = prefix?.length ?? 0;
  const out = Buffer.allocUnsafe(p + IV_BYTES + plaintext.length + TAG_BYTES);
  if (prefix) prefix.copy(out, 0);
  nextIv(out, p);
  const cipher = createCipheriv('aes-256-gcm', key, out.subarray(p, p + IV_BYTES));
  cipher.setAAD(prefix ? Buffer.concat([prefix, aad]) : aad);
  const body = cipher.update(plaintext);
  body.copy(out, p + IV_BYTES);
  const rest = cipher.final();
  rest.copy(out, p + IV_BYTES + body.length);
  cipher.getAuthTag().copy(out, p + IV_BYTES + plaintext.length);
  return out;
}

export function open(key: AesKey, sealed: Buffer, aad: Buffer, prefixBytes = 0): Buffer {
  if (sealed.length < prefixBytes + IV_BYTES + TAG_BYTES) throw new EnvelopeError('too short to be an envelope');
  const prefix = sealed.subarray(0, prefixBytes);
  const iv = sealed.subarray(prefixBytes, prefixBytes + IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  return decrypt(key, iv, prefixBytes > 0 ? Buffer.concat([prefix, aad]) : aad, tag, sealed.subarray(prefixBytes + IV_BYTES, sealed.length - TAG_BYTES));
}

/** AES-256-GCM decryption of `ciphertext`, or EnvelopeError when the tag does not authenticate it with `aad`. */
function decrypt(key: AesKey, iv: Buffer, aad: Buffer, tag: Buffer, ciphertext: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    const body = decipher.update(ciphertext);
    const rest = decipher.final();
    return rest.length === 0 ? body : Buffer.concat([body, rest]);
  } catch {
    throw new EnvelopeError('authentication failed');
  }
}

/** A field envelope: header (format, key version) ‖ IV ‖ ciphertext ‖ tag, as base64 text. */
export function sealField(key: AesKey, version: number, plaintext: Buffer, aad: Buffer): string {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt8(FORMAT, 0);
  header.writeUInt32BE(version, 1);
  return seal(key, plaintext, aad, header).toString('base64');
}

/** The key version a field envelope names (throws EnvelopeError for anything that is not one). */
export function envelopeKeyVersion(envelope: unknown): number {
  if (typeof envelope !== 'string') throw new EnvelopeError('not an envelope');
  const head = Buffer.from(envelope.slice(0, 8), 'base64');
  if (head.length < HEADER_BYTES || head[0] !== FORMAT) throw new EnvelopeError('unknown envelope format');
  return head.readUInt32BE(1);
}

export function openField(key: AesKey, envelope: string | Buffer, aad: Buffer): Buffer {
  return open(key, typeof envelope === 'string' ? Buffer.from(envelope, 'base64') : envelope, aad, HEADER_BYTES);
}

/**
 * openField for the record codec's hot path: `bytes` as readEnvelope gave them, the AAD given as text
 * and written once, after the header, into one buffer (no per-record concatenation).
 */
export function openEnvelope(key: AesKey, bytes: Buffer, aadText: string): Buffer {
  if (bytes.length < HEADER_BYTES + IV_BYTES + TAG_BYTES) throw new EnvelopeError('too short to be an envelope');
  const aad = Buffer.allocUnsafe(HEADER_BYTES + Buffer.byteLength(aadText));
  bytes.copy(aad, 0, 0, HEADER_BYTES);
  aad.write(aadText, HEADER_BYTES);
  return decrypt(
    key,
    bytes.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES),
    aad,
    bytes.subarray(bytes.length - TAG_BYTES),
    bytes.subarray(HEADER_BYTES + IV_BYTES, bytes.length - TAG_BYTES),
  );
}

/** A field envelope's bytes and the key version its header names (throws EnvelopeError for anything else). */
export function readEnvelope(envelope: unknown): { bytes: Buffer; version: number } {
  if (typeof envelope !== 'string') throw new EnvelopeError('not an envelope');
  const bytes = Buffer.from(envelope, 'base64');
  if (bytes.length < HEADER_BYTES || bytes[0] !== FORMAT) throw new EnvelopeError('unknown envelope format');
  return { bytes, version: bytes.readUInt32BE(1) };
}
