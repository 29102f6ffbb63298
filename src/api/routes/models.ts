import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MODEL_KINDS, PREDICT_MAX, type ModelsService, type VersionView } from '../../ml/models.js';
import type { ModelKind } from '../../ml/fit.js';
import { tenantContext } from '../plugins/tenant-auth.js';
import { Timestamp, component, json, problems, stringEnum } from '../schemas.js';
import { locate } from '../location.js';

export interface ModelsRoutesOptions {
  models: ModelsService;
}

const Name = Type.String({ maxLength: 63 });
const Field = Type.String({ maxLength: 200, description: 'A data field (dot path)' });
const Status = stringEnum(['queued', 'training', 'ready', 'failed'] as const satisfies readonly VersionView['status'][]);
const Kind = stringEnum(MODEL_KINDS as readonly ModelKind[], {
  description: 'classification: a label from features; regression: a number from features; recommendation: items for a user from interactions',
});
const ModelVersion = component(
  'ModelVersion',
  Type.Object(
    {
      version: Type.Integer({ minimum: 1 }),
      status: Status,
      error: Type.Union([Type.String(), Type.Null()], { description: 'Why training failed' }),
      metrics: Type.Union([Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])), Type.Null()], {
        description:
          'Held-out metrics once trained: accuracy, logLoss (classification); rmse, r2 (regression); precisionAt10, recallAt10 (recommendation); trainRows, testRows',
      }),
      createdAt: Timestamp,
      finishedAt: Type.Union([Timestamp, Type.Null()]),
    },
    { description: 'One trained (or training) version of a model' },
  ),
);
const Fields = Type.Object(
  { user: Field, item: Field, weight: Type.Optional(Field) },
  { additionalProperties: false, description: 'Recommendation: the fields naming the user, the item and (optionally) the weight of an interaction' },
);
const Options = Type.Object(
  {
    l2: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e6, description: 'Ridge penalty' })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1, description: 'Seed of the train/test split' })),
  },
  { additionalProperties: false },
);
const FeatureSpec = Type.Object({
  field: Type.String(),
  type: stringEnum(['number', 'boolean', 'category']),
  mean: Type.Optional(Type.Number()),
  std: Type.Optional(Type.Number()),
  categories: Type.Optional(Type.Array(Type.String())),
  missing: Type.Boolean({ description: 'Whether training rows lacked it (a missing-flag column follows)' }),
});
export const Model = component(
  'Model',
  Type.Object(
    {
      name: Type.String(),
      kind: Kind,
      collection: Type.String({ description: 'The collection it trains on' }),
      features: Type.Array(Type.String()),
      target: Type.Union([Type.String(), Type.Null()], { description: 'The field predicted (null for recommendation)' }),
      fields: Type.Union([Fields, Type.Null()]),
      options: Type.Optional(Options),
      status: Type.Unsafe<VersionView['status']>({ ...Status, description: 'Of the newest version' }),
      versions: Type.Array(ModelVersion.ref, { description: 'Newest first' }),
      featureSpec: Type.Union([Type.Array(FeatureSpec), Type.Null()], { description: 'Of the newest ready version: how each feature is encoded' }),
      weights: Type.Unknown({
        description: 'Of the newest ready version, for linear models: the weight of each feature column (per class for classification); else null',
      }),
      createdAt: Timestamp,
    },
    { description: 'A model and its versions' },
  ),
);
export const ModelList = component(
  'ModelList',
  Type.Object(
    { items: Type.Array(Model.ref), nextCursor: Type.Null({ description: 'Always null: every model is in one page' }) },
    { description: 'Every model' },
  ),
);
const Prediction = component(
  'Prediction',
  Type.Union(
    [
      Type.Object({
        label: Type.Union([Type.String(), Type.Number(), Type.Boolean()]),
        probabilities: Type.Record(Type.String(), Type.Number(), { description: 'Of each label' }),
      }),
      Type.Object({ value: Type.Number() }),
    ],
    { description: "Classification: the likeliest label and every label's probability; regression: the value" },
  ),
);
const Predictions = component(
  'Predictions',
  Type.Object({
    version: Type.Integer({ description: 'The version that predicted' }),
    predictions: Type.Array(Prediction.ref, { description: 'One per input, in order' }),
  }),
);
const Recommendations = component(
  'Recommendations',
  Type.Object({
    version: Type.Integer({ description: 'The version that recommended' }),
    items: Type.Array(Type.Object({ item: Type.String(), score: Type.Number() }), { description: 'Best first' }),
  }),
);

const MODEL_EXAMPLE = {
  name: 'churn',
  kind: 'classification',
  collection: 'customers',
  features: ['plan', 'seats', 'tenureMonths'],
  target: 'churned',
  fields: null,
  options: {},
  status: 'queued',
  versions: [{ version: 1, status: 'queued', error: null, metrics: null, createdAt: '2026-01-05T10:00:00.000Z', finishedAt: null }],
  featureSpec: null,
  weights: null,
  createdAt: '2026-01-05T10:00:00.000Z',
};
const Params = Type.Object({ name: Type.String({ maxLength: 63, description: 'The model' }) }, { additionalProperties: false });

