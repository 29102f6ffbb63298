import { createHash } from 'node:crypto';
import { TenantNotFoundError, TenantSuspendedError, TenantryError, ValidationError } from '../errors.js';
import { readingAs } from '../audit/context.js';
import { auditIfWritten } from '../audit/tenant-audit.js';
import type { ModelsService } from '../ml/models.js';
import { parseFilter } from '../records/query.js';
import type { RecordsService, ScopeRunner } from '../records/records.js';
import { SandboxError, type Sandbox } from '../sandbox/sandbox.js';
import type { TenantScope } from '../storage/scope.js';
import type { StepDefinition } from './definition.js';
import { EgressError, checkUrl, egressRequest, refusedHeader } from './egress.js';

/**
 * What each step kind does (API.md "Workflow step parameters"). A handler gets the step's parameters
 * with every `{"$expr": …}` already evaluated against `{input, steps}`, and runs inside the tenant's
 * scope only. It returns the step's output, an effect to commit together with the step's completion
 * (records.write: written once even if the worker dies right after), or a time to be woken at (delay).
 */
export type StepOutcome = { output: unknown } | { effect: (scope: TenantScope) => Promise<unknown> } | { sleepUntil: Date };

export interface StepContext {
  tenantId: string;
  workflow: string;
  runId: string;
  step: StepDefinition;
  /** Evaluated `with`. */
  params: Record<string, unknown>;
  /** `{input, steps}`: what expressions see. */
  data: { input: unknown; steps: Record<string, unknown> };
  /** Evaluate a JSONata expression against `data`, in the sandbox, within the step's limits. */
  evaluate: (expression: string, where: string) => Promise<unknown>;
  /** Set when a delay step was put to sleep earlier in this attempt. */
  wakeAt: Date | null;
  signal: AbortSignal;
  /** Milliseconds left before the step's timeout. */
  remainingMs: () => number;
}

export interface StepServices {
  scopes: ScopeRunner;
  records: RecordsService;
  models: ModelsService;
  /** Hosts `http.request` may reach even on private addresses (TENANTRY_EGRESS_ALLOW). */
  egressAllow: readonly string[];
  /** Where JSONata expressions run: off the event loop, with a heap limit and a deadline. */
  sandbox: Sandbox;
}

/** A step failure that no retry can fix (bad parameters): the step fails at once. */
export class PermanentStepError extends Error {}

const isExpr = (v: unknown): v is { $expr: string } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { $expr?: unknown }).$expr === 'string';

/**
 * An evaluator of JSONata expressions for one step attempt: each runs in the sandbox against the
 * run's data (`{input, steps}`, serialised once), within `timeoutMs()`. An expression that fails —
 * its own error, or a limit it hit (time, memory, result size) — fails the step for good: it would do
 * the same on every retry, and no attempt can take the process down with it.
 */
export function expressionEvaluator(
  sandbox: Sandbox,
  tenantId: string,
  data: unknown,
  timeoutMs: () => number,
): (expression: string, where: string) => Promise<unknown> {
  let json: string | undefined;
  return async (expression, where) => {
    const constant = literalValue(expression);
    if (constant !== NOT_LITERAL) return constant;
    json ??= JSON.stringify(data);
    try {
      return await sandbox.evaluate(tenantId, expression, json, Math.max(1, timeoutMs()));
    } catch (error) {
      if (error instanceof SandboxError) throw new PermanentStepError(`${where}: JSONata: ${error.message}`);
      throw error;
    }
  };
}

const NOT_LITERAL = Symbol('not a literal');

/**
 * The value of an expression that is a single JSON literal — a string, a finite number, `true`,
 * `false` or `null` — which JSONata evaluates to that same value; else NOT_LITERAL. Such an expression
 * reads no data and cannot loop or allocate beyond its own text, so it needs no sandbox: a constant
 * step (a no-op, a fixed parameter) costs no round trip to an evaluator process.
 */
