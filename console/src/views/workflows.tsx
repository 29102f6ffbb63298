import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { unwrap, type Run, type TenantryClient, type Workflow } from 'tenantry/client';
import { allPages, formatTime, ProblemBox, StatusBadge, useLoad } from '../components';

/** Each step's depth in the DAG: 0 for a step that needs none, else one more than its deepest need. */
export function depths(steps: Workflow['steps']): Map<string, number> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const depth = new Map<string, number>();
  const visit = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // a cycle: the server refuses these; drawn flat rather than looping
    seen.add(id);
    const needs = byId.get(id)?.needs ?? [];
    const d = needs.length === 0 ? 0 : 1 + Math.max(...needs.map((n) => visit(n, seen)));
    depth.set(id, d);
    return d;
  };
  for (const s of steps) visit(s.id, new Set());
  return depth;
}

/**
 * The tenant's workflows: pick one to list its runs, pick a run to see its steps laid out as the DAG (a
 * column per depth, an arrow from each step to the steps that wait for it, each step naming them too)
 * with status, attempts and error. A tenant reads them through its data plane; the platform admin
 * (`tenantId` given) through the control plane's /v1/tenants/{id}/… reads.
 */
export function WorkflowsPanel({ client, tenantId }: { client: TenantryClient; tenantId?: string }) {
  const workflows = useLoad(
    () =>
      allPages((cursor) =>
        tenantId
          ? unwrap(client.GET('/v1/tenants/{id}/workflows', { params: { path: { id: tenantId }, query: { limit: 100, cursor } } }))
          : unwrap(client.GET('/v1/workflows', { params: { query: { limit: 100, cursor } } })),
      ),
    [client, tenantId],
  );
  const [selected, setSelected] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const workflow = workflows.data?.find((w) => w.name === selected) ?? null;
  return (
    <section class="panel" aria-labelledby="workflows-heading">
      <h2 id="workflows-heading">Workflows</h2>
      <ProblemBox problem={workflows.problem} label="Workflows error" />
      {workflows.data && workflows.data.length === 0 && <p class="muted">No workflows.</p>}
      {workflows.data && workflows.data.length > 0 && (
        <div class="field narrow">
          <label for="workflow-select">Workflow</label>
          <select
            id="workflow-select"
            value={selected ?? ''}
            onChange={(e) => {
              setSelected((e.target as HTMLSelectElement).value || null);
              setRunId(null);
            }}
          >
            <option value="">choose…</option>
            {workflows.data.map((w) => (
              <option key={w.name} value={w.name}>
                {w.name} (revision {w.revision})
              </option>
            ))}
          </select>
        </div>
      )}
      {workflow && <RunList client={client} tenantId={tenantId} workflow={workflow} runId={runId} onOpen={setRunId} />}
      {workflow && runId && <RunView client={client} tenantId={tenantId} workflow={workflow} runId={runId} />}
    </section>
  );
}