/**
 * Models (API.md "/v1/models…"): define and train (member), inspect (viewer), predict and recommend
 * (viewer: both only read). Training answers 202 and runs in the worker pool.
 */
export const modelsRoutes: FastifyPluginAsyncTypebox<ModelsRoutesOptions> = async (app, { models }) => {
  const tags = ['models'];
  const tenantOf = (request: Parameters<typeof tenantContext>[0]) => tenantContext(request).tenant;

  app.post(
    '/v1/models',
    {
      config: { minRole: 'member' },
      schema: {
        summary: 'Define a model and train its first version',
        description:
          'Classification and regression take `features` and `target`; recommendation takes `fields` ({user, item, weight?}). The definition and the data are checked first (400, nothing created); version 1 then trains in the worker pool: poll the model until its status is ready or failed. Member role. 409 `model_exists`, `limit_reached`.',
        tags,
        body: Type.Object(
          {
            name: Name,
            kind: Kind,
            collection: Name,
            features: Type.Optional(Type.Array(Field, { maxItems: 50 })),
            target: Type.Optional(Field),
            fields: Type.Optional(Fields),
            options: Type.Optional(Options),
          },
          {
            additionalProperties: false,
            examples: [{ name: 'churn', kind: 'classification', collection: 'customers', features: MODEL_EXAMPLE.features, target: 'churned' }],
          },
        ),
        response: { 202: json('The model, version 1 queued', Model.ref, { headers: ['Location'], example: MODEL_EXAMPLE }), ...problems(400, 409) },
      },
    },
    async (request, reply) => {
      const model = await models.define(tenantOf(request), request.body);
      return locate(request, reply, 'models', model.name).code(202).send(model);
    },
  );

  app.get(
    '/v1/models',
    {
      config: { minRole: 'viewer' },
      schema: {
        summary: 'List models',
        description: 'Every model, with its versions, in one page. Any role.',
        tags,
        response: { 200: json('The models', ModelList.ref) },
      },
    },
    async (request) => ({ items: await models.list(tenantOf(request)), nextCursor: null }),
  );

  app.get(
    '/v1/models/:name',
    {
      config: { minRole: 'viewer' },
      schema: {
        summary: 'A model with its versions, metrics, feature spec and weights',
        description: "The status is the newest version's; metrics, feature spec and weights are the newest ready version's. Any role.",
        tags,
        params: Params,
        response: { 200: json('The model', Model.ref), ...problems(400, 404) },
      },
    },
    async (request) => models.get(tenantOf(request), request.params.name),
  );

  app.post(
    '/v1/models/:name/train',
    {
      config: { minRole: 'member', shed: true },
      schema: {
        summary: 'Train a new version',
        description:
          "Trains on the collection's records as they are now, in the worker pool; older versions past the plan's modelVersionsKept are pruned. Member role. 409 `limit_reached`.",
        tags,
        params: Params,
        response: {
          202: json('The new version, queued', ModelVersion.ref, {
            headers: ['Location'],
            example: { version: 2, status: 'queued', error: null, metrics: null, createdAt: '2026-01-05T10:00:00.000Z', finishedAt: null },
          }),
          ...problems(400, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const version = await models.train(tenantOf(request), request.params.name);
      return locate(request, reply, 'models', request.params.name).code(202).send(version);
    },
  );

  app.post(
    '/v1/models/:name/predict',
    {
      config: { minRole: 'viewer', audit: false, shed: true },
      schema: {
        summary: `Predict for up to ${PREDICT_MAX} inputs`,
        description:
          'Each input is an object of feature values (missing ones allowed); the newest ready version predicts unless `version` names one. Viewer role. 400 for an input whose prediction would overflow; 409 `model_not_ready`.',
        tags,
        params: Params,
        body: Type.Object(
          {
            inputs: Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1, maxItems: PREDICT_MAX }),
            // A PostgreSQL integer: beyond it the lookup would fail in the database (a 500), not here.
            version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1, description: 'A ready version; default the newest ready one' })),
          },
          { additionalProperties: false, examples: [{ inputs: [{ plan: 'pro', seats: 12, tenureMonths: 7 }] }] },
        ),
        response: {
          200: json('One prediction per input', Predictions.ref, {
            example: { version: 1, predictions: [{ label: false, probabilities: { false: 0.83, true: 0.17 } }] },
          }),
          ...problems(400, 404, 409),
        },
      },
    },
    async (request) => models.predict(tenantOf(request), request.params.name, request.body.inputs, request.body.version),
  );

  app.post(
    '/v1/models/:name/recommend',
    {
      config: { minRole: 'viewer', audit: false, shed: true },
      schema: {
        summary: 'Top items a user has not interacted with',
        description: 'For a recommendation model: items scored for `user` from similar users, best first. Viewer role. 409 `model_not_ready`.',
        tags,
        params: Params,
        body: Type.Object(
          { user: Type.Union([Type.String({ maxLength: 200 }), Type.Number()]), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })) },
          { additionalProperties: false, examples: [{ user: 'u-42', limit: 5 }] },
        ),
        response: { 200: json('The items, best first', Recommendations.ref), ...problems(400, 404, 409) },
      },
    },
    async (request) => models.recommend(tenantOf(request), request.params.name, String(request.body.user), request.body.limit ?? 10),
  );
};
