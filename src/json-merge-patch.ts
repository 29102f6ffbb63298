/**
 * RFC 7396 JSON Merge Patch: objects merge recursively, null removes, anything else replaces. A key
 * named `__proto__` (JSON.parse makes it an own property) stays a plain key: assigned, it would set
 * the result's prototype instead.
 */
export function mergePatch(target: unknown, patch: unknown): Record<string, unknown> {
  const apply = (t: unknown, p: unknown): unknown => {
    if (p === null || typeof p !== 'object' || Array.isArray(p)) return p;
    const out: Record<string, unknown> = {};
    if (t !== null && typeof t === 'object' && !Array.isArray(t)) for (const [k, v] of Object.entries(t)) set(out, k, v);
    for (const [k, v] of Object.entries(p)) {
      if (v === null) delete out[k];
      else set(out, k, apply(Object.hasOwn(out, k) ? out[k] : undefined, v));
    }
    return out;
  };
  return apply(target, patch) as Record<string, unknown>;
}

function set(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}
