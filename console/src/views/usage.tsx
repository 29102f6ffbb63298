import { useMemo, useState } from 'preact/hooks';
import { unwrap, type Body, type TenantryClient } from 'tenantry/client';
import { TimeChart, type Series } from '../chart';
import { ProblemBox, useLoad } from '../components';

type Usage = Body<'get', '/v1/usage'>;
type Metric = keyof Usage['totals'];

const HOUR = 3600;

/**
 * Hour by hour from the first hour with any usage (or a day before the last, if later) to the last (or
 * to now, this month), every metric aligned on the same hours, an hour without usage 0: what the
 * charts draw.
 */
export function hourly(u: Usage, metrics: readonly Metric[]): { times: number[]; values: Record<string, number[]> } {
  const rows = u.hours.filter((h) => (metrics as readonly string[]).includes(h.metric));
  const values: Record<string, number[]> = Object.fromEntries(metrics.map((m) => [m, []]));
  if (rows.length === 0) return { times: [], values };
  const stamps = rows.map((h) => Math.floor(Date.parse(h.hour) / 1000 / HOUR) * HOUR);
  const thisMonth = new Date().toISOString().slice(0, 7) === u.month;
  const last = Math.max(...stamps, thisMonth ? Math.floor(Date.now() / 1000 / HOUR) * HOUR : 0);
  // A day at least: a chart of one or two hours has no line to draw, and its time axis no scale.
  const first = Math.min(...stamps, last - 23 * HOUR);
  const times: number[] = [];
  for (let t = first; t <= last; t += HOUR) times.push(t);
  for (const m of metrics) values[m] = times.map(() => 0);
  rows.forEach((h, i) => {
    const series = values[h.metric]!;
    const at = (stamps[i]! - first) / HOUR;
    series[at] = (series[at] ?? 0) + h.n;
  });
  return { times, values };
}

const seconds = (n: number) => n.toLocaleString(undefined, { maximumFractionDigits: 3 });

/**
 * A month's metered usage: totals (requests, trainings, step, database and CPU seconds), what the
 * tenant holds now, and two charts hour by hour — requests, and the seconds it cost.
 */
export function UsagePanel({ client, tenantId, mode }: { client: TenantryClient; tenantId: string; mode: 'admin' | 'tenant' }) {
  const [month, setMonth] = useState('');
  const usage = useLoad<Usage>(() => {
    const query = month ? { month } : {};
    return mode === 'admin'
      ? unwrap(client.GET('/v1/tenants/{id}/usage', { params: { path: { id: tenantId }, query } }))
      : unwrap(client.GET('/v1/usage', { params: { query } }));
  }, [client, tenantId, mode, month]);
  const u = usage.data;
  const charts = useMemo(() => {
    if (!u) return null;
    // The same hours on both charts.
    const { times, values } = hourly(u, ['apiRequests', 'databaseSeconds', 'cpuSeconds', 'workflowStepSeconds']);
    const peak = Math.max(0, ...values.apiRequests!);
    return {
      requests: { times, series: [{ label: 'API requests', values: values.apiRequests!, stroke: '#2458d6' }] as Series[], peak },
      costs: {
        times,
        series: [
          { label: 'Database seconds', values: values.databaseSeconds!, stroke: '#177245' },
          { label: 'CPU seconds', values: values.cpuSeconds!, stroke: '#a15c07' },
          { label: 'Workflow step seconds', values: values.workflowStepSeconds!, stroke: '#7c3aed' },
        ] as Series[],
      },
    };
  }, [u]);
  return (
    <section class="panel" aria-labelledby="usage-heading">
      <div class="page-head">
        <h2 id="usage-heading">Usage{u && <span class="muted"> · {u.month}</span>}</h2>
        <div class="field inline">
          <label for="usage-month">Month</label>
          <input id="usage-month" type="month" value={month || u?.month || ''} onChange={(e) => setMonth((e.target as HTMLInputElement).value)} />
        </div>
      </div>
      <ProblemBox problem={usage.problem} label="Usage error" />
      {u && (
        <>
          <dl class="facts" aria-label="Usage totals">
            <div>
              <dt>API requests</dt>
              <dd data-testid="usage-apiRequests">{u.totals.apiRequests}</dd>
            </div>
            <div>
              <dt>Model trainings</dt>
              <dd>{u.totals.modelTrainings}</dd>
            </div>
            <div>
              <dt>Workflow step seconds</dt>
              <dd>{seconds(u.totals.workflowStepSeconds)}</dd>
            </div>
            <div>
              <dt>Database seconds</dt>
              <dd data-testid="usage-databaseSeconds">{seconds(u.totals.databaseSeconds)}</dd>
            </div>
            <div>
              <dt>CPU seconds</dt>
              <dd data-testid="usage-cpuSeconds">{seconds(u.totals.cpuSeconds)}</dd>
            </div>
            {u.current && (
              <>
                <div>
                  <dt>Records</dt>
                  <dd>{u.current.records}</dd>
                </div>
                <div>
                  <dt>Collections</dt>
                  <dd>{u.current.collections}</dd>
                </div>
                <div>
                  <dt>Models</dt>
                  <dd>{u.current.models}</dd>
                </div>
                <div>
                  <dt>Storage</dt>
                  <dd>{(u.current.storageBytes / 1024).toFixed(1)} KiB</dd>
                </div>
              </>
            )}
          </dl>
          {charts && charts.requests.times.length > 0 ? (
            <div class="two-columns">
              <TimeChart
                label="API requests per hour"
                summary={`${charts.requests.times.length} hours to ${new Date(charts.requests.times.at(-1)! * 1000).toLocaleString()}, peak ${charts.requests.peak} in an hour`}
                times={charts.requests.times}
                series={charts.requests.series}
                unit="requests"
              />
              <TimeChart label="Seconds per hour" summary="database, CPU and workflow steps" times={charts.costs.times} series={charts.costs.series} unit="s" />
            </div>
          ) : (
            <p class="muted">No usage recorded hour by hour this month yet (counts are written every few seconds).</p>
          )}
        </>
      )}
    </section>
  );
}
