import { secretsMatch } from '../../auth/secrets.js';
import { refusal, TenantryError } from '../../errors.js';
import type { AddressBuckets } from '../rate-limit.js';

/**
 * Limits on what one client address may cost before it holds a credential (src/api/rate-limit.ts
 * AddressBuckets): one budget of failed authentications per address, shared by the data plane and the
 * control plane, and a budget of control-plane requests. Keyed by `request.ip`: behind a proxy that is
 * the proxy's address unless Fastify's `trustProxy` is set for it.
 */
/** What the limits read of a request, in any framework: its client address and URL. */
export interface AddressedRequest {
  readonly ip: string;
  readonly url: string;
}

/** Where a refusal sets its Retry-After header (Fastify's reply; tenantry/express adapts a response). */
export interface HeaderSink {
  header(name: string, value: string | number): unknown;
}

export interface AddressLimits {
  authFailures: AddressBuckets;
  controlRequests: AddressBuckets;
  /** Told of each failed authentication and its plane (the platform audit trail counts them). */
  onFailure?: (request: AddressedRequest, plane: Plane) => void;
}

/** Failed authentications per address and minute, and control-plane requests per address and minute. */
export const ADDRESS_LIMIT_DEFAULTS = { authFailuresPerMinute: 100, controlRequestsPerMinute: 1_200 } as const;

function refuse(reply: HeaderSink, retryAfter: number, message: string): never {
  reply.header('Retry-After', retryAfter);
  throw refusal('rate_limited', message);
}

/**
 * Called before a credential is looked at: an address that has spent its budget of failed
 * authentications gets 429 at once — no key lookup, no JWT verification, no catalog query — even with
 * a valid credential, until the bucket refills (API.md: 429 carries Retry-After).
 */
export function refuseFloodingAddress(limits: AddressLimits, request: AddressedRequest, reply: HeaderSink): void {
  const budget = limits.authFailures.peek(request.ip);
  if (!budget.allowed) {
    refuse(reply, budget.retryAfter, `too many failed authentications from this address (${budget.limit} per minute); retry in ${budget.retryAfter} s`);
  }
}

/** Which credential failed: a tenant's (data plane) or the platform admin token (control plane, /metrics). */
export type Plane = 'control' | 'data';

/** Count one failed authentication against the request's address. */
export function countFailedAuthentication(limits: AddressLimits, request: AddressedRequest, plane: Plane): void {
  limits.authFailures.take(request.ip);
  limits.onFailure?.(request, plane);
}

/** Admit one control-plane request from the request's address, or refuse it with 429. */
export function admitControlRequest(limits: AddressLimits, request: AddressedRequest, reply: HeaderSink): void {
  const admitted = limits.controlRequests.take(request.ip);
  if (!admitted.allowed) {
    refuse(
      reply,
      admitted.retryAfter,
      `control-plane request limit of ${admitted.limit} per minute for this address reached; retry in ${admitted.retryAfter} s`,
    );
  }
}

/** The platform admin token, and during a rotation the one before it (TENANTRY_ADMIN_TOKEN_PREVIOUS). */
export interface AdminTokens {
  current: string;
  previous?: string;
}

/**
 * The platform admin check of a Bearer `token` (the control plane, and /metrics when a token is sent).
 * The current and the previous token are both compared whatever the first gave, so the time taken says
 * nothing about which matched; the right one costs no query and is served even from an address that
 * has spent its failed-authentication budget. Anything else (no token included) is refused 429 from
 * such an address, else counted against it and answered 401 with `detail`.
 */
export function requireAdminToken(
  limits: AddressLimits,
  request: AddressedRequest,
  reply: HeaderSink,
  token: string,
  tokens: AdminTokens,
  detail: string,
): void {
  const current = token !== '' && secretsMatch(tokens.current, token);
  const previous = token !== '' && tokens.previous !== undefined && secretsMatch(tokens.previous, token);
  if (current || previous) return;
  refuseFloodingAddress(limits, request, reply);
  countFailedAuthentication(limits, request, 'control');
  reply.header('WWW-Authenticate', 'Bearer');
  throw new TenantryError('unauthorized', detail);
}
