import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/tenancy/catalog.js';

/**
 * One API key per role for `tenant`, issued through the control plane with the admin token, as a
 * client would. Throws if the control plane refuses.
 */
export async function issueKeys<R extends Role>(app: FastifyInstance, adminToken: string, tenant: string, roles: readonly R[]): Promise<Record<R, string>> {
  const keys = {} as Record<R, string>;
  for (const role of roles) {
    const res = await app.inject({
      method: 'POST',
      url: `/v1/tenants/${tenant}/api-keys`,
      headers: { authorization: `Bearer ${adminToken}` },
      payload: { name: role, role },
    });
    if (res.statusCode !== 201) throw new Error(`could not issue a ${role} key for ${tenant}: ${res.statusCode} ${res.body}`);
    keys[role] = res.json().key;
  }
  return keys;
}
