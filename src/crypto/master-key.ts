import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ValidationError } from '../errors.js';

/** A master key: 32 bytes, and its id (stored beside every data key it wraps, so rotation knows which wrapped what). */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/**
 * The master keys this process holds: `current` wraps every new data key; `previous` (during a master
 * rotation, TENANTRY_MASTER_KEY_PREVIOUS) only unwraps what it wrapped until `tenantry keys rotate-master`
 * has re-wrapped it under `current`.
 */
export interface MasterKeys {
  current: MasterKey;
  previous?: MasterKey;
}

/** Where the master key settings come from (TenantryConfig). */
export interface MasterKeySettings {
  dataDir: string;
  masterKey?: string;
  masterKeyFile?: string;
  masterKeyPrevious?: string;
  masterKeyPreviousFile?: string;
}

export const MASTER_KEY_FILE = 'master-key';

/**
 * A master key's id: the first 64 bits of HMAC-SHA-256 under the key itself. It names the key without
 * revealing anything usable about it, and is the same in every process that holds the key.
 */
export function masterKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('tenantry master key id').digest('hex').slice(0, 16);
}

/** A master key in base64 (standard or url-safe): exactly 32 bytes, or a ValidationError naming `source`. */
export function parseMasterKey(text: string, source: string): MasterKey {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed))
    throw new ValidationError(`${source} is not base64 (expected 32 random bytes, e.g. \`openssl rand -base64 32\`)`);
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== 32) throw new ValidationError(`${source} must be 32 bytes in base64 (AES-256), got ${key.length} bytes`);
  return { id: masterKeyId(key), key };
}

async function readKeyFile(file: string, variable: string): Promise<MasterKey> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new ValidationError(`${variable}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseMasterKey(text, `${variable} (${file})`);
}

async function fromSettings(value: string | undefined, file: string | undefined, variable: string): Promise<MasterKey | undefined> {
  if (value && file) throw new ValidationError(`set ${variable} or ${variable}_FILE, not both`);
  if (value) return parseMasterKey(value, variable);
  if (file) return readKeyFile(file, `${variable}_FILE`);
  return undefined;
}

/**
 * The master keys from the settings. Without TENANTRY_MASTER_KEY(_FILE), one is generated once into
 * the data directory (mode 0600) and `announce` hears where — like the admin token, a per-machine file:
 * replicas must share a configured key.
 */
export async function loadMasterKeys(settings: MasterKeySettings, announce: (file: string) => void = defaultAnnounce): Promise<MasterKeys> {
  const previous = await fromSettings(settings.masterKeyPrevious, settings.masterKeyPreviousFile, 'TENANTRY_MASTER_KEY_PREVIOUS');
  let current = await fromSettings(settings.masterKey, settings.masterKeyFile, 'TENANTRY_MASTER_KEY');
  if (!current) {
    const where = path.join(settings.dataDir, MASTER_KEY_FILE);
    const existing = await fs.readFile(where, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new ValidationError(`cannot read the generated master key ${where}: ${error.code ?? error.message}`);
    });
    if (existing !== undefined) current = parseMasterKey(existing, where);
    else {
      await fs.mkdir(settings.dataDir, { recursive: true });
      const text = randomBytes(32).toString('base64');
      try {
        await fs.writeFile(where, `${text}\n`, { mode: 0o600, flag: 'wx' });
        announce(where);
      } catch {
        // Another process wrote it first: use theirs.
      }
      current = parseMasterKey(await fs.readFile(where, 'utf8'), where);
    }
  }
  if (previous && previous.id === current.id) return { current };
  return previous ? { current, previous } : { current };
}

function defaultAnnounce(file: string): void {
  process.stderr.write(
    `tenantry: generated the master key (wraps every tenant's data key) into ${file} (mode 0600); ` +
      'back it up — without it encrypted fields cannot be read — or set TENANTRY_MASTER_KEY\n',
  );
}
