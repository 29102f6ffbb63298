/**
 * A multi-tenant notes API on Tenantry as a library. An application outside this repository imports
 * `tenantry` and `tenantry/fastify` instead of the relative paths below.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { sql, type Generated } from 'kysely';
import { Tenantry, TenantryError, type OpenOptions } from '../../src/index.js';
import { tenantryPlugin } from '../../src/fastify.js';

/** The app's own tables (migrations/), as Kysely sees them: `tenant_id` is filled in by the scope. */
export interface NotesDB {
  notebooks: { tenant_id: Generated<string>; id: Generated<string>; name: string };
  notes: {
    tenant_id: Generated<string>;
    id: Generated<string>;
    notebook_id: string;
    title: string;
    body: Generated<string>;
    created_at: Generated<Date>;
    archived_at: Date | null;
  };
}

declare module '../../src/fastify.js' {
  // request.withTenant's `db` knows the app's tables.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppTables extends NotesDB {}
}

export const NOTES_MIGRATIONS = new URL('./migrations/', import.meta.url);

export function openNotes(options: Omit<OpenOptions, 'appMigrations'> = {}): Promise<Tenantry<NotesDB>> {
  return Tenantry.open<NotesDB>({ ...options, appMigrations: NOTES_MIGRATIONS });
}

const id = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const note = {
  type: 'object',
  additionalProperties: false,
  properties: { title: { type: 'string', minLength: 1, maxLength: 200 }, body: { type: 'string', maxLength: 100_000 } },
} as const;

/**
 * The app's background job: archive a notebook's notes. It runs in the tenant's scope (on Tenantry's
 * worker, `tenantry.jobs.start()`), so its unfiltered-looking update reaches only that tenant's notes.
 */
export function defineNotesJobs(tenantry: Tenantry<NotesDB>): void {
  tenantry.jobs.define<{ notebookId: string }>(
    'archive-notes',
    async ({ db, payload }) => {
      await db.updateTable('notes').set({ archived_at: new Date() }).where('notebook_id', '=', payload.notebookId).where('archived_at', 'is', null).execute();
    },
    { retries: 3, payload: { type: 'object', required: ['notebookId'], properties: { notebookId: { type: 'string', format: 'uuid' } } } },
  );
}

/** 404 as application/problem+json, like every error of the plugin's context. */
function notFound(): never {
  throw new TenantryError('not_found', 'no such note');
}

/** The routes; under `/t/:tenant` too, where the path must name the credential's tenant. */
async function routes(app: FastifyInstance, { tenantry }: { tenantry: Tenantry<NotesDB> }): Promise<void> {
  app.post<{ Body: { name: string } }>(
    '/notebooks',
    {
      config: { minRole: 'member' },
      schema: {
        body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 200 } } },
      },
    },
    async (request, reply) => {
      const created = await request.withTenant(({ db }) =>
        db.insertInto('notebooks').values({ name: request.body.name }).returningAll().executeTakeFirstOrThrow(),
      );
      return reply.code(201).send(created);
    },
  );

  app.post<{ Body: { notebookId: string; title: string; body?: string } }>(
    '/notes',
    {
      config: { minRole: 'member' },
      schema: { body: { ...note, required: ['notebookId', 'title'], properties: { ...note.properties, notebookId: { type: 'string', format: 'uuid' } } } },
    },
    async (request, reply) => {
      const { notebookId, title, body } = request.body;
      const created = await request.withTenant(async ({ db }) => {
        // Another tenant's notebook is not found here (RLS), nor could the foreign key reach it.
        const notebook = await db.selectFrom('notebooks').select('id').where('id', '=', notebookId).executeTakeFirst();
        if (!notebook) return undefined;
        return db.insertInto('notes').values({ notebook_id: notebookId, title, body }).returningAll().executeTakeFirstOrThrow();
      });
      if (!created) throw new TenantryError('not_found', 'no such notebook');
      return reply.code(201).send(created);
    },
  );

  // Raw SQL is as safe inside a scope: the database filters it to the tenant.
  app.get<{ Querystring: { q?: string } }>(
    '/notes',
    { config: { minRole: 'viewer' }, schema: { querystring: { type: 'object', properties: { q: { type: 'string', maxLength: 200 } } } } },
    async (request) => {
      const pattern = `%${request.query.q ?? ''}%`;
      const { rows } = await request.withTenant(({ db }) =>
        sql<{
          id: string;
          title: string;
        }>`select id, title from notes where title ilike ${pattern} and archived_at is null order by created_at, id limit 100`.execute(db),
      );
      return { notes: rows };
    },
  );

  app.get<{ Params: { id: string } }>('/notes/:id', { config: { minRole: 'viewer' }, schema: { params: id } }, async (request) => {
    const found = await request.withTenant(({ db }) => db.selectFrom('notes').selectAll().where('id', '=', request.params.id).executeTakeFirst());
    return found ?? notFound();
  });

  app.patch<{ Params: { id: string }; Body: { title?: string; body?: string } }>(
    '/notes/:id',
    { config: { minRole: 'member' }, schema: { params: id, body: { ...note, minProperties: 1 } } },
    async (request) => {
      const updated = await request.withTenant(({ db }) =>
        db.updateTable('notes').set(request.body).where('id', '=', request.params.id).returningAll().executeTakeFirst(),
      );
      return updated ?? notFound();
    },
  );

  app.delete<{ Params: { id: string } }>('/notes/:id', { config: { minRole: 'admin' }, schema: { params: id } }, async (request, reply) => {
    const deleted = await request.withTenant(({ db }) => db.deleteFrom('notes').where('id', '=', request.params.id).executeTakeFirst());
    return deleted.numDeletedRows > 0n ? reply.code(204).send() : notFound();
  });

  // Archiving runs in the background: 202 with the job, whose progress GET /jobs/:id shows.
  app.post<{ Params: { id: string } }>('/notebooks/:id/archive', { config: { minRole: 'member' }, schema: { params: id } }, async (request, reply) => {
    const found = await request.withTenant(({ db }) => db.selectFrom('notebooks').select('id').where('id', '=', request.params.id).executeTakeFirst());
    if (!found) throw new TenantryError('not_found', 'no such notebook');
    const job = await tenantry.jobs.enqueue(request.tenant, 'archive-notes', { notebookId: found.id });
    return reply.code(202).send(job);
  });

  app.get<{ Params: { id: string } }>('/jobs/:id', { config: { minRole: 'viewer' }, schema: { params: id } }, (request) =>
    tenantry.jobs.get(request.tenant, request.params.id),
  );
}

export async function buildNotesApp(tenantry: Tenantry<NotesDB>, options: { baseDomain?: string } = {}): Promise<FastifyInstance> {
  defineNotesJobs(tenantry);
  const app = Fastify();
  // Outside the tenant context: no credential needed.
  app.get('/healthz', async () => ({ status: 'ok' }));
  // Every route registered in this context needs a tenant credential.
  await app.register(async (tenantRoutes) => {
    await tenantRoutes.register(tenantryPlugin, { tenantry, baseDomain: options.baseDomain });
    await tenantRoutes.register(routes, { tenantry });
    await tenantRoutes.register(routes, { tenantry, prefix: '/t/:tenant' });
  });
  return app;
}
