import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';

/**
 * Outbound HTTP for workflow `http.request` steps, guarded against server-side request forgery:
 * loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast and reserved addresses
 * are refused unless the host is in the allowlist (TENANTRY_EGRESS_ALLOW). The check runs on the
 * address the connection actually uses — inside the socket's DNS lookup — so a name that resolves to a
 * private address, or re-resolves to one after a first harmless answer (DNS rebinding), is refused too.
 */
export class EgressError extends Error {
  /**
   * Another attempt may succeed: the exchange timed out, the answer was too large this time, or the
   * network failed on the way. Everything else — a refused address, a malformed URL, method or header
   * — would be refused again, and so would a connection the server refused (ECONNREFUSED), which has
   * always counted as permanent here.
   */
  readonly retryable: boolean;

  constructor(message: string, options: { retryable?: boolean } = {}) {
    super(message);
    this.name = 'EgressError';
    this.retryable = options.retryable ?? false;
  }
}

/** A socket error of Node's (`code` is its errno name; an AggregateError of several addresses carries the first one's). */
const refusedConnection = (error: Error) => (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';

const DENIED = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  DENIED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
] as const) {
  DENIED.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::/96) IPv6 address. */
function embeddedIPv4(address: string): string | undefined {
  const match = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return undefined;
  if (match[1]) return match[1];
  const hi = parseInt(match[2]!, 16);
  const lo = parseInt(match[3]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why `address` may not be reached, or undefined when it may. */
export function deniedAddress(address: string): string | undefined {
  const family = net.isIP(address);
  if (family === 0) return `'${address}' is not an IP address`;
  const v4 = family === 4 ? address : embeddedIPv4(address);
  if (v4 !== undefined ? DENIED.check(v4, 'ipv4') : DENIED.check(address, 'ipv6')) {
    return `${address} is a loopback, private, link-local or reserved address`;
  }
  return undefined;
}

export interface EgressRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** The whole exchange, connection to last byte, must be over within this (default 10 s). */
  timeoutMs?: number;
  /** Response bodies larger than this are cut off with an error (default 1 MiB). */
  maxBytes?: number;
  /** Aborting it destroys the request and its socket at once (a step that timed out or was stopped). */
  signal?: AbortSignal;
}

export interface EgressResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the response says it is JSON, else text. */
  body: unknown;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Why a header may not be sent, or undefined when it may. `Host` is the URL's: a tenant's own Host
 * would reach name-based virtual hosts behind the checked address (an internal service on a shared
 * ingress or load balancer) that the URL, and so the guard, never named.
 */
export function refusedHeader(name: string): string | undefined {
  return name.trim().toLowerCase() === 'host' ? `the ${name} header may not be set: the host is the URL's` : undefined;
}

/** Check a URL before any connection: scheme, credentials, method, and the host when it is a literal IP. */
export function checkUrl(raw: string, allow: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EgressError(`'${raw}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new EgressError(`only http and https URLs may be requested, not ${url.protocol}`);
  if (url.username || url.password) throw new EgressError('URLs with credentials are refused; send an Authorization header instead');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (!allowed(host, allow) && net.isIP(host)) {
    const why = deniedAddress(host);
    if (why) throw new EgressError(`refused: ${why} (allow it with TENANTRY_EGRESS_ALLOW)`);
  }
  return url;
}

function allowed(host: string, allow: readonly string[]): boolean {
  return allow.some((a) => a.toLowerCase() === host);
}

/** A DNS lookup that refuses answers pointing where egress may not go (unless the host is allowed). */
function guardedLookup(allow: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as dns.LookupAddress[];
      if (!allowed(hostname.toLowerCase(), allow)) {
        for (const { address } of list) {
          const why = deniedAddress(address);
          if (why) return callback(new EgressError(`refused: ${hostname} resolves to ${why} (allow it with TENANTRY_EGRESS_ALLOW)`), '', 0);
        }
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(new EgressError(`${hostname} has no address`), '', 0);
      return callback(null, first.address, first.family);
    });
  };
}

/** Send one request through the guard. Errors (refusal, timeout, size) are EgressErrors with a reason. */
export async function egressRequest(request: EgressRequest, allow: readonly string[] = []): Promise<EgressResponse> {
  const url = checkUrl(request.url, allow);
  const method = (request.method ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) throw new EgressError(`method '${request.method}' is not one of ${[...METHODS].join(', ')}`);
  const maxBytes = request.maxBytes ?? 1024 * 1024;
  const headers: Record<string, string> = { ...request.headers };
  for (const name of Object.keys(headers)) {
    const why = refusedHeader(name);
    if (why) throw new EgressError(why);
  }
  let payload: Buffer | undefined;
  if (request.body !== undefined) {
    payload = Buffer.from(typeof request.body === 'string' ? request.body : JSON.stringify(request.body));
    if (typeof request.body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  const transport = url.protocol === 'https:' ? https : http;
  const timeoutMs = request.timeoutMs ?? 10_000;
  const { signal } = request;
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    let req: http.ClientRequest;
    // One deadline for the whole exchange: the socket's idle timeout alone would let a server that
    // trickles its answer a byte at a time hold the connection for ever.
    const tooSlow = () => new EgressError(`no response within ${timeoutMs} ms`, { retryable: true });
    const deadline = setTimeout(() => req.destroy(tooSlow()), timeoutMs);
    const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new EgressError('request aborted'));
    const settle = () => {
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
    };
    try {
      req = transport.request(url, { method, headers, lookup: guardedLookup(allow), timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy(new EgressError(`response larger than ${maxBytes} bytes`, { retryable: true }));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          settle();
          const text = Buffer.concat(chunks).toString('utf8');
          const type = String(res.headers['content-type'] ?? '');
          let body: unknown = text;
          if (/\bjson\b/i.test(type)) {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          const flat = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
          resolve({ status: res.statusCode ?? 0, headers: flat, body });
        });
        res.on('error', reject);
      });
    } catch (error) {
      // Node refuses a malformed header name or value before anything is sent: no retry will fix it.
      settle();
      reject(new EgressError(`invalid request: ${(error as Error).message}`));
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('timeout', () => req.destroy(tooSlow()));
    req.on('error', (error) => {
      settle();
      if (error instanceof EgressError || error === signal?.reason) return reject(error);
      reject(new EgressError(`request failed: ${error.message}`, { retryable: !refusedConnection(error) }));
    });
    req.on('close', settle);
    req.end(payload);
  });
}
