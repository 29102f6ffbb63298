import type { FastifyInstance } from 'fastify';

/**
 * Every method and path the app serves, from Fastify's own route table
 * (`printRoutes({ commonPrefix: false })`), e.g. `{method: 'GET', path: '/t/:tenant/v1/collections/:name'}`:
 * the routes the OpenAPI document hides (the /t/{tenant} copies, HEAD, documentation) included.
 */
export function routeTable(app: Pick<FastifyInstance, 'printRoutes'>): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.+)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const node = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(m[2]!)!;
    const path = (stack[depth - 1] ?? '') + node[1]!;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of node[2]?.split(', ') ?? []) routes.push({ method, path });
  }
  return routes;
}
