import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/** PostgreSQL's own default (scram_iterations). */
export const SCRAM_ITERATIONS = 4096;

/**
 * A SCRAM-SHA-256 verifier for `password` (RFC 5802 and RFC 7677), in the form PostgreSQL stores in
 * pg_authid and accepts in `ALTER ROLE … PASSWORD`: `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`.
 * Sending it instead of the password keeps the password out of the statement — and so out of
 * server logs (log_statement, a failed statement's error line, pg_stat_statements) — while the role
 * logs in with the password as before. The passwords here are ASCII (base64url), which SASLprep leaves
 * as they are.
 */
export function scramVerifier(password: string, options: { salt?: Buffer; iterations?: number } = {}): string {
  const salt = options.salt ?? randomBytes(16);
  const iterations = options.iterations ?? SCRAM_ITERATIONS;
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
