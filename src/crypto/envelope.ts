import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

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

export function seal(key: Buffer, plaintext: Buffer, aad: Buffer, prefix?: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(prefix ? Buffer.concat([prefix, aad]) : aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat(prefix ? [prefix, iv, body, cipher.getAuthTag()] : [iv, body, cipher.getAuthTag()]);
}

export function open(key: Buffer, sealed: Buffer, aad: Buffer, prefixBytes = 0): Buffer {
  if (sealed.length < prefixBytes + IV_BYTES + TAG_BYTES) throw new EnvelopeError('too short to be an envelope');
  const prefix = sealed.subarray(0, prefixBytes);
  const iv = sealed.subarray(prefixBytes, prefixBytes + IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(prefixBytes > 0 ? Buffer.concat([prefix, aad]) : aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(prefixBytes + IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new EnvelopeError('authentication failed');
  }
}

/** A field envelope: header (format, key version) ‖ IV ‖ ciphertext ‖ tag, as base64 text. */
export function sealField(key: Buffer, version: number, plaintext: Buffer, aad: Buffer): string {
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

export function openField(key: Buffer, envelope: string, aad: Buffer): Buffer {
  return open(key, Buffer.from(envelope, 'base64'), aad, HEADER_BYTES);
}
