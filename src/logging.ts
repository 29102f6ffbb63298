/**
 * The one logger of every Tenantry process (`serve`, `worker`): pino, one JSON object per line in
 * production, and pino-pretty's coloured lines when the output is a terminal (a developer's shell).
 * Secrets are redacted by path (credential headers, fields named like secrets) and out of URLs
 * (passwords in `postgres://user:password@…`, token-like query parameters) wherever a line carries one.
 */
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { LogFormat } from './config.js';
import type { ServiceLog } from './services.js';

export type { Logger } from 'pino';

/**
 * Paths pino replaces with `[Redacted]`: the credentials a request carries, and any field named like
 * a secret one level down (a config object, an error's details). Request headers are not logged by
 * default (see `requestSerializer`); these hold should a line carry them anyway.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  'token',
  'adminToken',
  'cursorSecret',
  '*.password',
  '*.token',
  '*.adminToken',
  '*.cursorSecret',
  '*.secret',
  '*.apiKey',
  '*.key',
  'jwt.secret',
  'config.jwt.secret',
];

const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+@/gi;
const SECRET_PARAMS = /([?&](?:access_token|token|api_key|apikey|key|password|secret|sig|signature)=)[^&#\s"]*/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;

/** `text` with passwords in URLs, token-like query parameters and bearer credentials replaced by `[Redacted]`. */
export function redactSecrets(text: string): string {
  if (!text.includes('://') && !text.includes('=') && !text.includes('Bearer')) return text;
  return text.replace(URL_PASSWORD, '$1[Redacted]@').replace(SECRET_PARAMS, '$1[Redacted]').replace(BEARER, '$1[Redacted]');
}

interface SerializableRequest {
  id?: string;
  method?: string;
  url?: string;
  ip?: string;
  host?: string;
}

/** What a request line says of the request: no headers (credentials), the URL with secrets redacted. */
function requestSerializer(req: SerializableRequest): Record<string, unknown> {
  return { method: req.method, url: redactSecrets(req.url ?? ''), remoteAddress: req.ip };
}

function errorSerializer(err: unknown): unknown {
  const serialized = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (serialized && typeof serialized === 'object') {
    if (typeof serialized.message === 'string') serialized.message = redactSecrets(serialized.message);
    if (typeof serialized.stack === 'string') serialized.stack = redactSecrets(serialized.stack);
  }
  return serialized;
}

export interface CreateLoggerOptions {
  level?: string;
  format?: LogFormat;
  /** Where lines go (tests); stdout by default. */
  stream?: DestinationStream & { isTTY?: boolean };
  /** Fields on every line (e.g. `{ process: 'worker' }`). */
  base?: Record<string, unknown>;
}

/** pino-pretty's stream, if the package is installed (it is a dependency, but a slimmed image may drop it). */
function prettyStream(): DestinationStream | undefined {
  try {
    const require = createRequire(import.meta.url);
    const pretty = require('pino-pretty') as (options: Record<string, unknown>) => DestinationStream;
    // In the main thread and synchronous: lines are never lost at exit, and no worker thread is started.
    return pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch {
    return undefined;
  }
}

export function loggerOptions(level = 'info', base?: Record<string, unknown>): LoggerOptions {
  return {
    level,
    base: base ?? undefined,
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    serializers: { req: requestSerializer, err: errorSerializer },
    hooks: {
      // A message string with a URL or a credential in it (a driver's error text) is cleaned too.
      logMethod(args, method) {
        for (let i = 0; i < args.length; i++) if (typeof args[i] === 'string') args[i] = redactSecrets(args[i] as string);
        method.apply(this, args as Parameters<typeof method>);
      },
    },
  };
}

/** The process's logger: JSON lines, or pretty ones on a terminal (format `auto`), secrets redacted. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const { level = 'info', format = 'auto', base } = options;
  const stream = options.stream ?? process.stdout;
  const pretty = format === 'pretty' || (format === 'auto' && Boolean((stream as { isTTY?: boolean }).isTTY));
  const destination = (pretty && !options.stream ? prettyStream() : undefined) ?? options.stream ?? pino.destination({ dest: 1, sync: true });
  return pino(loggerOptions(level, { pid: process.pid, hostname: hostname(), ...base }), destination);
}

/** A ServiceLog (level, message, fields) over a pino logger. */
export function serviceLog(logger: Logger): ServiceLog {
  return (level, msg, fields) => logger[level](fields ?? {}, msg);
}