export function literalValue(expression: string): unknown {
  const text = expression.trim();
  if (text === '' || text.length > 1024 || !/^(?:"|-?[0-9]|true$|false$|null$)/.test(text)) return NOT_LITERAL;
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  } catch {
    // not JSON: JSONata decides
  }
  return NOT_LITERAL;
}

/** Replace every `{"$expr": …}` inside `value` with its result. */
export async function resolveParams(value: unknown, evaluate: (expression: string, where: string) => Promise<unknown>, where = 'with'): Promise<unknown> {
  if (isExpr(value)) return evaluate(value.$expr, where);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const [i, v] of value.entries()) out.push(await resolveParams(v, evaluate, `${where}[${i}]`));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await resolveParams(v, evaluate, `${where}.${k}`);
    return out;
  }
  return value;
}

/**
 * A 4xx from the platform no retry can fix — unlike a 429 (a rate or a share, full for now), and
 * unlike the tenant being suspended or deleted meanwhile, which the engine handles itself (the step
 * waits for the tenant to be resumed, or goes with it).
 */
function refusedForGood(error: unknown): error is TenantryError {
  if (!(error instanceof TenantryError) || error instanceof TenantSuspendedError || error instanceof TenantNotFoundError) return false;
  return error.status < 500 && error.code !== 'rate_limited';
}

/** A request for records no retry can fix: invalid (schema, filter, sort) or naming a collection that does not exist. */
function badRecordsRequest(error: unknown): error is TenantryError {
  return error instanceof ValidationError || (error instanceof TenantryError && error.code === 'not_found');
}

/** A UUID fixed by its inputs: the records a step writes get the same ids on every attempt. */
export function derivedId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\0')).digest('hex');
  // Version 8 (custom) and the RFC 9562 variant bits.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function want<T>(cond: boolean, value: unknown, message: string): T {
  if (!cond) throw new PermanentStepError(message);
  return value as T;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

