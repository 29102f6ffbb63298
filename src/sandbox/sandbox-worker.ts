/** Process entry of the sandbox (sandbox.ts): one task at a time, its answer sent back. */
import { createHash } from 'node:crypto';
import jsonata from 'jsonata';
import { LRUCache } from 'lru-cache';
import type { ValidateFunction } from 'ajv';
import { compileTenantSchema, firstInvalid, profileSchema } from '../records/tenant-schema.js';

export type SandboxTask =
  /** Evaluate `expression` against `data` (JSON text). */
  | { kind: 'jsonata'; expression: string; data: string }
  /** Validate each of `items` (JSON text of an array) against `schema` (JSON text). */
  | { kind: 'validate'; schema: string; items: string };

export type SandboxReply = (
  | { ok: true; json?: string; invalid?: { index: number; message: string } | null }
  /** The task failed on its own terms (a JSONata error, a result too large): the message says why. */
  | { ok: false; message: string }
) & {
  /** CPU this process used on the task (milliseconds, every thread of it): its tenant's (src/usage/costs.ts). */
  cpuMs?: number;
};

/** A result larger than this, as JSON, is refused (a step's output is bounded the same way). */
export const MAX_RESULT_BYTES = 256 * 1024;

const expressions = new LRUCache<string, jsonata.Expression>({ max: 500 });
const validators = new LRUCache<string, ValidateFunction>({ max: 200 });

function expression(text: string): jsonata.Expression {
  let compiled = expressions.get(text);
  if (!compiled) expressions.set(text, (compiled = jsonata(text)));
  return compiled;
}

function validator(schemaText: string): ValidateFunction {
  const key = createHash('sha256').update(schemaText).digest('base64url');
  let validate = validators.get(key);
  if (!validate) {
    const schema = JSON.parse(schemaText) as Record<string, unknown>;
    profileSchema(schema);
    validators.set(key, (validate = compileTenantSchema(schema)));
  }
  return validate;
}

async function run(task: SandboxTask): Promise<SandboxReply> {
  if (task.kind === 'jsonata') {
    const result: unknown = await expression(task.expression).evaluate(JSON.parse(task.data));
    if (result === undefined) return { ok: true };
    const json = JSON.stringify(result);
    if (json === undefined) return { ok: true }; // a function, say: no JSON value
    const bytes = Buffer.byteLength(json);
    if (bytes > MAX_RESULT_BYTES) return { ok: false, message: `its result is ${bytes} bytes of JSON; the limit is ${MAX_RESULT_BYTES}` };
    return { ok: true, json };
  }
  return { ok: true, invalid: firstInvalid(validator(task.schema), JSON.parse(task.items) as unknown[]) };
}

process.on('message', (task: SandboxTask) => {
  // One task at a time: what the process used meanwhile is the task's.
  const cpu = process.cpuUsage();
  const cpuMs = () => {
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000;
  };
  run(task).then(
    (reply) => process.send!({ ...reply, cpuMs: cpuMs() }),
    // Messages are the tenant's own text ($error("…")): bounded like everything else it sends back.
    (error: unknown) =>
      process.send!({ ok: false, message: String((error as Error)?.message ?? error).slice(0, 1_000), cpuMs: cpuMs() } satisfies SandboxReply),
  );
});
// Started: the parent counts a task's deadline from here, not from this process's boot.
process.send!({ ready: true });
// The parent went away (it crashed, or was killed): nothing is left to answer to.
process.on('disconnect', () => process.exit(0));
