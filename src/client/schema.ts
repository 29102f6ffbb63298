// Generated — do not edit. Run `npm run client:generate` after changing a route's schema.
// The types of the OpenAPI document served at GET /openapi.json, made by scripts/generate-client.mjs with
// openapi-typescript; `npm run client:check` (part of `npm test`) fails while this file is stale.

export interface paths {
    "/v1/tenants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a tenant
         * @description The tenant, whatever its status. 404 `tenant_not_found`.
         */
        get: operations["getTenantsById"];
        put?: never;
        post?: never;
        /**
         * Delete a tenant (an operation)
         * @description Its credentials stop working at once (the tenant is `deleting`); the operation then shuts the tenant out of its storage, drops it (rows, schema or database) and removes the tenant from the catalog, with its API keys and schedules. Asking again while it runs answers the same operation. Follow it at the `Location` given.
         */
        delete: operations["deleteTenantsById"];
        options?: never;
        head?: never;
        /**
         * Change a tenant's name, tier, settings or limits
         * @description At least one of name, tier, settings, limits; settings and limits replace what was there. 400 `unknown_tier`, `validation_failed` (an unknown limit key, a value out of range); 404 `tenant_not_found`; 409 `tenant_not_ready` while it is provisioned or deleted.
         */
        patch: operations["patchTenantsById"];
        trace?: never;
    };
    "/v1/tenants/{id}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a tenant to another strategy or cluster (an operation)
         * @description Online: the tenant keeps reading and writing while its data is copied; at the switch its writes wait (they do not fail) while the last changes are caught up and every table is verified (row count and checksum), then the catalog records the new place and the old one is removed. A failure before the switch leaves the tenant where it was. 400 `unknown_isolation`, `unknown_cluster`, `validation_failed` (already there); 409 `tenant_not_ready` (not active or suspended, or another operation under way).
         */
        post: operations["postTenantsByIdMove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a tenant's data key (an operation)
         * @description Adds a new data key version at once (new writes are encrypted under it), then re-encrypts every record sealed under an older version in the background and destroys the older versions; until then they stay readable. Asking while a rotation is under way answers it. 404 `tenant_not_found`; 409 `tenant_not_ready` (not active or suspended, or another operation under way).
         */
        post: operations["postTenantsByIdKeysRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List operations, newest first
         * @description Every operation, newest first, a page at a time; filtered by tenant, status and kind. 400 `invalid_cursor` for a cursor this list (with these filters) did not sign.
         */
        get: operations["getOperations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an operation
         * @description Its status, current step, progress and error. 404 `not_found`.
         */
        get: operations["getOperationsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A tenant's audit trail
         * @description The tenant's own trail, as GET /v1/audit gives it to the tenant. 404 `tenant_not_found`.
         */
        get: operations["getTenantsByIdAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify a tenant's audit trail
         * @description Recomputes the tenant's hash chain: `firstBroken` names the first entry altered, missing or out of order. 404 `tenant_not_found`.
         */
        get: operations["getTenantsByIdAuditVerify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A tenant's metered usage
         * @description As GET /v1/usage gives it to the tenant. 404 `tenant_not_found`.
         */
        get: operations["getTenantsByIdUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/platform/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The platform's audit trail
         * @description Control-plane actions (tenants created, changed, suspended, moved, deleted; keys made and revoked by the admin) and failed authentications (one entry per minute and plane, with a count), oldest first. Filters: `action`, `actor`, `from`, `to`, `tenant`.
         */
        get: operations["getPlatformAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/platform/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the platform's audit trail
         * @description Recomputes the platform's hash chain: `firstBroken` names the first entry altered, missing or out of order.
         */
        get: operations["getPlatformAuditVerify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export everything a tenant owns (NDJSON)
         * @description A header line (format, version, the tenant, counts at the start), one line per collection, record, model, model version, workflow, run and run step, and an end line with the counts written and the SHA-256 of the lines between the header and it (the same for two exports of the same data). Streamed as it is read, page by page (each page its own snapshot: suspend the tenant first for a point-in-time export). API keys are not exported. The export is an operation (kind `export`, listed at /v1/operations with the lines sent as its progress) until the last line is sent; 409 `tenant_not_ready` while another operation of the tenant (a move, a deletion, an import) is under way.
         */
        get: operations["getTenantsByIdExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore an export into an empty tenant
         * @description The body is an export (`application/x-ndjson`, up to TENANTRY_IMPORT_MAX_BYTES). Every line is checked before anything is written, and then all of it is written in one transaction: a malformed, truncated or altered file, or one past the tenant’s plan, changes nothing. A record that does not match its collection’s schema is a 400 unless ?validate=false, which restores it as it is (an export of a collection whose schema was changed with ?validate=false holds such records) and skips only that check. The tenant must be empty (409 `tenant_not_empty`). The import is an operation (kind `import`, with the lines read as its progress); 409 `tenant_not_ready` while another operation of the tenant is under way.
         */
        post: operations["postTenantsByIdImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a tenant's live API keys
         * @description As GET /v1/api-keys gives them to the tenant: keys neither revoked nor expired, by id, with when each was last used; never their secrets. 400 `invalid_cursor`; 404 `tenant_not_found`.
         */
        get: operations["getTenantsByIdApiKeys"];
        put?: never;
        /**
         * Create an API key for a tenant
         * @description A key of the tenant's with one role, for its data plane; the secret is in `key` in this answer only (stored hashed). The way to a tenant's first key. 404 `tenant_not_found`.
         */
        post: operations["postTenantsByIdApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a tenant's API key
         * @description The key stops working at once in this process, and in others once their key cache (TENANTRY_CATALOG_CACHE_MS) has expired. Only the tenant's own keys: another tenant's key id is 404 `not_found`, and stays live. 404 `tenant_not_found`.
         */
        delete: operations["deleteTenantsByIdApiKeysByKeyId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a tenant's models
         * @description As GET /v1/models gives them to the tenant: every model with its versions and their metrics, in one page. 403 `tenant_suspended`; 404 `tenant_not_found`.
         */
        get: operations["getTenantsByIdModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/models/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A tenant's model with its versions and metrics
         * @description As GET /v1/models/{name} gives it to the tenant. 403 `tenant_suspended`; 404 `tenant_not_found`, `not_found`.
         */
        get: operations["getTenantsByIdModelsByName"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a tenant's workflows
         * @description As GET /v1/workflows gives them to the tenant: definitions by name, a page at a time. 400 `invalid_cursor`; 403 `tenant_suspended`; 404 `tenant_not_found`.
         */
        get: operations["getTenantsByIdWorkflows"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/workflows/{name}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a tenant's runs of a workflow, newest first
         * @description As GET /v1/workflows/{name}/runs gives them to the tenant: runs without their input and steps (none for a workflow it has no runs of). 400 `invalid_cursor`; 403 `tenant_suspended`; 404 `tenant_not_found`.
         */
        get: operations["getTenantsByIdWorkflowsByNameRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a tenant's run and its steps
         * @description As GET /v1/runs/{id} gives it to the tenant: the run's status, input and every step's status, attempts, output and error. Another tenant's run id is 404 `not_found`. 403 `tenant_suspended`; 404 `tenant_not_found`.
         */
        get: operations["getTenantsByIdRunsByRunId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/platform/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The platform at a glance
         * @description Each cluster with its tenants (per strategy) and this process's connections to it (in use, idle, waiting), the process's connection budget, and HTTP requests per plan (count, 5xx, latency quantiles) since the process started. Another replica counts its own: /metrics of each, summed by Prometheus, is the fleet's view.
         */
        get: operations["getPlatformSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tenants
         * @description Every tenant in the catalog, by id, a page at a time. 400 `invalid_cursor` for a cursor this list did not sign.
         */
        get: operations["getTenants"];
        put?: never;
        /**
         * Create and provision a tenant
         * @description Provisions the tenant's storage (its rows, schema or database, by isolation) and answers when it is active. 400 `invalid_tenant_id`, `unknown_tier`, `unknown_isolation`, `unknown_cluster`, `validation_failed`; 409 `tenant_exists`, or `name_taken` when its role, schema or database exists on the server already.
         */
        post: operations["postTenants"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend a tenant
         * @description Its data plane answers 403 `tenant_suspended` until it is resumed; its data stays. Repeating is harmless. 404 `tenant_not_found`; 409 `tenant_not_ready` while it is provisioned or deleted.
         */
        post: operations["postTenantsByIdSuspend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a tenant
         * @description Serves its data plane again. Repeating is harmless. 404 `tenant_not_found`; 409 `tenant_not_ready` while it is provisioned or deleted.
         */
        post: operations["postTenantsByIdResume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's audit trail
         * @description Every write made with the tenant's credentials, oldest first: who, what, which path, the request id, when, and its place in the hash chain. Filters: `action`, `actor`, `from`, `to`. Admin role. 400 `invalid_cursor`.
         */
        get: operations["getAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the tenant's audit trail
         * @description Recomputes the tenant's hash chain from its first entry: `firstBroken` names the first entry altered, missing or out of order. Admin role.
         */
        get: operations["getAuditVerify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's metered usage
         * @description API requests, model trainings and workflow step-seconds in a month (hour by hour and in total), and what the tenant holds now. Admin role.
         */
        get: operations["getUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/collections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List collections
         * @description Every collection of the tenant's, in one page. Any role.
         */
        get: operations["getCollections"];
        put?: never;
        /**
         * Create a collection
         * @description A collection with an optional JSON Schema for its records' data and up to 16 indexed fields; `encrypted` fields are stored encrypted with the tenant's data key. Admin role. 400 for a bad name, schema or index path, or an index on an encrypted field (`field_encrypted`); 409 `collection_exists`, `limit_reached` (the plan's collections or indexes).
         */
        post: operations["postCollections"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/collections/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a collection
         * @description Its schema and indexes. Any role.
         */
        get: operations["getCollectionsByName"];
        put?: never;
        post?: never;
        /**
         * Drop a collection and its records
         * @description The collection, its records and its indexes are gone. Admin role.
         */
        delete: operations["deleteCollectionsByName"];
        options?: never;
        head?: never;
        /**
         * Change a collection's schema or indexes
         * @description At least one of schema (null removes it), indexes and encrypted (each replaces what was). A new schema is checked against the records already there unless ?validate=false. Admin role. 400 `field_encrypted` (an index on an encrypted field); 409 `records_do_not_match` (how many, which), `limit_reached`, `collection_not_empty` (encrypted fields change only while there are no records).
         */
        patch: operations["patchCollectionsByName"];
        trace?: never;
    };
    "/v1/collections/{name}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query records (filter, sort, cursor pagination)
         * @description Records matching `filter`, in `sort` order, a page at a time; `fields` projects data, `count` adds `total`. Filters compile to parameterised SQL. Any role. 400 `validation_failed` (a filter outside the language, or whose value contradicts the schema; an encrypted field), `invalid_cursor`, `query_too_expensive` (no index narrows it), `query_timeout`. A query no index narrows over 10,000 records or more (a scan) waits for one of the tenant's `concurrentScans` first: 429 `rate_limited` past its wait or line, 503 `busy` when the process runs all the scans it may; Retry-After says when a place will have been given back.
         */
        get: operations["getCollectionsByNameRecords"];
        put?: never;
        /**
         * Create a record
         * @description Stores `data` (checked by the collection's schema, if any) as version 1, with an id the server makes. Member role. 400 names what the schema refused; 409 `limit_reached` (storage), `collection_changed`.
         */
        post: operations["postCollectionsByNameRecords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/collections/{name}/records/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create up to 1000 records, all or nothing
         * @description Every record is checked first; one refused (400 naming `records[i].data`) and none is stored. Member role. 409 `limit_reached` (storage), `collection_changed`.
         */
        post: operations["postCollectionsByNameRecordsBulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/collections/{name}/records/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a record
         * @description The record and its version (ETag). With If-None-Match naming the current version: 304, no body. Any role.
         */
        get: operations["getCollectionsByNameRecordsById"];
        /**
         * Replace a record
         * @description `data` replaces the record's, checked by the collection's schema; the version goes up by one. With If-Match, only if the record is at that version (412 `version_conflict` otherwise). A record that does not exist is a 404, not created. Member role.
         */
        put: operations["putCollectionsByNameRecordsById"];
        post?: never;
        /**
         * Delete a record
         * @description With If-Match, only if the record is at that version (412 `version_conflict` otherwise). Member role.
         */
        delete: operations["deleteCollectionsByNameRecordsById"];
        options?: never;
        head?: never;
        /**
         * Merge into a record (RFC 7396)
         * @description `data` is merged into the record (JSON Merge Patch: null removes a field), checked by the collection's schema; the version goes up by one. With If-Match, only if the record is at that version (412 `version_conflict` otherwise). A record that does not exist is a 404, not created. Member role.
         */
        patch: operations["patchCollectionsByNameRecordsById"];
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List models
         * @description Every model, with its versions, in one page. Any role.
         */
        get: operations["getModels"];
        put?: never;
        /**
         * Define a model and train its first version
         * @description Classification and regression take `features` and `target`; recommendation takes `fields` ({user, item, weight?}). The definition and the data are checked first (400, nothing created); version 1 then trains in the worker pool: poll the model until its status is ready or failed. Member role. 409 `model_exists`, `limit_reached`.
         */
        post: operations["postModels"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A model with its versions, metrics, feature spec and weights
         * @description The status is the newest version's; metrics, feature spec and weights are the newest ready version's. Any role.
         */
        get: operations["getModelsByName"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{name}/train": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Train a new version
         * @description Trains on the collection's records as they are now, in the worker pool; older versions past the plan's modelVersionsKept are pruned. Member role. 409 `limit_reached`.
         */
        post: operations["postModelsByNameTrain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{name}/predict": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Predict for up to 1000 inputs
         * @description Each input is an object of feature values (missing ones allowed); the newest ready version predicts unless `version` names one. Viewer role. 400 for an input whose prediction would overflow; 409 `model_not_ready`.
         */
        post: operations["postModelsByNamePredict"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{name}/recommend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Top items a user has not interacted with
         * @description For a recommendation model: items scored for `user` from similar users, best first. Viewer role. 409 `model_not_ready`.
         */
        post: operations["postModelsByNameRecommend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflows/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a workflow definition
         * @description The current revision. Any role.
         */
        get: operations["getWorkflowsByName"];
        /**
         * Create or replace a workflow definition
         * @description Steps run when the steps they need have succeeded; runs already started keep the revision they started with. Admin role. 400 for a definition that does not hold together (unknown step, cycle, bad parameters, a schedule whose slots come closer than the plan's `minScheduleIntervalMs`); 409 `limit_reached` for a new workflow past `maxWorkflows`.
         */
        put: operations["putWorkflowsByName"];
        post?: never;
        /**
         * Drop a workflow definition
         * @description Its schedule stops. Admin role.
         */
        delete: operations["deleteWorkflowsByName"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List workflows
         * @description Workflow definitions by name, a page at a time. Any role. 400 `invalid_cursor`.
         */
        get: operations["getWorkflows"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflows/{name}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a workflow's runs, newest first
         * @description Runs without their input and steps, newest first. Any role. 400 `invalid_cursor`.
         */
        get: operations["getWorkflowsByNameRuns"];
        put?: never;
        /**
         * Start a run
         * @description Queues a run of the current revision and answers at once (202); poll the run (Location) for its steps. The body may be left out (input null). With an `Idempotency-Key`, repeating the request answers with the same run and `Idempotent-Replayed: true`; the same key with another body is a 422. Member role. 429 also when the tenant's queue of runs is full.
         */
        post: operations["postWorkflowsByNameRuns"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a run and its steps
         * @description The run's status, input and every step's status, attempts, output and error. Any role.
         */
        get: operations["getRunsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/runs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a queued or running run
         * @description Unfinished steps become `cancelled`; the result of a step running right now is discarded. Member role. 409 `run_finished` for a run that has finished.
         */
        post: operations["postRunsByIdCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The calling tenant
         * @description The tenant the credential is for: id, name, tier, settings, limit overrides, and its usage — this month's metered totals and what it holds now. Any role.
         */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the calling tenant's settings
         * @description A JSON merge patch (RFC 7396) of the tenant's settings — feature flags, branding, defaults: keys given are set, `null` removes one, objects merge. `region` decides where the tenant's data is kept and only the platform sets it (`PATCH /v1/tenants/{id}`): a patch changing it is 403 `forbidden`. The settings are at most 64 KiB as JSON (400). Concurrent patches both apply. Admin role.
         */
        patch: operations["patchTenantSettings"];
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenant's live API keys
         * @description Keys neither revoked nor expired, by id, a page at a time, with when each was last used (to the minute); never their secrets. Admin role. 400 `invalid_cursor`.
         */
        get: operations["getApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description A key of the calling tenant's with one role, optionally expiring at `expiresAt`; the secret is in `key` in this answer only (stored hashed). Admin role.
         */
        post: operations["postApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an API key
         * @description A new key with the same name and role (its secret in `key`, this once); the old key keeps working for `overlapSeconds` (default 3600), then expires — switch clients over meanwhile. Admin role. 404 for a key that is not live or was replaced already.
         */
        post: operations["postApiKeysByIdRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description The key stops working at once in this process, and in others once their key cache (TENANTRY_CATALOG_CACHE_MS) has expired. Admin role.
         */
        delete: operations["deleteApiKeysById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description An error (RFC 9457 problem details), sent as application/problem+json */
        Problem: {
            /** @description urn:tenantry:error:<code> */
            type: string;
            /** @description The title of the code (the same for every problem of a code) */
            title: string;
            /** @description The HTTP status */
            status: number;
            /** @description What went wrong, for people; a 5xx says nothing internal */
            detail: string;
            /**
             * @description A stable machine string (src/errors.ts)
             * @enum {string}
             */
            code: "validation_failed" | "invalid_cursor" | "unauthorized" | "forbidden" | "payload_too_large" | "uri_too_long" | "headers_too_large" | "request_timeout" | "rate_limited" | "query_timeout" | "query_too_expensive" | "unsupported_media_type" | "invalid_tenant_id" | "unknown_tier" | "unknown_isolation" | "unknown_cluster" | "field_encrypted" | "not_found" | "tenant_not_found" | "tenant_exists" | "name_taken" | "region_mismatch" | "collection_exists" | "model_exists" | "model_not_ready" | "run_finished" | "limit_reached" | "collection_changed" | "collection_not_empty" | "records_do_not_match" | "version_conflict" | "idempotency_key_reused" | "tenant_suspended" | "quota_exceeded" | "tenant_mismatch" | "tenant_not_ready" | "tenant_not_empty" | "tenant_scope_required" | "migration_failed" | "busy" | "overloaded" | "data_corrupt" | "key_unavailable" | "internal";
            /** @description The request path this problem is about (without its query; a tenant in the path as {tenant}) */
            instance?: string;
            /** @description The request id (X-Request-Id), for the logs */
            requestId?: string;
            /** @description Every problem a 400 found in the request (at most 20) */
            errors?: {
                /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                pointer: string;
                message: string;
            }[];
        };
        /** @description An API key (never its secret) */
        ApiKey: {
            /** @description The key id (the middle of tnty_<id>_<secret>) */
            id: string;
            name: string;
            /**
             * @description admin: keys, collection schemas, workflow definitions; member: write data, train, run; viewer: read, predict, recommend
             * @enum {string}
             */
            role: "admin" | "member" | "viewer";
            /** Format: date-time */
            createdAt: string;
            /** @description When it stops working; null: never */
            expiresAt: string | null;
            /** @description When it last authenticated a request, to the minute (null: never) */
            lastUsedAt: string | null;
            /** @description The key that replaced it (a rotation); it works until expiresAt */
            replacedBy: string | null;
        };
        /** @description A new API key, with its secret */
        ApiKeyCreated: {
            /** @description The key id (the middle of tnty_<id>_<secret>) */
            id: string;
            name: string;
            /**
             * @description admin: keys, collection schemas, workflow definitions; member: write data, train, run; viewer: read, predict, recommend
             * @enum {string}
             */
            role: "admin" | "member" | "viewer";
            /** Format: date-time */
            createdAt: string;
            /** @description When it stops working; null: never */
            expiresAt: string | null;
            /** @description When it last authenticated a request, to the minute (null: never) */
            lastUsedAt: string | null;
            /** @description The key that replaced it (a rotation); it works until expiresAt */
            replacedBy: string | null;
            /** @description tnty_<keyId>_<secret>: shown this once; send it as Authorization: Bearer … */
            key: string;
        };
        /** @description Long-running control-plane work (a deletion, …) and where it stands */
        Operation: {
            /** Format: uuid */
            id: string;
            /**
             * @description What the operation does
             * @enum {string}
             */
            kind: "provision" | "delete" | "move" | "export" | "import" | "migrate" | "rotate-key";
            /** @description The tenant it works on */
            tenantId: string | null;
            /**
             * @description queued → running → succeeded or failed
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
            /** @description What it is doing now, or did last */
            step: string | null;
            /** @description Steps (or items) done of total */
            progress: {
                done: number;
                total: number | null;
            };
            /** @description Why it failed */
            error: string | null;
            /** @description Runs started; more than one when a process resumed it */
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description A page of a list */
        OperationPage: {
            items: components["schemas"]["Operation"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description What an import restored */
        ImportSummary: {
            tenantId: string;
            /** @description Lines read, the header and the end line included */
            lines: number;
            bytes: number;
            counts: {
                collections: number;
                records: number;
                models: number;
                modelVersions: number;
                workflows: number;
                runs: number;
                runSteps: number;
                auditEntries: number;
            };
            /** @description Runs that were queued or running when the tenant was exported arrive cancelled; versions that were training arrive failed */
            interrupted: {
                runs: number;
                modelVersions: number;
            };
            /** @description Whether the tenant's settings were replaced by the file's */
            settingsRestored: boolean;
        };
        /** @description An entry of an audit trail */
        AuditEntry: {
            /** @description Its place in the chain, from 1 */
            seq: number;
            /** Format: date-time */
            at: string;
            /** @description `admin`, `key:<api key id>`, `jwt:<subject>`, or `anonymous` (failed authentications) */
            actor: string;
            /** @description The route, e.g. `POST /v1/collections/{name}/records`; `auth.failed` for failed authentications */
            action: string;
            /** @description The path written to */
            target: string | null;
            /** @description The tenant (in the platform trail: the tenant concerned, if any) */
            tenant: string | null;
            requestId: string | null;
            /** @description `success`, `accepted` (an operation started) or `denied` */
            outcome: string;
            /** @description More about the action (a count of failed authentications, the status) */
            detail: {
                [key: string]: unknown;
            } | null;
            /** @description sha256(previous hash || RFC 8785 canonical JSON of the entry), hex */
            hash: string;
        };
        /** @description A page of audit entries, oldest first */
        AuditPage: {
            items: components["schemas"]["AuditEntry"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description The verification of an audit chain */
        AuditVerification: {
            /** @description Every entry follows from the one before it, and the head is the last */
            ok: boolean;
            /** @description Entries checked before the first broken link (all of them when ok) */
            entries: number;
            /** @description The chain's head as recorded */
            head: {
                seq: number;
                hash: string;
            } | null;
            /** @description The first entry altered, missing or out of order */
            firstBroken: {
                seq: number;
                reason: string;
            } | null;
        };
        /** @description A tenant's metered usage in a month: API requests, model trainings, workflow step-seconds, and the costs attributed to it (database seconds, CPU seconds) */
        UsageReport: {
            tenant: string | null;
            /** @description YYYY-MM (UTC) */
            month: string;
            totals: {
                /** @description Authenticated data-plane requests */
                apiRequests: number;
                /** @description Model trainings started */
                modelTrainings: number;
                /** @description Wall time of the tenant's workflow steps and jobs, in seconds */
                workflowStepSeconds: number;
                /** @description Wall time of the tenant's database statements (round trips of its scopes), in seconds */
                databaseSeconds: number;
                /** @description CPU time charged to the tenant, in seconds: the server's CPU apportioned between the tenants whose requests and steps were in flight (an estimate), plus its trainings' and evaluations' CPU measured in their processes */
                cpuSeconds: number;
            };
            /** @description Hour by hour */
            hours: {
                tenantId: string;
                /** Format: date-time */
                hour: string;
                /** @description One of the names in totals */
                metric: string;
                n: number;
            }[];
            /** @description What the tenant holds now (storageBytes: record data, measured at most once a minute) */
            current?: {
                records: number;
                collections: number;
                models: number;
                storageBytes: number;
            };
        };
        /** @description One trained (or training) version of a model */
        ModelVersion: {
            version: number;
            /** @enum {string} */
            status: "queued" | "training" | "ready" | "failed";
            /** @description Why training failed */
            error: string | null;
            /** @description Held-out metrics once trained: accuracy, logLoss (classification); rmse, r2 (regression); precisionAt10, recallAt10 (recommendation); trainRows, testRows */
            metrics: {
                [key: string]: number | null;
            } | null;
            /** Format: date-time */
            createdAt: string;
            finishedAt: string | null;
        };
        /** @description A model and its versions */
        Model: {
            name: string;
            /**
             * @description classification: a label from features; regression: a number from features; recommendation: items for a user from interactions
             * @enum {string}
             */
            kind: "classification" | "regression" | "recommendation";
            /** @description The collection it trains on */
            collection: string;
            features: string[];
            /** @description The field predicted (null for recommendation) */
            target: string | null;
            fields: {
                /** @description A data field (dot path) */
                user: string;
                /** @description A data field (dot path) */
                item: string;
                /** @description A data field (dot path) */
                weight?: string;
            } | null;
            options?: {
                /** @description Ridge penalty */
                l2?: number;
                /** @description Seed of the train/test split */
                seed?: number;
            };
            /**
             * @description Of the newest version
             * @enum {string}
             */
            status: "queued" | "training" | "ready" | "failed";
            /** @description Newest first */
            versions: components["schemas"]["ModelVersion"][];
            /** @description Of the newest ready version: how each feature is encoded */
            featureSpec: {
                field: string;
                /** @enum {string} */
                type: "number" | "boolean" | "category";
                mean?: number;
                std?: number;
                categories?: string[];
                /** @description Whether training rows lacked it (a missing-flag column follows) */
                missing: boolean;
            }[] | null;
            /** @description Of the newest ready version, for linear models: the weight of each feature column (per class for classification); else null */
            weights: unknown;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description Every model */
        ModelList: {
            items: components["schemas"]["Model"][];
            /** @description Always null: every model is in one page */
            nextCursor: null;
        };
        /** @description Classification: the likeliest label and every label's probability; regression: the value */
        Prediction: {
            label: string | number | boolean;
            /** @description Of each label */
            probabilities: {
                [key: string]: number;
            };
        } | {
            value: number;
        };
        Predictions: {
            /** @description The version that predicted */
            version: number;
            /** @description One per input, in order */
            predictions: components["schemas"]["Prediction"][];
        };
        Recommendations: {
            /** @description The version that recommended */
            version: number;
            /** @description Best first */
            items: {
                item: string;
                score: number;
            }[];
        };
        /** @description A step of a workflow definition */
        WorkflowStep: {
            /** @description Unique in the workflow: letters, digits, _ and - */
            id: string;
            /** @enum {string} */
            kind: "records.query" | "records.write" | "transform" | "ml.train" | "ml.predict" | "http.request" | "delay";
            /** @description Steps that must succeed first (their outputs are in steps.<id>) */
            needs?: string[];
            /** @description The parameters of the kind; a value {"$expr": "…"} is a JSONata expression over {input, steps} */
            with?: {
                [key: string]: unknown;
            };
            retry?: {
                attempts: number;
                backoff?: {
                    /** @enum {string} */
                    type: "exponential" | "fixed";
                    delayMs: number;
                };
            };
            timeoutMs?: number;
        };
        /** @description A workflow definition */
        Workflow: {
            name: string;
            steps: components["schemas"]["WorkflowStep"][];
            /** @description Start a run on this schedule (no closer than the plan allows) */
            schedule?: {
                /** @description Five or six cron fields */
                cron: string;
                /** @description An IANA time zone; default UTC */
                timezone?: string;
            };
            /** @description Goes up by one with every replacement */
            revision: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description A page of workflows */
        WorkflowPage: {
            items: components["schemas"]["Workflow"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description A run, without its input and steps */
        RunSummary: {
            /** Format: uuid */
            id: string;
            workflow: string;
            /** @description The revision of the definition it runs */
            revision: number;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            /** @enum {string} */
            trigger: "manual" | "schedule";
            /** Format: date-time */
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
        };
        /** @description A page of runs, newest first */
        RunPage: {
            items: components["schemas"]["RunSummary"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description A step of a run */
        RunStep: {
            id: string;
            kind: string;
            /** @enum {string} */
            status: "pending" | "queued" | "running" | "succeeded" | "failed" | "skipped" | "cancelled";
            attempts: number;
            /** @description What the step produced (null until it succeeds) */
            output: unknown;
            error: string | null;
            startedAt: string | null;
            finishedAt: string | null;
        };
        /** @description A run of a workflow, with its steps */
        Run: {
            /** Format: uuid */
            id: string;
            workflow: string;
            /** @description The revision of the definition it runs */
            revision: number;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            /** @enum {string} */
            trigger: "manual" | "schedule";
            /** Format: date-time */
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
            /** @description The input it was started with (null for none) */
            input: unknown;
            steps: components["schemas"]["RunStep"][];
        };
        /** @description A collection of records: its name, its records' JSON Schema and its indexes */
        Collection: {
            name: string;
            /** @description A JSON Schema every record's data must match, or null for none */
            schema: {
                [key: string]: unknown;
            } | null;
            indexes: string[];
            /** @description Top-level data fields stored encrypted */
            encrypted: string[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description Every collection */
        CollectionList: {
            items: components["schemas"]["Collection"][];
            /** @description Always null: every collection is in one page */
            nextCursor: null;
        };
        /** @description A record: a JSON object with an id and a version */
        Record: {
            /**
             * Format: uuid
             * @description Made by the server: a UUIDv7 (time-ordered), or derived from the run by a workflow's records.write
             */
            id: string;
            /** @description The record's JSON object (checked by the collection's schema, if it has one) */
            data: {
                [key: string]: unknown;
            };
            /** @description Goes up by one with every write; the ETag */
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description A page of records */
        RecordPage: {
            items: components["schemas"]["Record"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
            /** @description With ?count=: the records matching the filter (an estimate with count=estimated) */
            total?: number;
        };
        /** @description The records created, in the order sent */
        RecordBatch: {
            items: components["schemas"]["Record"][];
        };
        /** @description The calling tenant, as its own credentials see it */
        OwnTenant: {
            id: string;
            name: string;
            /** @enum {string} */
            tier: "free" | "pro" | "enterprise";
            /** @description Free-form settings the platform admin set */
            settings: {
                [key: string]: unknown;
            };
            /** @description Overrides of its tier's plan limits */
            limits: {
                [key: string]: unknown;
            };
            /** @description This month's metered totals (as GET /v1/usage adds them up) and what the tenant holds now */
            usage: {
                /** @description This month, YYYY-MM (UTC) */
                month: string;
                totals: {
                    /** @description Authenticated data-plane requests */
                    apiRequests: number;
                    /** @description Model trainings started */
                    modelTrainings: number;
                    /** @description Wall time of the tenant's workflow steps and jobs, in seconds */
                    workflowStepSeconds: number;
                    /** @description Wall time of the tenant's database statements (round trips of its scopes), in seconds */
                    databaseSeconds: number;
                    /** @description CPU time charged to the tenant, in seconds: the server's CPU apportioned between the tenants whose requests and steps were in flight (an estimate), plus its trainings' and evaluations' CPU measured in their processes */
                    cpuSeconds: number;
                };
                /** @description What the tenant holds now (storageBytes: record data, measured at most once a minute) */
                current: {
                    records: number;
                    collections: number;
                    models: number;
                    storageBytes: number;
                };
            };
        };
        /** @description A page of a list */
        ApiKeyPage: {
            items: components["schemas"]["ApiKey"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description The platform at a glance, as this process sees it: clusters with their tenants and connections, and each plan's requests */
        PlatformSummary: {
            /** Format: date-time */
            at: string;
            /** @description Since this process started: the request counts below are since then */
            uptimeSeconds: number;
            clusters: {
                name: string;
                /** @description pglite or postgres */
                kind: string;
                /** @description Live tenants placed on it (not being deleted) */
                tenants: number;
                byIsolation: {
                    pooled: number;
                    schema: number;
                    database: number;
                };
                /** @description This process's connections to the cluster's main database */
                pools: {
                    /** @description admin (migrations, provisioning) or app (tenant scopes) */
                    pool: string;
                    /** @description Connections open */
                    total: number;
                    inUse: number;
                    idle: number;
                    /** @description Requests waiting for a connection */
                    waiting: number;
                }[];
            }[];
            /** @description This process's connection budget over every pool (TENANTRY_MAX_CONNECTIONS); null without one */
            connections: {
                held: number;
                waiting: number;
                max: number;
            } | null;
            /** @description HTTP requests per plan, from the metrics (tenantry_http_request_duration_seconds): counts since the process started; quantiles estimated from the histogram buckets as Prometheus histogram_quantile does. A rate is the difference of two readings over the time between them. */
            requests: {
                /** @description The plan of the tenant whose credential the request carried; `none` for the control plane and unauthenticated requests */
                tier: string;
                /** @description Answered by this process since it started */
                requests: number;
                /** @description Of which answered 5xx */
                errors: number;
                /** @description Their latencies added up (seconds / requests is the mean) */
                seconds: number;
                p50: number | null;
                p95: number | null;
                p99: number | null;
            }[];
        };
        /** @description A tenant, as the control plane sees it */
        Tenant: {
            /** @description 3-40 lowercase letters, digits and -, starting with a letter */
            id: string;
            name: string;
            /** @enum {string} */
            tier: "free" | "pro" | "enterprise";
            /**
             * @description pooled: rows in shared tables (row-level security); schema: a schema of its own; database: a database of its own
             * @enum {string}
             */
            isolation: "pooled" | "schema" | "database";
            /** @description The configured cluster (database server) holding its data */
            cluster: string;
            /**
             * @description Only an active tenant is served on the data plane (suspended: 403)
             * @enum {string}
             */
            status: "provisioning" | "active" | "suspended" | "deleting";
            /** @description Free-form settings (feature flags, branding, defaults) */
            settings: {
                [key: string]: unknown;
            };
            /** @description Overrides of its tier's plan limits: requestsPerMinute, workflowConcurrency, maxCollections, maxIndexes, statementTimeoutMs, poolShare, queryCost, concurrentScans, maxWorkflows, minScheduleIntervalMs, evaluationTimeoutMs, trainingTimeMs, trainingCells, trainingWidth, runRetentionDays, modelVersionsKept, storageBytes, maxRecords, maxModels, shedAt */
            limits: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description A page of a list */
        TenantPage: {
            items: components["schemas"]["Tenant"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description The request id: the X-Request-Id sent (visible ASCII, at most 128) or one made up */
        "X-Request-Id": string;
        /** @description The tenant's requests per minute */
        "RateLimit-Limit": number;
        /** @description Requests left in the bucket now */
        "RateLimit-Remaining": number;
        /** @description Seconds until the bucket is full again */
        "RateLimit-Reset": number;
        /** @description Seconds to wait before trying again */
        "Retry-After": number;
        /** @description The path of what was created or started (under /t/{tenant} when the request came that way) */
        Location: string;
        /** @description The record's version, quoted (`"3"`): send it back in If-Match or If-None-Match */
        ETag: string;
        /** @description Present when the Idempotency-Key was seen before: this is the first answer again */
        "Idempotent-Replayed": "true";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getTenantsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 3-40 lowercase letters, digits and -, starting with a letter */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteTenantsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deletion, queued or under way */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01936d2a-7c4e-7b1a-9f3e-2d5c8a1b4e6f",
                     *       "kind": "delete",
                     *       "tenantId": "acme",
                     *       "status": "running",
                     *       "step": "dropping its storage",
                     *       "progress": {
                     *         "done": 2,
                     *         "total": 4
                     *       },
                     *       "error": null,
                     *       "attempts": 1,
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "startedAt": "2026-01-05T10:00:00.050Z",
                     *       "finishedAt": null,
                     *       "updatedAt": "2026-01-05T10:00:00.120Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Operation"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchTenantsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 3-40 lowercase letters, digits and -, starting with a letter */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Acme Inc",
                 *       "limits": {
                 *         "requestsPerMinute": 1200
                 *       }
                 *     }
                 */
                "application/json": {
                    name?: string;
                    /**
                     * @description The isolation stays (moving is its own operation)
                     * @enum {string}
                     */
                    tier?: "free" | "pro" | "enterprise";
                    /** @description Replaces the settings */
                    settings?: {
                        [key: string]: unknown;
                    };
                    /** @description Replaces the overrides; keys: requestsPerMinute, workflowConcurrency, maxCollections, maxIndexes, statementTimeoutMs, poolShare, queryCost, concurrentScans, maxWorkflows, minScheduleIntervalMs, evaluationTimeoutMs, trainingTimeMs, trainingCells, trainingWidth, runRetentionDays, modelVersionsKept, storageBytes, maxRecords, maxModels, shedAt (unknown keys and values out of range: 400) */
                    limits?: {
                        [key: string]: number;
                    };
                };
            };
        };
        responses: {
            /** @description The tenant, changed */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTenantsByIdMove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "isolation": "database"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description Where to: default, where it is
                     * @enum {string}
                     */
                    isolation?: "pooled" | "schema" | "database";
                    /** @description A configured cluster; default, where it is */
                    cluster?: string;
                };
            };
        };
        responses: {
            /** @description The move, queued or under way */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01936d2a-7c4e-7b1a-9f3e-2d5c8a1b4e6f",
                     *       "kind": "move",
                     *       "tenantId": "acme",
                     *       "status": "running",
                     *       "step": "copying",
                     *       "progress": {
                     *         "done": 2,
                     *         "total": 4
                     *       },
                     *       "error": null,
                     *       "attempts": 1,
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "startedAt": "2026-01-05T10:00:00.050Z",
                     *       "finishedAt": null,
                     *       "updatedAt": "2026-01-05T10:00:00.120Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Operation"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTenantsByIdKeysRotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The re-encryption, queued or under way */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01936d2a-7c4e-7b1a-9f3e-2d5c8a1b4e6f",
                     *       "kind": "rotate-key",
                     *       "tenantId": "acme",
                     *       "status": "running",
                     *       "step": "re-encrypting under key version 2",
                     *       "progress": {
                     *         "done": 200,
                     *         "total": 1000
                     *       },
                     *       "error": null,
                     *       "attempts": 1,
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "startedAt": "2026-01-05T10:00:00.050Z",
                     *       "finishedAt": null,
                     *       "updatedAt": "2026-01-05T10:00:00.120Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Operation"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOperations: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description The `nextCursor` of the page before (opaque, signed, bound to this list) */
                cursor?: string;
                /** @description Only this tenant's operations */
                tenant?: string;
                /** @description Only operations in this status */
                status?: "queued" | "running" | "succeeded" | "failed";
                /** @description Only operations of this kind */
                kind?: "provision" | "delete" | "move" | "export" | "import" | "migrate" | "rotate-key";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of operations */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "01936d2a-7c4e-7b1a-9f3e-2d5c8a1b4e6f",
                     *           "kind": "delete",
                     *           "tenantId": "acme",
                     *           "status": "running",
                     *           "step": "dropping its storage",
                     *           "progress": {
                     *             "done": 2,
                     *             "total": 4
                     *           },
                     *           "error": null,
                     *           "attempts": 1,
                     *           "createdAt": "2026-01-05T10:00:00.000Z",
                     *           "startedAt": "2026-01-05T10:00:00.050Z",
                     *           "finishedAt": null,
                     *           "updatedAt": "2026-01-05T10:00:00.120Z"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["OperationPage"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOperationsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The operation id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The operation */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01936d2a-7c4e-7b1a-9f3e-2d5c8a1b4e6f",
                     *       "kind": "delete",
                     *       "tenantId": "acme",
                     *       "status": "running",
                     *       "step": "dropping its storage",
                     *       "progress": {
                     *         "done": 2,
                     *         "total": 4
                     *       },
                     *       "error": null,
                     *       "attempts": 1,
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "startedAt": "2026-01-05T10:00:00.050Z",
                     *       "finishedAt": null,
                     *       "updatedAt": "2026-01-05T10:00:00.120Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Operation"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantsByIdAudit: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description The `nextCursor` of the page before (opaque, signed, bound to this list) */
                cursor?: string;
                /** @description Only entries of this action */
                action?: string;
                /** @description Only entries of this actor */
                actor?: string;
                /** @description Entries at or after this instant */
                from?: string;
                /** @description Entries before this instant */
                to?: string;
            };
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantsByIdAuditVerify: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The verification */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerification"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantsByIdUsage: {
        parameters: {
            query?: {
                /** @description YYYY-MM (UTC); default this month */
                month?: string;
            };
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The usage */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageReport"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPlatformAudit: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description The `nextCursor` of the page before (opaque, signed, bound to this list) */
                cursor?: string;
                /** @description Only entries of this action */
                action?: string;
                /** @description Only entries of this actor */
                actor?: string;
                /** @description Entries at or after this instant */
                from?: string;
                /** @description Entries before this instant */
                to?: string;
                /** @description Only entries concerning this tenant */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPlatformAuditVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The verification */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerification"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantsByIdExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTenantsByIdImport: {
        parameters: {
            query?: {
                /** @description Check each record against its collection's schema (400 for the first that does not match); false restores such records as they are. Everything else is checked either way */
                validate?: boolean;
            };
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-ndjson": string;
            };
        };
        responses: {
            /** @description What was restored */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportSummary"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantsByIdApiKeys: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description The `nextCursor` of the page before (opaque, signed, bound to this list) */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of keys */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTenantsByIdApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 3-40 lowercase letters, digits and -, starting with a letter */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "ingest",
                 *       "role": "member"
                 *     }
                 */
                "application/json": {
                    name: string;
                    /**
                     * @description admin: keys, collection schemas, workflow definitions; member: write data, train, run; viewer: read, predict, recommend
                     * @enum {string}
                     */
                    role: "admin" | "member" | "viewer";
                    /**
                     * Format: date-time
                     * @description When the key stops working (401 from then on); none if left out
                     */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description The key, with its secret */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "k3v9x2m8q1w7e5r4",
                     *       "name": "ingest",
                     *       "role": "member",
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "expiresAt": null,
                     *       "lastUsedAt": null,
                     *       "replacedBy": null,
                     *       "key": "tnty_k3v9x2m8q1w7e5r4_Vb3Ck2nQ8xJr5tYw1zLp0aHs6dFg9eRu4iOm7TqXyZc"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteTenantsByIdApiKeysByKeyId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
                /** @description The key id */
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantsByIdModels: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The models */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelList"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantsByIdModelsByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
                /** @description The model */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Model"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantsByIdWorkflows: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description The `nextCursor` of the page before (opaque, signed, bound to this list) */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of workflows */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowPage"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantsByIdWorkflowsByNameRuns: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description The `nextCursor` of the page before (opaque, signed, bound to this list) */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
                /** @description The workflow */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of runs */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunPage"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantsByIdRunsByRunId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant id */
                id: string;
                /** @description The run id */
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPlatformSummary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformSummary"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenants: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description The `nextCursor` of the page before (opaque, signed, bound to this list) */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tenants */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "acme",
                     *           "name": "Acme Inc",
                     *           "tier": "pro",
                     *           "isolation": "schema",
                     *           "cluster": "main",
                     *           "status": "active",
                     *           "settings": {},
                     *           "limits": {},
                     *           "createdAt": "2026-01-05T10:00:00.000Z",
                     *           "updatedAt": "2026-01-05T10:00:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["TenantPage"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTenants: {
        parameters: {
            query?: never;
            header?: {
                /** @description `respond-async`: a schema or database tenant is provisioned as an operation (202) */
                prefer?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 3-40 lowercase letters, digits and -, starting with a letter */
                    id: string;
                    /** @description Defaults to the id */
                    name?: string;
                    /**
                     * @description Default free
                     * @enum {string}
                     */
                    tier?: "free" | "pro" | "enterprise";
                    /**
                     * @description Default by tier: free pooled, pro schema, enterprise database
                     * @enum {string}
                     */
                    isolation?: "pooled" | "schema" | "database";
                    /** @description A configured cluster; default the one with the fewest tenants of the strategy (within the tenant's region) */
                    cluster?: string;
                    /** @description Free-form settings (feature flags, branding, defaults). `region` (e.g. `eu`) places the tenant only on clusters labelled `region=eu` (TENANTRY_CLUSTER_LABELS), and keeps its moves there: 409 `region_mismatch` otherwise */
                    settings?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description The tenant, active */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "acme",
                     *       "name": "Acme Inc",
                     *       "tier": "pro",
                     *       "isolation": "schema",
                     *       "cluster": "main",
                     *       "status": "active",
                     *       "settings": {},
                     *       "limits": {},
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "updatedAt": "2026-01-05T10:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description With Prefer: respond-async, a schema or database tenant: the provisioning operation (the tenant is `provisioning` until it succeeds) */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Operation"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTenantsByIdSuspend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 3-40 lowercase letters, digits and -, starting with a letter */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTenantsByIdResume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 3-40 lowercase letters, digits and -, starting with a letter */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAudit: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description The `nextCursor` of the page before (opaque, signed, bound to this list) */
                cursor?: string;
                /** @description Only entries of this action */
                action?: string;
                /** @description Only entries of this actor */
                actor?: string;
                /** @description Entries at or after this instant */
                from?: string;
                /** @description Entries before this instant */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAuditVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The verification */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerification"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUsage: {
        parameters: {
            query?: {
                /** @description YYYY-MM (UTC); default this month */
                month?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The usage */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageReport"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCollections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The collections */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CollectionList"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postCollections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "orders",
                 *       "schema": {
                 *         "type": "object",
                 *         "properties": {
                 *           "item": {
                 *             "type": "string"
                 *           },
                 *           "total": {
                 *             "type": "number"
                 *           }
                 *         },
                 *         "required": [
                 *           "item"
                 *         ]
                 *       },
                 *       "indexes": [
                 *         "total"
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description Lowercase letters, digits and _, starting with a letter */
                    name: string;
                    /** @description A JSON Schema every record's data must match, or null for none */
                    schema?: {
                        [key: string]: unknown;
                    } | null;
                    /** @description Data fields (dot paths) to index, for filters and sorts on them */
                    indexes?: string[];
                    /** @description Top-level data fields stored encrypted under the tenant's data key (AES-256-GCM); they cannot be filtered, sorted, indexed or used by models. Changeable only while the collection has no records */
                    encrypted?: string[];
                };
            };
        };
        responses: {
            /** @description The collection */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "orders",
                     *       "schema": {
                     *         "type": "object",
                     *         "properties": {
                     *           "item": {
                     *             "type": "string"
                     *           },
                     *           "total": {
                     *             "type": "number"
                     *           }
                     *         },
                     *         "required": [
                     *           "item"
                     *         ]
                     *       },
                     *       "indexes": [
                     *         "total"
                     *       ],
                     *       "encrypted": [],
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "updatedAt": "2026-01-05T10:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Collection"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCollectionsByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The collection */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The collection */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "orders",
                     *       "schema": {
                     *         "type": "object",
                     *         "properties": {
                     *           "item": {
                     *             "type": "string"
                     *           },
                     *           "total": {
                     *             "type": "number"
                     *           }
                     *         },
                     *         "required": [
                     *           "item"
                     *         ]
                     *       },
                     *       "indexes": [
                     *         "total"
                     *       ],
                     *       "encrypted": [],
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "updatedAt": "2026-01-05T10:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Collection"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteCollectionsByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The collection */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Dropped */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchCollectionsByName: {
        parameters: {
            query?: {
                /** @description Check a new schema against the records already there first (409 records_do_not_match if any fail); false changes it anyway */
                validate?: boolean;
            };
            header?: never;
            path: {
                /** @description The collection */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": {
                    /** @description A JSON Schema every record's data must match, or null for none */
                    schema?: {
                        [key: string]: unknown;
                    } | null;
                    /** @description Data fields (dot paths) to index, for filters and sorts on them */
                    indexes?: string[];
                    /** @description Top-level data fields stored encrypted under the tenant's data key (AES-256-GCM); they cannot be filtered, sorted, indexed or used by models. Changeable only while the collection has no records */
                    encrypted?: string[];
                };
                "application/json": {
                    /** @description A JSON Schema every record's data must match, or null for none */
                    schema?: {
                        [key: string]: unknown;
                    } | null;
                    /** @description Data fields (dot paths) to index, for filters and sorts on them */
                    indexes?: string[];
                    /** @description Top-level data fields stored encrypted under the tenant's data key (AES-256-GCM); they cannot be filtered, sorted, indexed or used by models. Changeable only while the collection has no records */
                    encrypted?: string[];
                };
            };
        };
        responses: {
            /** @description The collection, changed */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Collection"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCollectionsByNameRecords: {
        parameters: {
            query?: {
                /**
                 * @description JSON filter: field equality, operators $eq $ne $gt $gte $lt $lte $in $nin $exists $contains $ilike $prefix, combined with $and $or $not
                 * @example {"status":"open","total":{"$gte":10}}
                 */
                filter?: string;
                /**
                 * @description Comma-separated fields (createdAt, updatedAt, id or data fields), - for descending
                 * @example -total,createdAt
                 */
                sort?: string;
                /** @description Records per page */
                limit?: number;
                /** @description The `nextCursor` of the page before (bound to the filter and sort) */
                cursor?: string;
                /** @description comma-separated data fields (dot paths) to return, e.g. title,owner.name; the rest of data is left out */
                fields?: string;
                /** @description also return `total`: the records matching the filter, counted (exact) or as the planner estimates them (estimated, cheap) */
                count?: "exact" | "estimated";
            };
            header?: never;
            path: {
                /** @description The collection */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "01943c1e-8a9b-7c3d-9e4f-5a6b7c8d9e0f",
                     *           "data": {
                     *             "item": "book",
                     *             "total": 12
                     *           },
                     *           "version": 1,
                     *           "createdAt": "2026-01-05T10:00:00.000Z",
                     *           "updatedAt": "2026-01-05T10:00:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["RecordPage"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postCollectionsByNameRecords: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The collection */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "data": {
                 *         "item": "book",
                 *         "total": 12
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description The record's JSON object (checked by the collection's schema, if it has one) */
                    data: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description The record */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01943c1e-8a9b-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "data": {
                     *         "item": "book",
                     *         "total": 12
                     *       },
                     *       "version": 1,
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "updatedAt": "2026-01-05T10:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Record"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postCollectionsByNameRecordsBulk: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The collection */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "records": [
                 *         {
                 *           "data": {
                 *             "item": "book",
                 *             "total": 12
                 *           }
                 *         },
                 *         {
                 *           "data": {
                 *             "item": "pen",
                 *             "total": 2
                 *           }
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    records: {
                        /** @description The record's JSON object (checked by the collection's schema, if it has one) */
                        data: {
                            [key: string]: unknown;
                        };
                    }[];
                };
            };
        };
        responses: {
            /** @description The records, each version 1 */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordBatch"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCollectionsByNameRecordsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETags of the copies the client has (`"3"`, `W/"3"`, `*`): 304 if one is current */
                "if-none-match"?: string;
            };
            path: {
                /** @description The collection */
                name: string;
                /** @description The record id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01943c1e-8a9b-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "data": {
                     *         "item": "book",
                     *         "total": 12
                     *       },
                     *       "version": 1,
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "updatedAt": "2026-01-05T10:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Record"];
                };
            };
            /** @description Not modified: the client has the current version */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putCollectionsByNameRecordsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Write only if the record is at this version (`"3"`, or `*` for any): 412 otherwise */
                "if-match"?: string;
            };
            path: {
                /** @description The collection */
                name: string;
                /** @description The record id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "data": {
                 *         "item": "book",
                 *         "total": 14
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description The record's JSON object (checked by the collection's schema, if it has one) */
                    data: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description The record, written */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Record"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not name the current version (`version_conflict`) */
            412: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteCollectionsByNameRecordsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Write only if the record is at this version (`"3"`, or `*` for any): 412 otherwise */
                "if-match"?: string;
            };
            path: {
                /** @description The collection */
                name: string;
                /** @description The record id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not name the current version (`version_conflict`) */
            412: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchCollectionsByNameRecordsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Write only if the record is at this version (`"3"`, or `*` for any): 412 otherwise */
                "if-match"?: string;
            };
            path: {
                /** @description The collection */
                name: string;
                /** @description The record id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "data": {
                 *         "total": 14
                 *       }
                 *     }
                 */
                "application/merge-patch+json": {
                    /** @description The record's JSON object (checked by the collection's schema, if it has one) */
                    data: {
                        [key: string]: unknown;
                    };
                };
                /**
                 * @example {
                 *       "data": {
                 *         "total": 14
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description The record's JSON object (checked by the collection's schema, if it has one) */
                    data: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description The record, written */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Record"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not name the current version (`version_conflict`) */
            412: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The models */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelList"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "churn",
                 *       "kind": "classification",
                 *       "collection": "customers",
                 *       "features": [
                 *         "plan",
                 *         "seats",
                 *         "tenureMonths"
                 *       ],
                 *       "target": "churned"
                 *     }
                 */
                "application/json": {
                    name: string;
                    /**
                     * @description classification: a label from features; regression: a number from features; recommendation: items for a user from interactions
                     * @enum {string}
                     */
                    kind: "classification" | "regression" | "recommendation";
                    collection: string;
                    features?: string[];
                    /** @description A data field (dot path) */
                    target?: string;
                    /** @description Recommendation: the fields naming the user, the item and (optionally) the weight of an interaction */
                    fields?: {
                        /** @description A data field (dot path) */
                        user: string;
                        /** @description A data field (dot path) */
                        item: string;
                        /** @description A data field (dot path) */
                        weight?: string;
                    };
                    options?: {
                        /** @description Ridge penalty */
                        l2?: number;
                        /** @description Seed of the train/test split */
                        seed?: number;
                    };
                };
            };
        };
        responses: {
            /** @description The model, version 1 queued */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "churn",
                     *       "kind": "classification",
                     *       "collection": "customers",
                     *       "features": [
                     *         "plan",
                     *         "seats",
                     *         "tenureMonths"
                     *       ],
                     *       "target": "churned",
                     *       "fields": null,
                     *       "options": {},
                     *       "status": "queued",
                     *       "versions": [
                     *         {
                     *           "version": 1,
                     *           "status": "queued",
                     *           "error": null,
                     *           "metrics": null,
                     *           "createdAt": "2026-01-05T10:00:00.000Z",
                     *           "finishedAt": null
                     *         }
                     *       ],
                     *       "featureSpec": null,
                     *       "weights": null,
                     *       "createdAt": "2026-01-05T10:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Model"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getModelsByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The model */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Model"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postModelsByNameTrain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The model */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new version, queued */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "version": 2,
                     *       "status": "queued",
                     *       "error": null,
                     *       "metrics": null,
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "finishedAt": null
                     *     }
                     */
                    "application/json": components["schemas"]["ModelVersion"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postModelsByNamePredict: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The model */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "inputs": [
                 *         {
                 *           "plan": "pro",
                 *           "seats": 12,
                 *           "tenureMonths": 7
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    inputs: {
                        [key: string]: unknown;
                    }[];
                    /** @description A ready version; default the newest ready one */
                    version?: number;
                };
            };
        };
        responses: {
            /** @description One prediction per input */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "version": 1,
                     *       "predictions": [
                     *         {
                     *           "label": false,
                     *           "probabilities": {
                     *             "false": 0.83,
                     *             "true": 0.17
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Predictions"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postModelsByNameRecommend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The model */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "user": "u-42",
                 *       "limit": 5
                 *     }
                 */
                "application/json": {
                    user: string | number;
                    /** @default 10 */
                    limit?: number;
                };
            };
        };
        responses: {
            /** @description The items, best first */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recommendations"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWorkflowsByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workflow */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workflow */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putWorkflowsByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workflow */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "steps": [
                 *         {
                 *           "id": "open",
                 *           "kind": "records.query",
                 *           "with": {
                 *             "collection": "orders",
                 *             "filter": {
                 *               "status": "open"
                 *             }
                 *           }
                 *         },
                 *         {
                 *           "id": "sum",
                 *           "kind": "transform",
                 *           "needs": [
                 *             "open"
                 *           ],
                 *           "with": {
                 *             "expression": "$sum(steps.open.items.data.total)"
                 *           },
                 *           "retry": {
                 *             "attempts": 3
                 *           }
                 *         }
                 *       ],
                 *       "schedule": {
                 *         "cron": "0 * * * *"
                 *       }
                 *     }
                 */
                "application/json": {
                    steps: {
                        /** @description Unique in the workflow: letters, digits, _ and - */
                        id: string;
                        /** @enum {string} */
                        kind: "records.query" | "records.write" | "transform" | "ml.train" | "ml.predict" | "http.request" | "delay";
                        /** @description Steps that must succeed first (their outputs are in steps.<id>) */
                        needs?: string[];
                        /** @description The parameters of the kind; a value {"$expr": "…"} is a JSONata expression over {input, steps} */
                        with?: {
                            [key: string]: unknown;
                        };
                        retry?: {
                            attempts: number;
                            backoff?: {
                                /** @enum {string} */
                                type: "exponential" | "fixed";
                                delayMs: number;
                            };
                        };
                        timeoutMs?: number;
                    }[];
                    /** @description Start a run on this schedule (no closer than the plan allows) */
                    schedule?: {
                        /** @description Five or six cron fields */
                        cron: string;
                        /** @description An IANA time zone; default UTC */
                        timezone?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Replaced: the next revision */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description Created: revision 1 */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "nightly",
                     *       "steps": [
                     *         {
                     *           "id": "open",
                     *           "kind": "records.query",
                     *           "with": {
                     *             "collection": "orders",
                     *             "filter": {
                     *               "status": "open"
                     *             }
                     *           }
                     *         },
                     *         {
                     *           "id": "sum",
                     *           "kind": "transform",
                     *           "needs": [
                     *             "open"
                     *           ],
                     *           "with": {
                     *             "expression": "$sum(steps.open.items.data.total)"
                     *           },
                     *           "retry": {
                     *             "attempts": 3
                     *           }
                     *         }
                     *       ],
                     *       "schedule": {
                     *         "cron": "0 * * * *"
                     *       },
                     *       "revision": 1,
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "updatedAt": "2026-01-05T10:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWorkflowsByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workflow */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Dropped */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWorkflows: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description The `nextCursor` of the page before (opaque, signed, bound to this list) */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of workflows */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowPage"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWorkflowsByNameRuns: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description The `nextCursor` of the page before (opaque, signed, bound to this list) */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The workflow */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of runs */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunPage"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postWorkflowsByNameRuns: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-200 visible ASCII characters naming this start */
                "idempotency-key"?: string;
            };
            path: {
                /** @description The workflow */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "input": {
                 *         "since": "2026-01-01"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description Any JSON: the run's input, as `input` in expressions */
                    input?: unknown;
                };
            };
        };
        responses: {
            /** @description The run, queued */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01943c1f-2b3c-7d4e-8f5a-6b7c8d9e0f1a",
                     *       "workflow": "nightly",
                     *       "revision": 1,
                     *       "status": "queued",
                     *       "trigger": "manual",
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "startedAt": null,
                     *       "finishedAt": null,
                     *       "input": {
                     *         "since": "2026-01-01"
                     *       },
                     *       "steps": [
                     *         {
                     *           "id": "open",
                     *           "kind": "records.query",
                     *           "status": "queued",
                     *           "attempts": 0,
                     *           "output": null,
                     *           "error": null,
                     *           "startedAt": null,
                     *           "finishedAt": null
                     *         },
                     *         {
                     *           "id": "sum",
                     *           "kind": "transform",
                     *           "status": "pending",
                     *           "attempts": 0,
                     *           "output": null,
                     *           "error": null,
                     *           "startedAt": null,
                     *           "finishedAt": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was used before with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRunsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The run id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01943c1f-2b3c-7d4e-8f5a-6b7c8d9e0f1a",
                     *       "workflow": "nightly",
                     *       "revision": 1,
                     *       "status": "queued",
                     *       "trigger": "manual",
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "startedAt": null,
                     *       "finishedAt": null,
                     *       "input": {
                     *         "since": "2026-01-01"
                     *       },
                     *       "steps": [
                     *         {
                     *           "id": "open",
                     *           "kind": "records.query",
                     *           "status": "queued",
                     *           "attempts": 0,
                     *           "output": null,
                     *           "error": null,
                     *           "startedAt": null,
                     *           "finishedAt": null
                     *         },
                     *         {
                     *           "id": "sum",
                     *           "kind": "transform",
                     *           "status": "pending",
                     *           "attempts": 0,
                     *           "output": null,
                     *           "error": null,
                     *           "startedAt": null,
                     *           "finishedAt": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postRunsByIdCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The run id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run, cancelled */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "acme",
                     *       "name": "Acme Inc",
                     *       "tier": "pro",
                     *       "settings": {
                     *         "features": {
                     *           "beta": true
                     *         }
                     *       },
                     *       "limits": {},
                     *       "usage": {
                     *         "month": "2026-12",
                     *         "totals": {
                     *           "apiRequests": 1520,
                     *           "modelTrainings": 2,
                     *           "workflowStepSeconds": 14.2,
                     *           "databaseSeconds": 3.1,
                     *           "cpuSeconds": 1.7
                     *         },
                     *         "current": {
                     *           "records": 1200,
                     *           "collections": 3,
                     *           "models": 1,
                     *           "storageBytes": 482133
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["OwnTenant"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchTenantSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The merge patch (application/json or application/merge-patch+json) */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "features": {
                 *         "beta": true
                 *       },
                 *       "branding": {
                 *         "color": "#0a5"
                 *       },
                 *       "obsolete": null
                 *     }
                 */
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description The tenant, as GET /v1/tenant shows it after the change */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "acme",
                     *       "name": "Acme Inc",
                     *       "tier": "pro",
                     *       "settings": {
                     *         "features": {
                     *           "beta": true
                     *         }
                     *       },
                     *       "limits": {},
                     *       "usage": {
                     *         "month": "2026-12",
                     *         "totals": {
                     *           "apiRequests": 1520,
                     *           "modelTrainings": 2,
                     *           "workflowStepSeconds": 14.2,
                     *           "databaseSeconds": 3.1,
                     *           "cpuSeconds": 1.7
                     *         },
                     *         "current": {
                     *           "records": 1200,
                     *           "collections": 3,
                     *           "models": 1,
                     *           "storageBytes": 482133
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["OwnTenant"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (the code says which) */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiKeys: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description The `nextCursor` of the page before (opaque, signed, bound to this list) */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of keys */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "ingest",
                 *       "role": "member"
                 *     }
                 */
                "application/json": {
                    name: string;
                    /**
                     * @description admin: keys, collection schemas, workflow definitions; member: write data, train, run; viewer: read, predict, recommend
                     * @enum {string}
                     */
                    role: "admin" | "member" | "viewer";
                    /**
                     * Format: date-time
                     * @description When the key stops working (401 from then on); none if left out
                     */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description The key, with its secret */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "k3v9x2m8q1w7e5r4",
                     *       "name": "ingest",
                     *       "role": "member",
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "expiresAt": null,
                     *       "lastUsedAt": null,
                     *       "replacedBy": null,
                     *       "key": "tnty_k3v9x2m8q1w7e5r4_Vb3Ck2nQ8xJr5tYw1zLp0aHs6dFg9eRu4iOm7TqXyZc"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiKeysByIdRotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The key id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "overlapSeconds": 600
                 *     }
                 */
                "application/json": {
                    /** @description How long the old key keeps working (default 3600); then it expires */
                    overlapSeconds?: number;
                    /**
                     * Format: date-time
                     * @description When the key stops working (401 from then on); none if left out
                     */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description The replacement, with its secret */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "k3v9x2m8q1w7e5r4",
                     *       "name": "ingest",
                     *       "role": "member",
                     *       "createdAt": "2026-01-05T10:00:00.000Z",
                     *       "expiresAt": null,
                     *       "lastUsedAt": null,
                     *       "replacedBy": null,
                     *       "key": "tnty_k3v9x2m8q1w7e5r4_Vb3Ck2nQ8xJr5tYw1zLp0aHs6dFg9eRu4iOm7TqXyZc"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`) */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`) */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiKeysById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The key id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid credential (`unauthorized`); WWW-Authenticate: Bearer */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended` */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (`not_found`, `tenant_not_found`) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`rate_limited`); Retry-After says when to come back */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
