import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuditQuery, AuditRecord } from '../../audit/chain.js';
import type { PlatformAudit } from '../../audit/platform-audit.js';
import type { TenantAudit } from '../../audit/tenant-audit.js';
import { ValidationError } from '../../errors.js';
import { TENANT_ID_PATTERN } from '../../storage/names.js';
import type { TenantLifecycle } from '../../tenancy/lifecycle.js';
import { METRICS } from '../../usage/meter.js';
import type { UsageService } from '../../usage/usage.js';
import type { CursorCodec } from '../cursor.js';
import { NextCursor } from '../pagination.js';
import { tenantContext } from '../plugins/tenant-auth.js';
import { JsonObject, Timestamp, component, json, problems } from '../schemas.js';

const AuditEntry = component(
  'AuditEntry',
  Type.Object(
    {
      seq: Type.Integer({ description: 'Its place in the chain, from 1' }),
      at: Timestamp,
      actor: Type.String({ description: '`admin`, `key:<api key id>`, `jwt:<subject>`, or `anonymous` (failed authentications)' }),
      action: Type.String({ description: 'The route, e.g. `POST /v1/collections/{name}/records`; `auth.failed` for failed authentications' }),
      target: Type.Union([Type.String(), Type.Null()], { description: 'The path written to' }),
      tenant: Type.Union([Type.String(), Type.Null()], { description: 'The tenant (in the platform trail: the tenant concerned, if any)' }),
      requestId: Type.Union([Type.String(), Type.Null()]),
      outcome: Type.String({ description: '`success`, `accepted` (an operation started) or `denied`' }),
      detail: Type.Union([JsonObject, Type.Null()], { description: 'More about the action (a count of failed authentications, the status)' }),
      hash: Type.String({ description: 'sha256(previous hash || RFC 8785 canonical JSON of the entry), hex' }),
    },
    { description: 'An entry of an audit trail' },
  ),
);
const AuditPage = component(
  'AuditPage',
  Type.Object({ items: Type.Array(AuditEntry.ref), nextCursor: NextCursor }, { description: 'A page of audit entries, oldest first' }),
);
const AuditVerification = component(
  'AuditVerification',
  Type.Object(
    {
      ok: Type.Boolean({ description: 'Every entry follows from the one before it, and the head is the last' }),
      entries: Type.Integer({ description: 'Entries checked before the first broken link (all of them when ok)' }),
      head: Type.Union([Type.Object({ seq: Type.Integer(), hash: Type.String() }), Type.Null()], { description: "The chain's head as recorded" }),
      firstBroken: Type.Union([Type.Object({ seq: Type.Integer(), reason: Type.String() }), Type.Null()], {
        description: 'The first entry altered, missing or out of order',
      }),
    },
    { description: 'The verification of an audit chain' },
  ),
);
const METRIC_HELP: Record<(typeof METRICS)[number], string> = {
  apiRequests: 'Authenticated data-plane requests',
  modelTrainings: 'Model trainings started',
  workflowStepSeconds: "Wall time of the tenant's workflow steps and jobs, in seconds",
  databaseSeconds: "Wall time of the tenant's database statements (round trips of its scopes), in seconds",
  cpuSeconds:
    "CPU time charged to the tenant, in seconds: the server's CPU apportioned between the tenants whose requests and steps were in flight (an estimate), plus its trainings' and evaluations' CPU measured in their processes",
};
const Totals = Type.Object(
  Object.fromEntries(METRICS.map((m) => [m, Type.Number({ description: METRIC_HELP[m] })])) as Record<(typeof METRICS)[number], ReturnType<typeof Type.Number>>,
);
const CurrentHoldings = Type.Object(
  { records: Type.Integer(), collections: Type.Integer(), models: Type.Integer(), storageBytes: Type.Number() },
  { description: 'What the tenant holds now (storageBytes: record data, measured at most once a minute)' },
);
const UsageReport = component(
  'UsageReport',
  Type.Object(
    {
      tenant: Type.Union([Type.String(), Type.Null()]),
      month: Type.String({ description: 'YYYY-MM (UTC)' }),
      totals: Totals,
      hours: Type.Array(
        Type.Object({ tenantId: Type.String(), hour: Timestamp, metric: Type.String({ description: 'One of the names in totals' }), n: Type.Number() }),
        {
          description: 'Hour by hour',
        },
      ),
      current: Type.Optional(CurrentHoldings),
    },
    {
      description:
        "A tenant's metered usage in a month: API requests, model trainings, workflow step-seconds, and the costs attributed to it (database seconds, CPU seconds)",
    },
  ),
);

