import { refusal } from '../../errors.js';
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
  /** Told of each failed authentication (the platform audit trail counts them). */
  onFailure?: (request: AddressedRequest) => void;
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

/** Count one failed authentication against the request's address. */
export function countFailedAuthentication(limits: AddressLimits, request: AddressedRequest): void {
  limits.authFailures.take(request.ip);
  limits.onFailure?.(request);
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
