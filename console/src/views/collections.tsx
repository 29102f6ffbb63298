import { useState } from 'preact/hooks';
import { unwrap, type RecordPage, type TenantryClient } from 'tenantry/client';
import { formatTime, jsonProblem, ProblemBox, useAction, useLoad } from '../components';

/**
 * The tenant's collections with their record counts, and a read-only record browser over the query
 * language (filter, sort, page by page): the data plane's GET …/records, nothing written.
 */
export function CollectionsPanel({ client }: { client: TenantryClient }) {
  const collections = useLoad(async () => {
    const list = await unwrap(client.GET('/v1/collections'));
    // A count each (count=exact on a one-record page): the list itself carries none.
    return Promise.all(
      list.items.map(async (c) => {
        const page = await unwrap(client.GET('/v1/collections/{name}/records', { params: { path: { name: c.name }, query: { limit: 1, count: 'exact' } } }));
        return { ...c, records: page.total ?? null };
      }),
    );
  }, [client]);
  const [open, setOpen] = useState<string | null>(null);

  return (
    <section class="panel" aria-labelledby="collections-heading">
      <h2 id="collections-heading">Collections</h2>
      <ProblemBox problem={collections.problem} label="Collections error" />
      {collections.data && collections.data.length === 0 && <p class="muted">No collections.</p>}
      {collections.data && collections.data.length > 0 && (
        <div class="table-wrap">
          <table aria-label="Collections">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Records</th>
                <th scope="col">Indexes</th>
                <th scope="col">Encrypted</th>
                <th scope="col">Schema</th>
              </tr>
            </thead>
            <tbody>
              {collections.data.map((c) => (
                <tr key={c.name} aria-selected={open === c.name}>
                  <td>
                    <button type="button" class="link" aria-label={`Browse ${c.name}`} onClick={() => setOpen(c.name)}>
                      {c.name}
                    </button>
                  </td>
                  <td data-testid={`records-${c.name}`}>{c.records ?? '—'}</td>
                  <td>{c.indexes.join(', ') || '—'}</td>
                  <td>{c.encrypted.join(', ') || '—'}</td>
                  <td>{c.schema ? 'yes' : 'none'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && <RecordBrowser key={open} client={client} collection={open} />}
    </section>
  );
}

function RecordBrowser({ client, collection }: { client: TenantryClient; collection: string }) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState('');
  const [pages, setPages] = useState<RecordPage[]>([]);
  const action = useAction();
  const filterProblem = filter.trim() ? jsonProblem(filter) : null;

  const load = async (cursor?: string) => {
    const query = {
      limit: 25,
      count: 'exact' as const,
      ...(filter.trim() && { filter: filter.trim() }),
      ...(sort.trim() && { sort: sort.trim() }),
      ...(cursor && { cursor }),
    };
    const page = await action.run(() => unwrap(client.GET('/v1/collections/{name}/records', { params: { path: { name: collection }, query } })));
    if (page) setPages((all) => (cursor ? [...all, page] : [page]));
  };
  const records = pages.flatMap((p) => p.items);
  const next = pages.at(-1)?.nextCursor ?? null;

  return (
    <div class="browser" role="region" aria-label={`Records of ${collection}`}>
      <h3>
        Records of <code>{collection}</code>
      </h3>
      <form
        class="inline-form"
        aria-label="Query records"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <div class="field wide">
          <label for="records-filter">Filter (JSON)</label>
          <input
            id="records-filter"
            placeholder='{"status": "open", "total": {"$gte": 10}}'
            value={filter}
            aria-invalid={filterProblem !== null}
            aria-describedby="records-filter-error"
            onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
          />
          <div id="records-filter-error" class="field-error" aria-live="polite">
            {filterProblem}
          </div>
        </div>
        <div class="field">
          <label for="records-sort">Sort</label>
          <input id="records-sort" placeholder="-createdAt" value={sort} onInput={(e) => setSort((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" disabled={action.busy || filterProblem !== null}>
          Query
        </button>
      </form>
      <ProblemBox problem={action.problem} label="Query error" />
      {pages.length > 0 && (
        <>
          <p class="muted" aria-live="polite" data-testid="records-total">
            {pages[0]!.total ?? records.length} matching
          </p>
          <div class="table-wrap">
            <table aria-label="Records">
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Data</th>
                  <th scope="col">Version</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {records.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <code>{r.id}</code>
                    </td>
                    <td>
                      <pre class="json inline">{JSON.stringify(r.data)}</pre>
                    </td>
                    <td>{r.version}</td>
                    <td>{formatTime(r.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {next && (
            <button type="button" class="secondary small" disabled={action.busy} onClick={() => load(next)}>
              More
            </button>
          )}
        </>
      )}
    </div>
  );
}