/** What GET /v1/tenant shows of the tenant's usage. */
export const UsageSummary = Type.Object(
  {
    month: Type.String({ description: 'This month, YYYY-MM (UTC)' }),
    totals: Totals,
    current: CurrentHoldings,
  },
  { description: "This month's metered totals (as GET /v1/usage adds them up) and what the tenant holds now" },
);

const AuditFilters = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Items per page' })),
    cursor: Type.Optional(Type.String({ description: 'The `nextCursor` of the page before (opaque, signed, bound to this list)' })),
    action: Type.Optional(Type.String({ maxLength: 300, description: 'Only entries of this action' })),
    actor: Type.Optional(Type.String({ maxLength: 300, description: 'Only entries of this actor' })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or after this instant' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Entries before this instant' })),
  },
  { additionalProperties: false },
);
const UsageQuery = Type.Object(
  { month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM (UTC); default this month' })) },
  { additionalProperties: false },
);

type Filters = { limit?: number; cursor?: string; action?: string; actor?: string; from?: string; to?: string };

/**
 * A `from`/`to` the schema's `date-time` format let through, as a Date the database reads: a leap
 * second (`23:59:60`, which Date cannot represent) or an instant outside the years 0001-9999 (`0000-…`,
 * or `9999-12-31T23:59:59-14:00`, in the year 10000) → 400 naming the parameter, not a 500.
 */
function instantParameter(value: string | undefined, name: 'from' | 'to'): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1 || year > 9999) {
    throw new ValidationError(
      `${name} must be an instant from the year 0001 to 9999 (without a leap second), got '${value}'`,
      'validation_failed',
      `/query/${name}`,
    );
  }
  return date;
}

/** One page of a trail: limit + 1 entries after the cursor's sequence number, the next cursor bound to `binding` and the filters. */
async function auditPage(
  cursors: CursorCodec,
  binding: string,
  query: Filters,
  fetch: (q: AuditQuery) => Promise<AuditRecord[]>,
): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const bound = `${binding}:${JSON.stringify([query.action, query.actor, query.from, query.to])}`;
  const after = query.cursor ? cursors.decode<{ after: number }>(bound, query.cursor).after : undefined;
  const rows = await fetch({
    limit: limit + 1,
    after,
    action: query.action,
    actor: query.actor,
    from: instantParameter(query.from, 'from'),
    to: instantParameter(query.to, 'to'),
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursors.encode(bound, { after: items.at(-1)!.seq }) : null };
}

/** The tenant's own trail and usage (data plane). */
export const tenantAuditRoutes: FastifyPluginAsyncTypebox<{ audit: TenantAudit; usage: UsageService; cursors: CursorCodec }> = async (
  app,
  { audit, usage, cursors },
) => {
  app.get(
    '/v1/audit',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: "The tenant's audit trail",
        description:
          "Every write made with the tenant's credentials, oldest first: who, what, which path, the request id, when, and its place in the hash chain. Filters: `action`, `actor`, `from`, `to`. Admin role. 400 `invalid_cursor`.",
        tags: ['audit'],
        querystring: AuditFilters,
        response: { 200: json('A page of entries', AuditPage.ref), ...problems(400) },
      },
    },
    async (request) => {
      const tenant = tenantContext(request).tenant;
      return auditPage(cursors, `audit:${tenant.id}:${tenant.generation}`, request.query, (q) => audit.list(tenant, q));
    },
  );

  app.get(
    '/v1/audit/verify',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: "Verify the tenant's audit trail",
        description:
          "Recomputes the tenant's hash chain from its first entry: `firstBroken` names the first entry altered, missing or out of order. Admin role.",
        tags: ['audit'],
        response: { 200: json('The verification', AuditVerification.ref) },
      },
    },
    async (request) => audit.verify(tenantContext(request).tenant),
  );

  app.get(
    '/v1/usage',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: "The tenant's metered usage",
        description:
          'API requests, model trainings and workflow step-seconds in a month (hour by hour and in total), and what the tenant holds now. Admin role.',
        tags: ['audit'],
        querystring: UsageQuery,
        response: { 200: json('The usage', UsageReport.ref), ...problems(400) },
      },
    },
    async (request) => usage.report(tenantContext(request).tenant, request.query.month),
  );
};

