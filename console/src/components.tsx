import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { unwrap, type Body, type TenantryClient } from 'tenantry/client';
import { toProblem, type ShownProblem } from './session';

export type Operation = Body<'get', '/v1/operations/{id}'>;

/** An API error as its problem's title and detail (and the fields a 400 named), announced to screen readers. */
export function ProblemBox({ problem, label }: { problem: ShownProblem | null; label?: string }) {
  if (!problem) return null;
  return (
    <div class="problem" role="alert" aria-label={label}>
      <strong class="problem-title">{problem.title}</strong>
      <span class="problem-detail">{problem.detail}</span>
      {problem.errors && problem.errors.length > 0 && (
        <ul class="problem-errors">
          {problem.errors.map((e) => (
            <li key={e.pointer + e.message}>
              <code>{e.pointer || '/'}</code> {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge-${status}`}>{status}</span>;
}

/** Data loaded from the API, with its error as a problem and a way to load it again. */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[],
): { data: T | undefined; problem: ShownProblem | null; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!live) return;
        setData(value);
        setProblem(null);
        setLoading(false);
      },
      (error: unknown) => {
        if (!live) return;
        setProblem(toProblem(error));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, problem, loading, reload };
}

/** Runs an action, holding its problem (shown by the form) and whether it is under way. */
export function useAction(): { busy: boolean; problem: ShownProblem | null; run: <T>(action: () => Promise<T>) => Promise<T | undefined>; clear: () => void } {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>) => {
    setBusy(true);
    setProblem(null);
    try {
      return await action();
    } catch (error) {
      setProblem(toProblem(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, run, clear: () => setProblem(null) };
}

/** An operation's share done, 0–100 (a finished one is 100 whatever its counts said). */
export function percentOf(op: Operation): number {
  if (op.status === 'succeeded') return 100;
  const { done, total } = op.progress;
  if (!total) return 0;
  return Math.min(100, Math.round((done / total) * 100));
}

/** An operation's progress: a labelled progress bar with its status and step. */
export function OperationProgress({ op, label }: { op: Operation; label?: string }) {
  const percent = percentOf(op);
  const name = label ?? `${op.kind} ${op.tenantId ?? ''}`.trim();
  return (
    <div class="operation" data-status={op.status}>
      <div class="operation-head">
        <span>
          <strong>{op.kind}</strong> {op.tenantId && <span class="muted">{op.tenantId}</span>}
        </span>
        <StatusBadge status={op.status} />
      </div>
      <progress max={100} value={percent} aria-label={`${name} progress`} />
      <div class="operation-foot">
        <span class="percent" aria-live="polite">
          {percent}%
        </span>
        <span class="muted">{op.step ?? ''}</span>
      </div>
      {op.error && <div class="problem-detail">{op.error}</div>}
    </div>
  );
}

/** Follows an operation (GET /v1/operations/{id}) until it succeeds or fails. */
export function useOperation(
  client: TenantryClient,
  id: string | null,
  onDone?: (op: Operation) => void,
): { op: Operation | null; problem: ShownProblem | null } {
  const [op, setOp] = useState<Operation | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    if (!id) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await unwrap(client.GET('/v1/operations/{id}', { params: { path: { id } } }));
        if (!live) return;
        setOp(next);
        if (next.status === 'succeeded' || next.status === 'failed') {
          done.current?.(next);
          return;
        }
      } catch (error) {
        if (!live) return;
        setProblem(toProblem(error));
      }
      timer = setTimeout(poll, 250);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, id]);
  return { op, problem };
}

/** Copies text to the clipboard, saying so. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  return (
    <button
      type="button"
      class="secondary"
      aria-label={label}
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => setCopied('yes'),
          () => setCopied('no'),
        )
      }
    >
      {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy failed: select it' : 'Copy'}
    </button>
  );
}

/** Where a JSON text is wrong: the parser's message, with the line and column of its position. */
export function jsonProblem(text: string): string | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be a JSON object, e.g. {}';
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 names the position ("… at position 12 (line 1 column 13)"), or says the text ended too soon.
    const at = /position (\d+)/.exec(message)?.[1] ?? (/end of JSON/i.test(message) ? String(text.length) : undefined);
    if (at === undefined) return message;
    const before = text.slice(0, Number(at));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `${message.replace(/\s*\(line \d+ column \d+\)/, '')} (line ${line}, column ${column})`;
  }
}

/** A JSON object editor: a textarea whose parse errors, and the server's errors for it, show beneath it. */
export function JsonField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (text: string) => void;
  serverErrors?: string[];
  hint?: ComponentChildren;
}) {
  const { id, label, value, onInput, serverErrors = [], hint } = props;
  const local = jsonProblem(value);
  const errors = [...(local ? [local] : []), ...serverErrors];
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        class="json"
        rows={8}
        spellcheck={false}
        value={value}
        aria-invalid={errors.length > 0}
        aria-describedby={`${id}-errors`}
        onInput={(e) => onInput((e.target as HTMLTextAreaElement).value)}
      />
      {hint && <div class="hint">{hint}</div>}
      <ul id={`${id}-errors`} class="field-errors" aria-live="polite">
        {errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </div>
  );
}

/** Every page of a list (cursor by cursor). */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const result = await page(cursor);
    items.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return items;
}

export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleString();
}
