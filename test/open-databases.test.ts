import { describe, expect, it } from 'vitest';
import type { DatabaseBackend } from '../src/storage/backends/backend.js';
import { TenantryError } from '../src/errors.js';
import { OpenDatabases } from '../src/storage/open-databases.js';

/** A stand-in database that only records whether it was closed: OpenDatabases never queries it. */
function stub(log: string[], name: string): DatabaseBackend {
  return {
    kind: 'pglite',
    appPoolSize: 1,
    acquireAdmin: () => Promise.reject(new Error('unused')),
    acquireApp: () => Promise.reject(new Error('unused')),
    enableAppRole: () => {},
    poolStats: () => [],
    close: async () => void log.push(`close ${name}`),
  };
}

describe('the budget of open tenant databases', () => {
  it('never holds more than max open, evicting the least recently used idle one', async () => {
    const log: string[] = [];
    const open = new OpenDatabases({ max: 2, idleMs: 60_000 });
    const a = await open.use('a', async () => stub(log, 'a'));
    const b = await open.use('b', async () => stub(log, 'b'));
    a.release();
    b.release();
    const c = await open.use('c', async () => stub(log, 'c'));
    expect(log).toEqual(['close a']);
    expect(open.size).toBe(2);
    // Reusing an open database opens nothing; with both slots busy the next opener waits.
    const b2 = await open.use('b', async () => stub(log, 'b-again'));
    let dOpened = false;
    const d = open.use('d', async () => stub(log, 'd')).then((h) => ((dOpened = true), h));
    await new Promise((r) => setTimeout(r, 20));
    expect(dOpened).toBe(false);
    c.release();
    (await d).release();
    b2.release();
    expect(dOpened).toBe(true);
    expect(log).toEqual(['close a', 'close c']);
    expect(open.size).toBe(2);
    await open.closeAll();
    expect(open.size).toBe(0);
  });

  it('an opener finding every place in use waits a bounded time, then gets 503 busy', async () => {
    const log: string[] = [];
    const open = new OpenDatabases({ max: 1, idleMs: 60_000 });
    const a = await open.use('a', async () => stub(log, 'a'));
    const started = Date.now();
    const error = await open.use('b', async () => stub(log, 'b'), 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantryError);
    expect(error).toMatchObject({ code: 'busy', status: 503 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    // Once a place frees up in time, the wait ends with the database.
    const waiting = open.use('b', async () => stub(log, 'b'), 5_000);
    a.release();
    (await waiting).release();
    expect(log).toEqual(['close a']);
    await open.closeAll();
  });

  it('closes a database left idle', async () => {
    const log: string[] = [];
    const open = new OpenDatabases({ max: 4, idleMs: 150 });
    const a = await open.use('a', async () => stub(log, 'a'));
    await new Promise((r) => setTimeout(r, 400));
    expect(log).toEqual([]); // in use: never closed for idleness
    a.release();
    await new Promise((r) => setTimeout(r, 400));
    expect(log).toEqual(['close a']);
    expect(open.size).toBe(0);
  });

  it('a failed open frees its slot', async () => {
    const open = new OpenDatabases({ max: 1, idleMs: 60_000 });
    await expect(open.use('x', () => Promise.reject(new Error('no such database')))).rejects.toThrow('no such database');
    const y = await open.use('y', async () => stub([], 'y'));
    y.release();
    await open.closeAll();
  });
});
