import { createHmac, timingSafeEqual } from 'node:crypto';
import { TenantryError } from '../errors.js';

/**
 * Opaque list cursors: base64url JSON plus an HMAC over it and what it is bound to (resource, tenant,
 * filter, sort), so a tampered cursor or one from another list is refused with 400 invalid_cursor.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  #mac(binding: string, body: string): Buffer {
    return createHmac('sha256', this.secret).update(binding).update('\0').update(body).digest();
  }

  encode(binding: string, position: unknown): string {
    const body = Buffer.from(JSON.stringify(position)).toString('base64url');
    return `${body}.${this.#mac(binding, body).toString('base64url')}`;
  }

  decode<T>(binding: string, cursor: string): T {
    const [body, mac, extra] = cursor.split('.');
    const given = Buffer.from(mac ?? '', 'base64url');
    const expected = this.#mac(binding, body ?? '');
    if (!body || extra !== undefined || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new TenantryError('invalid_cursor', 'the cursor is malformed, tampered with, or belongs to another list');
    }
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
  }
}