export async function runStep(ctx: StepContext, services: StepServices): Promise<StepOutcome> {
  const p = ctx.params;
  switch (ctx.step.kind) {
    case 'transform': {
      const text = ctx.step.with?.expression as string;
      const value = await ctx.evaluate(text, 'with.expression');
      return { output: value ?? null };
    }
    case 'delay': {
      const ms = want<number>(typeof p.ms === 'number' && p.ms >= 0, p.ms, 'with.ms must be a number of milliseconds >= 0');
      if (ctx.wakeAt === null) return { sleepUntil: new Date(Date.now() + ms) };
      if (ctx.wakeAt.getTime() > Date.now()) return { sleepUntil: ctx.wakeAt }; // woken early (a lost lease)
      return { output: { waitedMs: ms } };
    }
    case 'records.query': {
      const collection = want<string>(typeof p.collection === 'string', p.collection, 'with.collection must be a string');
      const limit =
        p.limit === undefined
          ? 100
          : want<number>(Number.isInteger(p.limit) && (p.limit as number) >= 1 && (p.limit as number) <= 1000, p.limit, 'with.limit must be 1-1000');
      const sort = p.sort === undefined ? undefined : want<string>(typeof p.sort === 'string', p.sort, 'with.sort must be a string');
      try {
        const filter = p.filter === undefined || p.filter === null ? undefined : parseFilter(p.filter);
        // Given the tenant, not a scope: encrypted fields are opened after the scope, where keys can be looked up.
        // Its reads of encrypted fields are audited as the step's.
        const page = await readingAs(`workflow:${ctx.workflow}/run/${ctx.runId}/step/${ctx.step.id}`, () =>
          services.records.queryRecords(ctx.tenantId, collection, { filter, sort, limit }),
        );
        return { output: { items: page.items, count: page.items.length, more: page.next !== null } };
      } catch (error) {
        if (badRecordsRequest(error)) throw new PermanentStepError(error.message);
        throw error;
      }
    }
    case 'records.write': {
      const collection = want<string>(typeof p.collection === 'string', p.collection, 'with.collection must be a string');
      const records = want<Array<Record<string, unknown>>>(Array.isArray(p.records), p.records, 'with.records must be an array of objects');
      const key = p.key === undefined ? undefined : want<string>(typeof p.key === 'string', p.key, 'with.key must be a string');
      const ids = records.map((_, i) => derivedId(ctx.tenantId, ctx.runId, ctx.step.id, String(i)));
      let checked;
      try {
        // Checked before the step's completion scope opens: a sandboxed check never holds a connection.
        checked = await services.records.prepareWrite(services.scopes, ctx.tenantId, collection, records);
      } catch (error) {
        if (badRecordsRequest(error)) throw new PermanentStepError(error.message);
        throw error;
      }
      return {
        effect: async (scope) => {
          // Audited like a request's write: the entry commits with the records and the step's completion.
          auditIfWritten(scope, {
            actor: `workflow:${ctx.workflow}/run/${ctx.runId}/step/${ctx.step.id}`,
            action: 'records.write',
            target: `/v1/collections/${collection}/records`,
            requestId: null,
            outcome: 'success',
            detail: { records: records.length },
          });
          try {
            return await services.records.writeIdempotent(scope, collection, records, { ids, key, checked });
          } catch (error) {
            if (badRecordsRequest(error)) throw new PermanentStepError(error.message);
            throw error;
          }
        },
      };
    }
    case 'ml.train': {
      const model = want<string>(typeof p.model === 'string', p.model, 'with.model must be a string');
      let version: number;
      try {
        version = (await services.models.train(ctx.tenantId, model)).version;
      } catch (error) {
        if (refusedForGood(error)) throw new PermanentStepError(error.message);
        throw error;
      }
      // Training runs in the service's worker threads; wait for this version to settle.
      for (;;) {
        const view = await services.scopes(ctx.tenantId, (scope) => services.models.get(scope, model));
        const v = view.versions.find((x) => x.version === version);
        if (v?.status === 'ready') return { output: { model, version, metrics: v.metrics } };
        if (v?.status === 'failed' || !v) throw new PermanentStepError(`training ${model} version ${version} failed: ${v?.error ?? 'version vanished'}`);
        await sleep(Math.min(250, Math.max(1, ctx.remainingMs())), ctx.signal);
      }
    }
    case 'ml.predict': {
      const model = want<string>(typeof p.model === 'string', p.model, 'with.model must be a string');
      const inputs = want<Array<Record<string, unknown>>>(Array.isArray(p.inputs), p.inputs, 'with.inputs must be an array of objects');
      try {
        return { output: await services.models.predict(ctx.tenantId, model, inputs) };
      } catch (error) {
        if (refusedForGood(error)) throw new PermanentStepError(error.message);
        throw error;
      }
    }
    case 'http.request': {
      const url = want<string>(typeof p.url === 'string', p.url, 'with.url must be a string');
      const headers =
        p.headers === undefined
          ? undefined
          : want<Record<string, string>>(
              typeof p.headers === 'object' && p.headers !== null && !Array.isArray(p.headers),
              p.headers,
              'with.headers must be an object',
            );
      for (const name of Object.keys(headers ?? {})) {
        const why = refusedHeader(name);
        if (why) throw new PermanentStepError(`with.headers.${name}: ${why}`);
      }
      let response;
      try {
        // A call gets at most a minute; past the step's own deadline the step's timeout (which fires
        // first, hence the margin) reports it, and its abort closes the connection at once.
        checkUrl(url, services.egressAllow);
        response = await egressRequest(
          {
            url,
            method: p.method as string | undefined,
            headers,
            body: p.body,
            timeoutMs: Math.max(1, Math.min(ctx.remainingMs() + 100, 60_000)),
            signal: ctx.signal,
          },
          services.egressAllow,
        );
      } catch (error) {
        // A refused address or a malformed request stays refused: no retry.
        if (error instanceof EgressError && !error.retryable) throw new PermanentStepError(error.message);
        throw error;
      }
      if (response.status >= 400) throw new Error(`${(p.method as string | undefined) ?? 'GET'} ${url} answered ${response.status}`);
      return { output: { status: response.status, body: response.body } };
    }
  }
}
