import { Cron } from 'croner';
import jsonata from 'jsonata';
import { LRUCache } from 'lru-cache';
import { ValidationError } from '../errors.js';
import { refusedHeader } from './egress.js';

/**
 * Workflow definitions (API.md "Workflow step parameters"): a DAG of steps, each of a known kind,
 * with `needs` naming earlier steps, JSON parameters in `with` where `{"$expr": "…"}` is a JSONata
 * expression over `{input, steps}`, optional retry and timeout, and an optional cron schedule.
 * Everything is checked here before a definition is stored; each problem is a 400 naming where.
 */
export const STEP_KINDS = ['records.query', 'records.write', 'transform', 'ml.train', 'ml.predict', 'http.request', 'delay'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;
export const MAX_STEPS = 100;

export interface RetryPolicy {
  attempts: number;
  backoff?: { type: 'exponential' | 'fixed'; delayMs: number };
}

export interface StepDefinition {
  id: string;
  kind: StepKind;
  needs?: string[];
  with?: Record<string, unknown>;
  retry?: RetryPolicy;
  timeoutMs?: number;
}

export interface WorkflowDefinition {
  steps: StepDefinition[];
  schedule?: { cron: string; timezone?: string };
}

const isExpr = (v: unknown): v is { $expr: string } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { $expr?: unknown }).$expr === 'string';

/** Required and optional `with` keys per kind, and what each must be (when not an expression). */
const PARAMETERS: Record<StepKind, Record<string, { required: boolean; type: 'string' | 'number' | 'object' | 'array' | 'any' }>> = {
  'records.query': {
    collection: { required: true, type: 'string' },
    filter: { required: false, type: 'object' },
    sort: { required: false, type: 'string' },
    limit: { required: false, type: 'number' },
  },
  'records.write': { collection: { required: true, type: 'string' }, records: { required: true, type: 'array' }, key: { required: false, type: 'string' } },
  transform: { expression: { required: true, type: 'string' } },
  'ml.train': { model: { required: true, type: 'string' } },
  'ml.predict': { model: { required: true, type: 'string' }, inputs: { required: true, type: 'array' } },
  'http.request': {
    url: { required: true, type: 'string' },
    method: { required: false, type: 'string' },
    headers: { required: false, type: 'object' },
    body: { required: false, type: 'any' },
  },
  delay: { ms: { required: true, type: 'number' } },
};