function RunList({
  client,
  tenantId,
  workflow,
  runId,
  onOpen,
}: {
  client: TenantryClient;
  tenantId: string | undefined;
  workflow: Workflow;
  runId: string | null;
  onOpen: (id: string) => void;
}) {
  const runs = useLoad(
    () =>
      tenantId
        ? unwrap(client.GET('/v1/tenants/{id}/workflows/{name}/runs', { params: { path: { id: tenantId, name: workflow.name }, query: { limit: 20 } } }))
        : unwrap(client.GET('/v1/workflows/{name}/runs', { params: { path: { name: workflow.name }, query: { limit: 20 } } })),
    [client, tenantId, workflow.name],
  );
  return (
    <>
      <ProblemBox problem={runs.problem} label="Runs error" />
      {runs.data && runs.data.items.length === 0 && <p class="muted">No runs yet.</p>}
      {runs.data && runs.data.items.length > 0 && (
        <div class="table-wrap">
          <table aria-label="Runs">
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Trigger</th>
                <th scope="col">Started</th>
                <th scope="col">Finished</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.items.map((r) => (
                <tr key={r.id} aria-selected={r.id === runId}>
                  <td>
                    <button type="button" class="link" aria-label={`Open run ${r.id}`} onClick={() => onOpen(r.id)}>
                      <code>{r.id.slice(0, 8)}…</code>
                    </button>
                  </td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>{r.trigger}</td>
                  <td>{formatTime(r.startedAt)}</td>
                  <td>{formatTime(r.finishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function RunView({ client, tenantId, workflow, runId }: { client: TenantryClient; tenantId: string | undefined; workflow: Workflow; runId: string }) {
  const run = useLoad<Run>(
    () =>
      tenantId
        ? unwrap(client.GET('/v1/tenants/{id}/runs/{runId}', { params: { path: { id: tenantId, runId } } }))
        : unwrap(client.GET('/v1/runs/{id}', { params: { path: { id: runId } } })),
    [client, tenantId, runId],
  );
  const r = run.data;
  const depth = depths(workflow.steps);
  const needs = new Map(workflow.steps.map((s) => [s.id, s.needs ?? []]));
  const columns: Run['steps'][] = [];
  for (const step of r?.steps ?? []) (columns[depth.get(step.id) ?? 0] ??= []).push(step);
  return (
    <div class="run" aria-label={`Run ${runId}`} role="region">
      <div class="page-head">
        <h3>
          Run <code>{runId}</code>
        </h3>
        {r && <StatusBadge status={r.status} />}
        <button type="button" class="secondary small" onClick={run.reload}>
          Refresh
        </button>
      </div>
      <ProblemBox problem={run.problem} label="Run error" />
      {r && <Dag columns={columns} needs={needs} status={new Map(r.steps.map((s) => [s.id, s.status]))} />}
    </div>
  );
}

/**
 * The run's DAG: a column per stage, and an arrow from each step to every step that needs it, drawn
 * over the columns once they are laid out (measured, so the cards keep the page's own layout and
 * size; redrawn when the box changes size). The arrows are decoration for the eye: each card also
 * says in words which steps it comes after.
 */
function Dag({ columns, needs, status }: { columns: Run['steps'][]; needs: Map<string, string[]>; status: Map<string, string> }) {
  const box = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState<{ from: string; to: string; d: string }[]>([]);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const draw = () => {
      const origin = el.getBoundingClientRect();
      const at = (id: string) => el.querySelector(`[data-step="${CSS.escape(id)}"]`)?.getBoundingClientRect();
      const next: { from: string; to: string; d: string }[] = [];
      for (const [to, from] of needs) {
        const b = at(to);
        if (!b) continue;
        for (const f of from) {
          const a = at(f);
          if (!a) continue;
          const x1 = a.right - origin.left + el.scrollLeft;
          const y1 = a.top + a.height / 2 - origin.top + el.scrollTop;
          const x2 = b.left - origin.left + el.scrollLeft - 2;
          const y2 = b.top + b.height / 2 - origin.top + el.scrollTop;
          const bend = Math.max(12, (x2 - x1) / 2);
          next.push({ from: f, to, d: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}` });
        }
      }
      setEdges(next);
      setSize({ width: el.scrollWidth, height: el.scrollHeight });
    };
    draw();
    const resize = new ResizeObserver(draw);
    resize.observe(el);
    return () => resize.disconnect();
  }, [columns, needs]);
  return (
    <div class="dag-wrap" ref={box}>
      <svg class="dag-edges" width={size.width} height={size.height} aria-hidden="true" focusable="false">
        <defs>
          <marker id="dag-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" />
          </marker>
        </defs>
        {edges.map((e) => (
          <path
            key={`${e.from}->${e.to}`}
            class="dag-edge"
            data-edge={`${e.from}->${e.to}`}
            data-status={status.get(e.from)}
            d={e.d}
            marker-end="url(#dag-arrow)"
          />
        ))}
      </svg>
      <ol class="dag" aria-label="Steps by stage">
        {columns.map((column, i) => (
          <li key={i} class="dag-column">
            <span class="muted">Stage {i + 1}</span>
            <ul>
              {column.map((s) => (
                <li key={s.id} class="dag-step" data-status={s.status} data-step={s.id}>
                  <div class="dag-step-head">
                    <strong>{s.id}</strong> <StatusBadge status={s.status} />
                  </div>
                  <div class="muted">{s.kind}</div>
                  {(needs.get(s.id)?.length ?? 0) > 0 && <div class="muted">after {needs.get(s.id)!.join(', ')}</div>}
                  <div>
                    attempts <strong>{s.attempts}</strong>
                  </div>
                  {s.error && <div class="problem-detail">{s.error}</div>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