const TenantId = Type.Object({ id: Type.String({ pattern: TENANT_ID_PATTERN.source, description: 'The tenant id' }) }, { additionalProperties: false });

/** Tenants' trails and usage, and the platform's trail (control plane, behind the admin token). */
export const platformAuditRoutes: FastifyPluginAsyncTypebox<{
  tenants: TenantLifecycle;
  audit: TenantAudit;
  platformAudit: PlatformAudit;
  usage: UsageService;
  cursors: CursorCodec;
}> = async (app, { tenants, audit, platformAudit, usage, cursors }) => {
  app.get(
    '/v1/tenants/:id/audit',
    {
      schema: {
        summary: "A tenant's audit trail",
        description: "The tenant's own trail, as GET /v1/audit gives it to the tenant. 404 `tenant_not_found`.",
        tags: ['audit'],
        params: TenantId,
        querystring: AuditFilters,
        response: { 200: json('A page of entries', AuditPage.ref), ...problems(400, 404) },
      },
    },
    async (request) => {
      const tenant = await tenants.get(request.params.id);
      return auditPage(cursors, `audit:${tenant.id}:${tenant.generation}`, request.query, (q) =>
        audit.list({ id: tenant.id, generation: tenant.generation }, q),
      );
    },
  );

  app.get(
    '/v1/tenants/:id/audit/verify',
    {
      schema: {
        summary: "Verify a tenant's audit trail",
        description: "Recomputes the tenant's hash chain: `firstBroken` names the first entry altered, missing or out of order. 404 `tenant_not_found`.",
        tags: ['audit'],
        params: TenantId,
        response: { 200: json('The verification', AuditVerification.ref), ...problems(400, 404) },
      },
    },
    async (request) => {
      const tenant = await tenants.get(request.params.id);
      return audit.verify({ id: tenant.id, generation: tenant.generation });
    },
  );

  app.get(
    '/v1/tenants/:id/usage',
    {
      schema: {
        summary: "A tenant's metered usage",
        description: 'As GET /v1/usage gives it to the tenant. 404 `tenant_not_found`.',
        tags: ['audit'],
        params: TenantId,
        querystring: UsageQuery,
        response: { 200: json('The usage', UsageReport.ref), ...problems(400, 404) },
      },
    },
    async (request) => {
      const tenant = await tenants.get(request.params.id);
      return usage.report({ id: tenant.id, generation: tenant.generation }, request.query.month);
    },
  );

  app.get(
    '/v1/platform/audit',
    {
      schema: {
        summary: "The platform's audit trail",
        description:
          'Control-plane actions (tenants created, changed, suspended, moved, deleted; keys made and revoked by the admin) and failed authentications (one entry per minute and plane, with a count), oldest first. Filters: `action`, `actor`, `from`, `to`, `tenant`.',
        tags: ['audit'],
        querystring: Type.Object(
          { ...AuditFilters.properties, tenant: Type.Optional(Type.String({ maxLength: 64, description: 'Only entries concerning this tenant' })) },
          { additionalProperties: false },
        ),
        response: { 200: json('A page of entries', AuditPage.ref), ...problems(400) },
      },
    },
    async (request) =>
      auditPage(cursors, `platform-audit:${request.query.tenant ?? ''}`, request.query, (q) => platformAudit.list({ ...q, tenant: request.query.tenant })),
  );

  app.get(
    '/v1/platform/audit/verify',
    {
      schema: {
        summary: "Verify the platform's audit trail",
        description: "Recomputes the platform's hash chain: `firstBroken` names the first entry altered, missing or out of order.",
        tags: ['audit'],
        response: { 200: json('The verification', AuditVerification.ref) },
      },
    },
    async () => platformAudit.verify(),
  );
};