function typeOf(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

/**
 * Longest JSONata expression, and most characters of expressions in one workflow: parsing them (on the
 * request thread, when the definition is stored) costs time linear in them.
 */
export const MAX_EXPRESSION_CHARS = 16_384;
export const MAX_WORKFLOW_EXPRESSION_CHARS = 65_536;

/** Characters of every JSONata expression in a step's `with` (`{"$expr"}` values, a transform's expression). */
function expressionChars(step: StepDefinition): number {
  let n = step.kind === 'transform' && typeof step.with?.expression === 'string' ? step.with.expression.length : 0;
  const stack: unknown[] = [step.with];
  while (stack.length > 0) {
    const value = stack.pop();
    if (isExpr(value)) n += value.$expr.length;
    else if (Array.isArray(value)) stack.push(...value);
    else if (value !== null && typeof value === 'object') stack.push(...Object.values(value));
  }
  return n;
}

/** Compile every `{"$expr": …}` inside a value, so a syntax error is a 400 now, not a failed run later. */
function checkExpressions(value: unknown, where: string): void {
  if (isExpr(value)) {
    if (value.$expr.length > MAX_EXPRESSION_CHARS) {
      throw new ValidationError(`${where}: a JSONata expression is at most ${MAX_EXPRESSION_CHARS} characters, this one ${value.$expr.length}`);
    }
    try {
      jsonata(value.$expr);
    } catch (error) {
      const e = error as { message: string; position?: number };
      throw new ValidationError(`${where}: JSONata error${e.position !== undefined ? ` at ${e.position}` : ''}: ${e.message}`);
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => checkExpressions(v, `${where}[${i}]`));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) checkExpressions(v, `${where}.${k}`);
}

/** A cycle among `needs`, as ids in order (first repeated at the end), or undefined. */
export function findCycle(steps: readonly StepDefinition[]): string[] | undefined {
  const needs = new Map(steps.map((s) => [s.id, s.needs ?? []]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const next of needs.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const s of steps) {
    const cycle = visit(s.id);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Every step that (transitively) needs `stepId`: skipped when it fails. */
export function dependentsOf(definition: WorkflowDefinition, stepId: string): string[] {
  const out = new Set<string>();
  const walk = (id: string) => {
    for (const s of definition.steps) {
      if (s.needs?.includes(id) && !out.has(s.id)) {
        out.add(s.id);
        walk(s.id);
      }
    }
  };
  walk(stepId);
  return [...out];
}

/** Validate a definition whose shape the route schema already checked; returns it unchanged. */
export function checkWorkflow(definition: WorkflowDefinition): WorkflowDefinition {
  const { steps } = definition;
  if (steps.length === 0) throw new ValidationError('a workflow needs at least one step');
  if (steps.length > MAX_STEPS) throw new ValidationError(`a workflow has at most ${MAX_STEPS} steps`);
  const ids = new Set<string>();
  steps.forEach((step, i) => {
    const at = `steps[${i}]`;
    if (!STEP_ID_PATTERN.test(step.id)) throw new ValidationError(`${at}.id '${step.id}' must match ${STEP_ID_PATTERN}`);
    if (ids.has(step.id)) throw new ValidationError(`${at}.id '${step.id}' is used by another step`);
    ids.add(step.id);
    if (!(STEP_KINDS as readonly string[]).includes(step.kind)) throw new ValidationError(`${at}.kind '${step.kind}' is not one of ${STEP_KINDS.join(', ')}`);
  });
  const chars = steps.reduce((n, step) => n + expressionChars(step), 0);
  if (chars > MAX_WORKFLOW_EXPRESSION_CHARS) {
    throw new ValidationError(`a workflow's JSONata expressions are at most ${MAX_WORKFLOW_EXPRESSION_CHARS} characters in all, this one's ${chars}`);
  }
  steps.forEach((step, i) => {
    const at = `steps[${i}]`;
    for (const need of step.needs ?? []) {
      if (need === step.id) throw new ValidationError(`${at} ('${step.id}') needs itself`);
      if (!ids.has(need)) throw new ValidationError(`${at} ('${step.id}') needs '${need}', which is not a step of this workflow`);
    }
    const params = PARAMETERS[step.kind];
    const given = step.with ?? {};
    for (const key of Object.keys(given)) {
      if (!params[key]) throw new ValidationError(`${at}.with.${key} is not a parameter of ${step.kind} (it takes ${Object.keys(params).join(', ')})`);
    }
    for (const [key, spec] of Object.entries(params)) {
      const value = given[key];
      if (value === undefined) {
        if (spec.required) throw new ValidationError(`${at}.with.${key} is required for ${step.kind}`);
        continue;
      }
      if (!isExpr(value) && spec.type !== 'any' && typeOf(value) !== spec.type) {
        throw new ValidationError(`${at}.with.${key} must be ${spec.type === 'array' ? 'an array' : `a ${spec.type}`} or {"$expr": "…"}`);
      }
    }
    if (step.kind === 'http.request' && typeOf(given.headers) === 'object' && !isExpr(given.headers)) {
      for (const name of Object.keys(given.headers as object)) {
        const why = refusedHeader(name);
        if (why) throw new ValidationError(`${at}.with.headers.${name}: ${why}`);
      }
    }
    if (step.kind === 'transform' && typeof given.expression === 'string') checkExpressions({ $expr: given.expression }, `${at}.with.expression`);
    checkExpressions(given, `${at}.with`);
  });
  const cycle = findCycle(steps);
  if (cycle) throw new ValidationError(`steps form a cycle: ${cycle.join(' → ')}`);
  if (definition.schedule) {
    const { cron, timezone = 'UTC' } = definition.schedule;
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone });
    } catch {
      throw new ValidationError(`schedule.timezone '${timezone}' is not an IANA time zone such as Europe/Paris`);
    }
    try {
      const job = new Cron(cron, { timezone, paused: true });
      if (!job.nextRun()) throw new Error('it never fires');
    } catch (error) {
      throw new ValidationError(`schedule.cron '${cron}' does not parse: ${(error as Error).message}`);
    }
  }
  return definition;
}

/** The first slot of `schedule` strictly after `after`. */
export function nextSlot(schedule: { cron: string; timezone?: string }, after: Date = new Date()): Date {
  const next = new Cron(schedule.cron, { timezone: schedule.timezone ?? 'UTC', paused: true }).nextRun(after);
  if (!next) throw new ValidationError(`schedule.cron '${schedule.cron}' never fires again`);
  return next;
}

/** Consecutive slots checked from now, and slots checked around each coming hour and month boundary. */
const INTERVAL_SLOTS = 30;
const INTERVAL_HOURS = 25;
const INTERVAL_MONTHS = 13;

/**
 * Refuse (400) a schedule with two consecutive slots closer than `minMs` (the tenant's
 * PlanLimits.minScheduleIntervalMs). Crons are irregular — `0,59 * * * *` fires twice a minute apart
 * once an hour, `0 0,23 * * *` an hour apart once a day, `0 0 1,31 * *` a day apart across a month's
 * end — so the check walks the next slots from now, then the slots around each of the coming hour
 * boundaries (where minutes and hours wrap) and month boundaries (where days wrap), in the schedule's
 * own time zone.
 */
export function checkScheduleInterval(schedule: { cron: string; timezone?: string }, minMs: number, now: Date = new Date()): void {
  const timezone = schedule.timezone ?? 'UTC';
  // The walk costs a few milliseconds of croner's time: a schedule that passed lately passes again.
  const key = `${schedule.cron}\0${timezone}\0${minMs}`;
  if (intervalsPassed.has(key)) return;
  const job = new Cron(schedule.cron, { timezone, paused: true });
  /** Walk slots after `from` while the earlier of a pair is at or before `until`; throw at a close pair. */
  const walk = (from: Date, until: number, max: number) => {
    let previous = job.nextRun(from);
    for (let i = 0; previous && previous.getTime() <= until && i < max; i++) {
      const next = job.nextRun(previous);
      if (!next) return;
      if (next.getTime() - previous.getTime() < minMs) {
        throw new ValidationError(
          `schedule.cron '${schedule.cron}' fires ${(next.getTime() - previous.getTime()) / 1000} s apart (${previous.toISOString()} and ${next.toISOString()}); ` +
            `this tenant's plan allows one run every ${minMs / 1000} s at most (minScheduleIntervalMs = ${minMs})`,
        );
      }
      previous = next;
    }
  };
  walk(now, Infinity, INTERVAL_SLOTS);
  // A pair closer than minMs across boundary b has its first slot in (b - minMs, b]: two slots at most to look at.
  const boundaries = (pattern: string, n: number) => new Cron(pattern, { timezone, paused: true }).nextRuns(n, now);
  for (const b of [...boundaries('0 0 * * * *', INTERVAL_HOURS), ...boundaries('0 0 0 1 * *', INTERVAL_MONTHS)]) {
    walk(new Date(b.getTime() - minMs), b.getTime(), 2);
  }
  intervalsPassed.set(key, true);
}

const intervalsPassed = new LRUCache<string, true>({ max: 1000, ttl: 3_600_000 });
