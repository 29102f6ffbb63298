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
        /** Read a tenant */
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
        /** Change a tenant's name, tier, settings or limits */
        patch: operations["patchTenantsById"];
        trace?: never;
    };
    "/v1/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List operations, newest first */
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
        /** Read an operation: status, progress, error */
        get: operations["getOperationsById"];
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
         * @description A header line (format, version, the tenant, counts at the start), one line per collection, record, model, model version, workflow, run and run step, and an end line with the counts written and the SHA-256 of the lines between the header and it (the same for two exports of the same data). Streamed as it is read, page by page (each page its own snapshot: suspend the tenant first for a point-in-time export). API keys are not exported.
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
         * @description The body is an export (`application/x-ndjson`, up to TENANTRY_IMPORT_MAX_BYTES). Every line is checked before anything is written, and then all of it is written in one transaction: a malformed, truncated or altered file, or one past the tenant’s plan, changes nothing. The tenant must be empty (409 `tenant_not_empty`).
         */
        post: operations["postTenantsByIdImport"];
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
        /** List tenants */
        get: operations["getTenants"];
        put?: never;
        /** Create and provision a tenant */
        post: operations["postTenants"];
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
        get?: never;
        put?: never;
        /** Create an API key for a tenant */
        post: operations["postTenantsByIdApiKeys"];
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
        /** Suspend a tenant */
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
        /** Resume a tenant */
        post: operations["postTenantsByIdResume"];
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
        /** List collections */
        get: operations["getCollections"];
        put?: never;
        /** Create a collection */
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
        /** Read a collection */
        get: operations["getCollectionsByName"];
        put?: never;
        post?: never;
        /** Drop a collection and its records */
        delete: operations["deleteCollectionsByName"];
        options?: never;
        head?: never;
        /** Change a collection's schema or indexes */
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
        /** Query records (filter, sort, cursor pagination) */
        get: operations["getCollectionsByNameRecords"];
        put?: never;
        /** Create a record */
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
        /** Create up to 1000 records, all or nothing */
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
        /** Read a record */
        get: operations["getCollectionsByNameRecordsById"];
        /** Replace a record */
        put: operations["putCollectionsByNameRecordsById"];
        post?: never;
        /** Delete a record */
        delete: operations["deleteCollectionsByNameRecordsById"];
        options?: never;
        head?: never;
        /** Merge into a record (RFC 7396) */
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
        /** List models */
        get: operations["getModels"];
        put?: never;
        /** Define a model and train its first version */
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
        /** A model with its versions, metrics, feature spec and weights */
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
        /** Train a new version */
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
        /** Predict for up to 1000 inputs */
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
        /** Top items a user has not interacted with */
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
        /** Read a workflow definition */
        get: operations["getWorkflowsByName"];
        /**
         * Create or replace a workflow definition
         * @description Within the tenant's plan: a new workflow past `maxWorkflows` is a 409 `limit_reached`; a schedule whose slots come closer than `minScheduleIntervalMs` is a 400.
         */
        put: operations["putWorkflowsByName"];
        post?: never;
        /** Drop a workflow definition */
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
        /** List workflows */
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
        /** List a workflow's runs, newest first */
        get: operations["getWorkflowsByNameRuns"];
        put?: never;
        /**
         * Start a run
         * @description Queues the run and answers at once (202). With an `Idempotency-Key` header, repeating the request answers with the same run.
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
        /** Read a run and its steps */
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
         * @description Unfinished steps become `cancelled`; the result of a step running right now is discarded. A finished run → 409.
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
        /** The calling tenant */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tenant's live API keys */
        get: operations["getApiKeys"];
        put?: never;
        /** Create an API key */
        post: operations["postApiKeys"];
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
        /** Revoke an API key */
        delete: operations["deleteApiKeysById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/collections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List collections */
        get: operations["getCollectionsInTenantPath"];
        put?: never;
        /** Create a collection */
        post: operations["postCollectionsInTenantPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/collections/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a collection */
        get: operations["getCollectionsByNameInTenantPath"];
        put?: never;
        post?: never;
        /** Drop a collection and its records */
        delete: operations["deleteCollectionsByNameInTenantPath"];
        options?: never;
        head?: never;
        /** Change a collection's schema or indexes */
        patch: operations["patchCollectionsByNameInTenantPath"];
        trace?: never;
    };
    "/t/{tenant}/v1/collections/{name}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Query records (filter, sort, cursor pagination) */
        get: operations["getCollectionsByNameRecordsInTenantPath"];
        put?: never;
        /** Create a record */
        post: operations["postCollectionsByNameRecordsInTenantPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/collections/{name}/records/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create up to 1000 records, all or nothing */
        post: operations["postCollectionsByNameRecordsBulkInTenantPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/collections/{name}/records/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a record */
        get: operations["getCollectionsByNameRecordsByIdInTenantPath"];
        /** Replace a record */
        put: operations["putCollectionsByNameRecordsByIdInTenantPath"];
        post?: never;
        /** Delete a record */
        delete: operations["deleteCollectionsByNameRecordsByIdInTenantPath"];
        options?: never;
        head?: never;
        /** Merge into a record (RFC 7396) */
        patch: operations["patchCollectionsByNameRecordsByIdInTenantPath"];
        trace?: never;
    };
    "/t/{tenant}/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List models */
        get: operations["getModelsInTenantPath"];
        put?: never;
        /** Define a model and train its first version */
        post: operations["postModelsInTenantPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/models/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A model with its versions, metrics, feature spec and weights */
        get: operations["getModelsByNameInTenantPath"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/models/{name}/train": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Train a new version */
        post: operations["postModelsByNameTrainInTenantPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/models/{name}/predict": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Predict for up to 1000 inputs */
        post: operations["postModelsByNamePredictInTenantPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/models/{name}/recommend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Top items a user has not interacted with */
        post: operations["postModelsByNameRecommendInTenantPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/workflows/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a workflow definition */
        get: operations["getWorkflowsByNameInTenantPath"];
        /**
         * Create or replace a workflow definition
         * @description Within the tenant's plan: a new workflow past `maxWorkflows` is a 409 `limit_reached`; a schedule whose slots come closer than `minScheduleIntervalMs` is a 400.
         */
        put: operations["putWorkflowsByNameInTenantPath"];
        post?: never;
        /** Drop a workflow definition */
        delete: operations["deleteWorkflowsByNameInTenantPath"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List workflows */
        get: operations["getWorkflowsInTenantPath"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/workflows/{name}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a workflow's runs, newest first */
        get: operations["getWorkflowsByNameRunsInTenantPath"];
        put?: never;
        /**
         * Start a run
         * @description Queues the run and answers at once (202). With an `Idempotency-Key` header, repeating the request answers with the same run.
         */
        post: operations["postWorkflowsByNameRunsInTenantPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a run and its steps */
        get: operations["getRunsByIdInTenantPath"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/runs/{id}/cancel": {
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
         * @description Unfinished steps become `cancelled`; the result of a step running right now is discarded. A finished run → 409.
         */
        post: operations["postRunsByIdCancelInTenantPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calling tenant */
        get: operations["getTenantInTenantPath"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tenant's live API keys */
        get: operations["getApiKeysInTenantPath"];
        put?: never;
        /** Create an API key */
        post: operations["postApiKeysInTenantPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/{tenant}/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["deleteApiKeysByIdInTenantPath"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Operation */
        "def-0": {
            /** Format: uuid */
            id: string;
            /**
             * @description What the operation does
             * @enum {string}
             */
            kind: "provision" | "delete" | "move" | "export" | "import" | "migrate";
            tenantId: string | null;
            /**
             * @description queued → running → succeeded or failed
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
            /** @description What it is doing now, or did last */
            step: string | null;
            progress: {
                done: number;
                total: number | null;
            };
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
        /** Tenant */
        "def-1": {
            id: string;
            name: string;
            tier: string;
            isolation: string;
            cluster: string;
            status: string;
            settings: {
                [key: string]: unknown;
            };
            limits: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getTenantsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        tier: string;
                        isolation: string;
                        cluster: string;
                        status: string;
                        settings: {
                            [key: string]: unknown;
                        };
                        limits: {
                            [key: string]: unknown;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteTenantsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /**
                         * @description What the operation does
                         * @enum {string}
                         */
                        kind: "provision" | "delete" | "move" | "export" | "import" | "migrate";
                        tenantId: string | null;
                        /**
                         * @description queued → running → succeeded or failed
                         * @enum {string}
                         */
                        status: "queued" | "running" | "succeeded" | "failed";
                        /** @description What it is doing now, or did last */
                        step: string | null;
                        progress: {
                            done: number;
                            total: number | null;
                        };
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
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    patchTenantsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    tier?: string;
                    settings?: {
                        [key: string]: unknown;
                    };
                    limits?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        tier: string;
                        isolation: string;
                        cluster: string;
                        status: string;
                        settings: {
                            [key: string]: unknown;
                        };
                        limits: {
                            [key: string]: unknown;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getOperations: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Only this tenant's operations */
                tenant?: string;
                /** @description Only operations in this status */
                status?: "queued" | "running" | "succeeded" | "failed";
                /** @description Only operations of this kind */
                kind?: "provision" | "delete" | "move" | "export" | "import" | "migrate";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["def-0"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getOperationsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /**
                         * @description What the operation does
                         * @enum {string}
                         */
                        kind: "provision" | "delete" | "move" | "export" | "import" | "migrate";
                        tenantId: string | null;
                        /**
                         * @description queued → running → succeeded or failed
                         * @enum {string}
                         */
                        status: "queued" | "running" | "succeeded" | "failed";
                        /** @description What it is doing now, or did last */
                        step: string | null;
                        progress: {
                            done: number;
                            total: number | null;
                        };
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
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getTenantsByIdExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postTenantsByIdImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                        };
                        /** @description Runs that were queued or running when the tenant was exported arrive cancelled; versions that were training arrive failed */
                        interrupted: {
                            runs: number;
                            modelVersions: number;
                        };
                        /** @description Whether the tenant's settings were replaced by the file's */
                        settingsRestored: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getTenants: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["def-1"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postTenants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description matches ^[a-z][a-z0-9-]{2,39}$ */
                    id: string;
                    name?: string;
                    tier?: string;
                    isolation?: string;
                    cluster?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        tier: string;
                        isolation: string;
                        cluster: string;
                        status: string;
                        settings: {
                            [key: string]: unknown;
                        };
                        limits: {
                            [key: string]: unknown;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postTenantsByIdApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    role: "admin" | "member" | "viewer";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        role: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description tnty_<keyId>_<secret>; shown once */
                        key: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postTenantsByIdSuspend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        tier: string;
                        isolation: string;
                        cluster: string;
                        status: string;
                        settings: {
                            [key: string]: unknown;
                        };
                        limits: {
                            [key: string]: unknown;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postTenantsByIdResume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        tier: string;
                        isolation: string;
                        cluster: string;
                        status: string;
                        settings: {
                            [key: string]: unknown;
                        };
                        limits: {
                            [key: string]: unknown;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            schema: {
                                [key: string]: unknown;
                            } | null;
                            indexes: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
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
                "application/json": {
                    name: string;
                    schema?: {
                        [key: string]: unknown;
                    } | null;
                    indexes?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        schema: {
                            [key: string]: unknown;
                        } | null;
                        indexes: string[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getCollectionsByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        schema: {
                            [key: string]: unknown;
                        } | null;
                        indexes: string[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteCollectionsByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    patchCollectionsByName: {
        parameters: {
            query: {
                /** @description Check a new schema against the records already there first (409 records_do_not_match if any fail); false changes it anyway */
                validate: boolean;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    schema?: {
                        [key: string]: unknown;
                    } | null;
                    indexes?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        schema: {
                            [key: string]: unknown;
                        } | null;
                        indexes: string[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getCollectionsByNameRecords: {
        parameters: {
            query?: {
                /** @description JSON filter, e.g. {"status":"open","score":{"$gte":10}} */
                filter?: string;
                /** @description comma-separated fields, - for descending, e.g. -score,createdAt */
                sort?: string;
                limit?: number;
                cursor?: string;
                /** @description comma-separated data fields (dot paths) to return, e.g. title,owner.name; the rest of data is left out */
                fields?: string;
                /** @description also return `total`: the records matching the filter, counted (exact) or as the planner estimates them (estimated, cheap) */
                count?: "exact" | "estimated";
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            data: {
                                [key: string]: unknown;
                            };
                            version: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                        /** @description with ?count=: the records matching the filter (an estimate with count=estimated) */
                        total?: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postCollectionsByNameRecords: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    data: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        data: {
                            [key: string]: unknown;
                        };
                        version: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postCollectionsByNameRecordsBulk: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    records: {
                        data: {
                            [key: string]: unknown;
                        };
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            data: {
                                [key: string]: unknown;
                            };
                            version: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getCollectionsByNameRecordsById: {
        parameters: {
            query?: never;
            header?: {
                "if-none-match"?: string;
            };
            path: {
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        data: {
                            [key: string]: unknown;
                        };
                        version: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    putCollectionsByNameRecordsById: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
            };
            path: {
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    data: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        data: {
                            [key: string]: unknown;
                        };
                        version: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteCollectionsByNameRecordsById: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
            };
            path: {
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    patchCollectionsByNameRecordsById: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
            };
            path: {
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    data: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        data: {
                            [key: string]: unknown;
                        };
                        version: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            kind: string;
                            collection: string;
                            features: string[];
                            target: string | null;
                            fields: {
                                user: string;
                                item: string;
                                weight?: string;
                            } | null;
                            options: unknown;
                            status: "queued" | "training" | "ready" | "failed";
                            versions: {
                                version: number;
                                status: "queued" | "training" | "ready" | "failed";
                                error: string | null;
                                metrics: {
                                    [key: string]: number | null;
                                } | null;
                                /** Format: date-time */
                                createdAt: string;
                                finishedAt: string | null;
                            }[];
                            featureSpec: unknown;
                            weights: unknown;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
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
                "application/json": {
                    name: string;
                    kind: "classification" | "regression" | "recommendation";
                    collection: string;
                    features?: string[];
                    target?: string;
                    fields?: {
                        user: string;
                        item: string;
                        weight?: string;
                    };
                    options?: {
                        l2?: number;
                        seed?: number;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        kind: string;
                        collection: string;
                        features: string[];
                        target: string | null;
                        fields: {
                            user: string;
                            item: string;
                            weight?: string;
                        } | null;
                        options: unknown;
                        status: "queued" | "training" | "ready" | "failed";
                        versions: {
                            version: number;
                            status: "queued" | "training" | "ready" | "failed";
                            error: string | null;
                            metrics: {
                                [key: string]: number | null;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            finishedAt: string | null;
                        }[];
                        featureSpec: unknown;
                        weights: unknown;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getModelsByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        kind: string;
                        collection: string;
                        features: string[];
                        target: string | null;
                        fields: {
                            user: string;
                            item: string;
                            weight?: string;
                        } | null;
                        options: unknown;
                        status: "queued" | "training" | "ready" | "failed";
                        versions: {
                            version: number;
                            status: "queued" | "training" | "ready" | "failed";
                            error: string | null;
                            metrics: {
                                [key: string]: number | null;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            finishedAt: string | null;
                        }[];
                        featureSpec: unknown;
                        weights: unknown;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postModelsByNameTrain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        status: "queued" | "training" | "ready" | "failed";
                        error: string | null;
                        metrics: {
                            [key: string]: number | null;
                        } | null;
                        /** Format: date-time */
                        createdAt: string;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postModelsByNamePredict: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    inputs: {
                        [key: string]: unknown;
                    }[];
                    version?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        predictions: ({
                            label: string | number | boolean;
                            probabilities: {
                                [key: string]: number;
                            };
                        } | {
                            value: number;
                        })[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postModelsByNameRecommend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    user: string | number;
                    /** @default 10 */
                    limit?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        items: {
                            item: string;
                            score: number;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getWorkflowsByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        steps: unknown[];
                        schedule?: unknown;
                        revision: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    putWorkflowsByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    steps: {
                        id: string;
                        kind: "records.query" | "records.write" | "transform" | "ml.train" | "ml.predict" | "http.request" | "delay";
                        needs?: string[];
                        with?: {
                            [key: string]: unknown;
                        };
                        retry?: {
                            attempts: number;
                            backoff?: {
                                type: "exponential" | "fixed";
                                delayMs: number;
                            };
                        };
                        timeoutMs?: number;
                    }[];
                    schedule?: {
                        cron: string;
                        timezone?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        steps: unknown[];
                        schedule?: unknown;
                        revision: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        steps: unknown[];
                        schedule?: unknown;
                        revision: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteWorkflowsByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getWorkflows: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            steps: unknown[];
                            schedule?: unknown;
                            revision: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getWorkflowsByNameRuns: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            workflow: string;
                            revision: number;
                            /** @enum {string} */
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            trigger: "manual" | "schedule";
                            /** Format: date-time */
                            createdAt: string;
                            startedAt: string | null;
                            finishedAt: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postWorkflowsByNameRuns: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    input?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        workflow: string;
                        revision: number;
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                        trigger: "manual" | "schedule";
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    } & {
                        input: unknown;
                        steps: {
                            id: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending" | "queued" | "running" | "succeeded" | "failed" | "skipped" | "cancelled";
                            attempts: number;
                            output: unknown;
                            error: string | null;
                            startedAt: string | null;
                            finishedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getRunsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        workflow: string;
                        revision: number;
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                        trigger: "manual" | "schedule";
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    } & {
                        input: unknown;
                        steps: {
                            id: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending" | "queued" | "running" | "succeeded" | "failed" | "skipped" | "cancelled";
                            attempts: number;
                            output: unknown;
                            error: string | null;
                            startedAt: string | null;
                            finishedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postRunsByIdCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        workflow: string;
                        revision: number;
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                        trigger: "manual" | "schedule";
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    } & {
                        input: unknown;
                        steps: {
                            id: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending" | "queued" | "running" | "succeeded" | "failed" | "skipped" | "cancelled";
                            attempts: number;
                            output: unknown;
                            error: string | null;
                            startedAt: string | null;
                            finishedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        tier: string;
                        settings: {
                            [key: string]: unknown;
                        };
                        limits: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getApiKeys: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            role: string;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
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
                "application/json": {
                    name: string;
                    role: "admin" | "member" | "viewer";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        role: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description tnty_<keyId>_<secret>; shown once */
                        key: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteApiKeysById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getCollectionsInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            schema: {
                                [key: string]: unknown;
                            } | null;
                            indexes: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postCollectionsInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    schema?: {
                        [key: string]: unknown;
                    } | null;
                    indexes?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        schema: {
                            [key: string]: unknown;
                        } | null;
                        indexes: string[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getCollectionsByNameInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        schema: {
                            [key: string]: unknown;
                        } | null;
                        indexes: string[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteCollectionsByNameInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    patchCollectionsByNameInTenantPath: {
        parameters: {
            query: {
                /** @description Check a new schema against the records already there first (409 records_do_not_match if any fail); false changes it anyway */
                validate: boolean;
            };
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    schema?: {
                        [key: string]: unknown;
                    } | null;
                    indexes?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        schema: {
                            [key: string]: unknown;
                        } | null;
                        indexes: string[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getCollectionsByNameRecordsInTenantPath: {
        parameters: {
            query?: {
                /** @description JSON filter, e.g. {"status":"open","score":{"$gte":10}} */
                filter?: string;
                /** @description comma-separated fields, - for descending, e.g. -score,createdAt */
                sort?: string;
                limit?: number;
                cursor?: string;
                /** @description comma-separated data fields (dot paths) to return, e.g. title,owner.name; the rest of data is left out */
                fields?: string;
                /** @description also return `total`: the records matching the filter, counted (exact) or as the planner estimates them (estimated, cheap) */
                count?: "exact" | "estimated";
            };
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            data: {
                                [key: string]: unknown;
                            };
                            version: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                        /** @description with ?count=: the records matching the filter (an estimate with count=estimated) */
                        total?: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postCollectionsByNameRecordsInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    data: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        data: {
                            [key: string]: unknown;
                        };
                        version: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postCollectionsByNameRecordsBulkInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    records: {
                        data: {
                            [key: string]: unknown;
                        };
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            data: {
                                [key: string]: unknown;
                            };
                            version: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getCollectionsByNameRecordsByIdInTenantPath: {
        parameters: {
            query?: never;
            header?: {
                "if-none-match"?: string;
            };
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        data: {
                            [key: string]: unknown;
                        };
                        version: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    putCollectionsByNameRecordsByIdInTenantPath: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
            };
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    data: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        data: {
                            [key: string]: unknown;
                        };
                        version: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteCollectionsByNameRecordsByIdInTenantPath: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
            };
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    patchCollectionsByNameRecordsByIdInTenantPath: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
            };
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    data: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        data: {
                            [key: string]: unknown;
                        };
                        version: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getModelsInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            kind: string;
                            collection: string;
                            features: string[];
                            target: string | null;
                            fields: {
                                user: string;
                                item: string;
                                weight?: string;
                            } | null;
                            options: unknown;
                            status: "queued" | "training" | "ready" | "failed";
                            versions: {
                                version: number;
                                status: "queued" | "training" | "ready" | "failed";
                                error: string | null;
                                metrics: {
                                    [key: string]: number | null;
                                } | null;
                                /** Format: date-time */
                                createdAt: string;
                                finishedAt: string | null;
                            }[];
                            featureSpec: unknown;
                            weights: unknown;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postModelsInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    kind: "classification" | "regression" | "recommendation";
                    collection: string;
                    features?: string[];
                    target?: string;
                    fields?: {
                        user: string;
                        item: string;
                        weight?: string;
                    };
                    options?: {
                        l2?: number;
                        seed?: number;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        kind: string;
                        collection: string;
                        features: string[];
                        target: string | null;
                        fields: {
                            user: string;
                            item: string;
                            weight?: string;
                        } | null;
                        options: unknown;
                        status: "queued" | "training" | "ready" | "failed";
                        versions: {
                            version: number;
                            status: "queued" | "training" | "ready" | "failed";
                            error: string | null;
                            metrics: {
                                [key: string]: number | null;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            finishedAt: string | null;
                        }[];
                        featureSpec: unknown;
                        weights: unknown;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getModelsByNameInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        kind: string;
                        collection: string;
                        features: string[];
                        target: string | null;
                        fields: {
                            user: string;
                            item: string;
                            weight?: string;
                        } | null;
                        options: unknown;
                        status: "queued" | "training" | "ready" | "failed";
                        versions: {
                            version: number;
                            status: "queued" | "training" | "ready" | "failed";
                            error: string | null;
                            metrics: {
                                [key: string]: number | null;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            finishedAt: string | null;
                        }[];
                        featureSpec: unknown;
                        weights: unknown;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postModelsByNameTrainInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        status: "queued" | "training" | "ready" | "failed";
                        error: string | null;
                        metrics: {
                            [key: string]: number | null;
                        } | null;
                        /** Format: date-time */
                        createdAt: string;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postModelsByNamePredictInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    inputs: {
                        [key: string]: unknown;
                    }[];
                    version?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        predictions: ({
                            label: string | number | boolean;
                            probabilities: {
                                [key: string]: number;
                            };
                        } | {
                            value: number;
                        })[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postModelsByNameRecommendInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    user: string | number;
                    /** @default 10 */
                    limit?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        items: {
                            item: string;
                            score: number;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getWorkflowsByNameInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        steps: unknown[];
                        schedule?: unknown;
                        revision: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    putWorkflowsByNameInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    steps: {
                        id: string;
                        kind: "records.query" | "records.write" | "transform" | "ml.train" | "ml.predict" | "http.request" | "delay";
                        needs?: string[];
                        with?: {
                            [key: string]: unknown;
                        };
                        retry?: {
                            attempts: number;
                            backoff?: {
                                type: "exponential" | "fixed";
                                delayMs: number;
                            };
                        };
                        timeoutMs?: number;
                    }[];
                    schedule?: {
                        cron: string;
                        timezone?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        steps: unknown[];
                        schedule?: unknown;
                        revision: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        steps: unknown[];
                        schedule?: unknown;
                        revision: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteWorkflowsByNameInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getWorkflowsInTenantPath: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            steps: unknown[];
                            schedule?: unknown;
                            revision: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getWorkflowsByNameRunsInTenantPath: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            workflow: string;
                            revision: number;
                            /** @enum {string} */
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            trigger: "manual" | "schedule";
                            /** Format: date-time */
                            createdAt: string;
                            startedAt: string | null;
                            finishedAt: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postWorkflowsByNameRunsInTenantPath: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    input?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        workflow: string;
                        revision: number;
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                        trigger: "manual" | "schedule";
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    } & {
                        input: unknown;
                        steps: {
                            id: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending" | "queued" | "running" | "succeeded" | "failed" | "skipped" | "cancelled";
                            attempts: number;
                            output: unknown;
                            error: string | null;
                            startedAt: string | null;
                            finishedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getRunsByIdInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        workflow: string;
                        revision: number;
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                        trigger: "manual" | "schedule";
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    } & {
                        input: unknown;
                        steps: {
                            id: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending" | "queued" | "running" | "succeeded" | "failed" | "skipped" | "cancelled";
                            attempts: number;
                            output: unknown;
                            error: string | null;
                            startedAt: string | null;
                            finishedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postRunsByIdCancelInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        workflow: string;
                        revision: number;
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                        trigger: "manual" | "schedule";
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    } & {
                        input: unknown;
                        steps: {
                            id: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending" | "queued" | "running" | "succeeded" | "failed" | "skipped" | "cancelled";
                            attempts: number;
                            output: unknown;
                            error: string | null;
                            startedAt: string | null;
                            finishedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getTenantInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        tier: string;
                        settings: {
                            [key: string]: unknown;
                        };
                        limits: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getApiKeysInTenantPath: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            role: string;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    postApiKeysInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    role: "admin" | "member" | "viewer";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        role: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description tnty_<keyId>_<secret>; shown once */
                        key: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    deleteApiKeysByIdInTenantPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant the credential is for (checked against it) */
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                        /** @description The request path this problem is about */
                        instance?: string;
                        /** @description The request id (X-Request-Id), for the logs */
                        requestId?: string;
                        /** @description Every problem a 400 found in the request */
                        errors?: {
                            /** @description JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name> */
                            pointer: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
}
