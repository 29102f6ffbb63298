import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PREDICT_MAX, type ModelsService } from '../../ml/models.js';
import { tenantContext } from '../plugins/tenant-auth.js';
import { ProblemSchema } from '../schemas.js';
import { locate } from '../location.js';

export interface ModelsRoutesOptions {
  models: ModelsService;
}

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema };
const Name = Type.String({ maxLength: 63 });
const Field = Type.String({ maxLength: 200 });
const Status = Type.Union([Type.Literal('queued'), Type.Literal('training'), Type.Literal('ready'), Type.Literal('failed')]);
const Version = Type.Object({
  version: Type.Integer(),
  status: Status,
  error: Type.Union([Type.String(), Type.Null()]),
  metrics: Type.Union([Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const Fields = Type.Object({ user: Field, item: Field, weight: Type.Optional(Field) }, { additionalProperties: false });
const Options = Type.Object(
  { l2: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e6 })), seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })) },
  { additionalProperties: false },
);
const Model = Type.Object({
  name: Type.String(),
  kind: Type.String(),
  collection: Type.String(),
  features: Type.Array(Type.String()),
  target: Type.Union([Type.String(), Type.Null()]),
  fields: Type.Union([Fields, Type.Null()]),
  options: Type.Unknown(),
  status: Status,
  versions: Type.Array(Version),
  featureSpec: Type.Unknown(),
  weights: Type.Unknown(),
  createdAt: Type.String({ format: 'date-time' }),
});
const Params = Type.Object({ name: Name }, { additionalProperties: false });

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
        tags,
        body: Type.Object(
          {
            name: Name,
            kind: Type.Union([Type.Literal('classification'), Type.Literal('regression'), Type.Literal('recommendation')]),
            collection: Name,
            features: Type.Optional(Type.Array(Field, { maxItems: 50 })),
            target: Type.Optional(Field),
            fields: Type.Optional(Fields),
            options: Type.Optional(Options),
          },
          { additionalProperties: false },
        ),
        response: { 202: Model, ...errors },
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
      schema: { summary: 'List models', tags, response: { 200: Type.Object({ items: Type.Array(Model), nextCursor: Type.Null() }), ...errors } },
    },
    async (request) => ({ items: await models.list(tenantOf(request)), nextCursor: null }),
  );

  app.get(
    '/v1/models/:name',
    {
      config: { minRole: 'viewer' },
      schema: { summary: 'A model with its versions, metrics, feature spec and weights', tags, params: Params, response: { 200: Model, ...errors } },
    },
    async (request) => models.get(tenantOf(request), request.params.name),
  );

  app.post(
    '/v1/models/:name/train',
    { config: { minRole: 'member' }, schema: { summary: 'Train a new version', tags, params: Params, response: { 202: Version, ...errors } } },
    async (request, reply) => {
      const version = await models.train(tenantOf(request), request.params.name);
      return locate(request, reply, 'models', request.params.name).code(202).send(version);
    },
  );

  app.post(
    '/v1/models/:name/predict',
    {
      config: { minRole: 'viewer' },
      schema: {
        summary: `Predict for up to ${PREDICT_MAX} inputs`,
        tags,
        params: Params,
        body: Type.Object(
          {
            inputs: Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1, maxItems: PREDICT_MAX }),
            // A PostgreSQL integer: beyond it the lookup would fail in the database (a 500), not here.
            version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            version: Type.Integer(),
            predictions: Type.Array(
              Type.Union([
                Type.Object({ label: Type.Union([Type.String(), Type.Number(), Type.Boolean()]), probabilities: Type.Record(Type.String(), Type.Number()) }),
                Type.Object({ value: Type.Number() }),
              ]),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => models.predict(tenantOf(request), request.params.name, request.body.inputs, request.body.version),
  );

  app.post(
    '/v1/models/:name/recommend',
    {
      config: { minRole: 'viewer' },
      schema: {
        summary: 'Top items a user has not interacted with',
        tags,
        params: Params,
        body: Type.Object(
          { user: Type.Union([Type.String({ maxLength: 200 }), Type.Number()]), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ version: Type.Integer(), items: Type.Array(Type.Object({ item: Type.String(), score: Type.Number() })) }), ...errors },
      },
    },
    async (request) => models.recommend(tenantOf(request), request.params.name, String(request.body.user), request.body.limit ?? 10),
  );
};
