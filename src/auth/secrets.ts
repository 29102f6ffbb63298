import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * A secret from the environment, or else one generated once and kept in the data directory (mode 0600).
 * Several replicas must share the environment variable: a generated file is per machine.
 */
export async function loadSecret(dataDir: string, file: string, fromEnv: string | undefined): Promise<{ value: string; generated: boolean }> {
  if (fromEnv) return { value: fromEnv, generated: false };
  const where = path.join(dataDir, file);
  const existing = await fs.readFile(where, 'utf8').catch(() => undefined);
  if (existing?.trim()) return { value: existing.trim(), generated: false };
  await fs.mkdir(dataDir, { recursive: true });
  const value = randomBytes(32).toString('base64url');
  try {
    await fs.writeFile(where, `${value}\n`, { mode: 0o600, flag: 'wx' });
  } catch {
    // Another process wrote it first: use theirs.
    return { value: (await fs.readFile(where, 'utf8')).trim(), generated: false };
  }
  return { value, generated: true };
}

/** Compare a presented secret with the expected one in constant time (digests first, so lengths leak nothing). */
export function secretsMatch(expected: string, presented: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

/** The credential of an `Authorization: Bearer <token>` header, or '' for anything else. */
export function bearerToken(header: string | undefined): string {
  return header?.startsWith('Bearer ') ? header.slice(7) : '';
}
