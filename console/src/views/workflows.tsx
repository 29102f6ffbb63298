import { useState } from 'preact/hooks';
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
 * The tenant's workflows (data plane): pick one to list its runs, pick a run to see its steps laid out
 * as the DAG (a column per depth, each step naming what it waits for) with status, attempts and error.
 */
export function WorkflowsPanel({ client }: { client: TenantryClient }) {
  const workflows = useLoad(() => allPages((cursor) => unwrap(client.GET('/v1/workflows', { params: { query: { limit: 100, cursor } } }))), [client]);
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
      {workflow && <RunList client={client} workflow={workflow} runId={runId} onOpen={setRunId} />}
      {workflow && runId && <RunView client={client} workflow={workflow} runId={runId} />}
    </section>
  );
}

function RunList({ client, workflow, runId, onOpen }: { client: TenantryClient; workflow: Workflow; runId: string | null; onOpen: (id: string) => void }) {
  const runs = useLoad(
    () => unwrap(client.GET('/v1/workflows/{name}/runs', { params: { path: { name: workflow.name }, query: { limit: 20 } } })),
    [client, workflow.name],
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

function RunView({ client, workflow, runId }: { client: TenantryClient; workflow: Workflow; runId: string }) {
  const run = useLoad<Run>(() => unwrap(client.GET('/v1/runs/{id}', { params: { path: { id: runId } } })), [client, runId]);
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
      {r && (
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
      )}
    </div>
  );
}
