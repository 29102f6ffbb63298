import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deniedAddress, egressRequest, EgressError } from '../src/workflows/egress.js';

describe(`outbound requests refuse internal addresses`, () => {
  let server: http.Server;
  let port: number;
  let hits = 0;
  /** Connections of /trickle requests, closed or not. */
  const trickles: Array<{ closed: boolean }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits++;
      if (req.url === '/trickle') {
        // An answer that never ends: a byte every 20 ms.
        const entry = { closed: false };
        trickles.push(entry);
        res.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => res.write('x'), 20);
        res.on('close', () => {
          clearInterval(timer);
          entry.closed = true;
        });
        return;
      }
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, body: body ? JSON.parse(body) : null }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  const closed = async (entry: { closed: boolean } | undefined) => {
    for (let i = 0; i < 100 && !entry?.closed; i++) await new Promise((r) => setTimeout(r, 10));
    return entry?.closed ?? false;
  };

  it('refuses loopback, link-local, private and reserved targets, by literal address or by name, without connecting', async () => {
    const before = hits;
    const refused = [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://2130706433:${port}/`, // 127.0.0.1 written as one number
      `http://0x7f.1:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      'http://192.168.1.1/',
      'http://172.16.5.4/',
      'http://100.64.0.1/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://0.0.0.0/',
    ];
    for (const url of refused) {
      const error = await egressRequest({ url }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, url).toBeInstanceOf(EgressError);
      expect((error as Error).message, url).toMatch(/refused/);
    }
    expect(hits).toBe(before);
  });

  it('refuses other schemes, credentials in URLs and unknown methods', async () => {
    for (const [request, message] of [
      [{ url: 'file:///etc/passwd' }, /only http and https/],
      [{ url: 'ftp://example.com/' }, /only http and https/],
      [{ url: 'http://user:pass@example.com/' }, /credentials/],
      [{ url: 'not a url' }, /not a URL/],
      [{ url: 'http://example.com/', method: 'TRACE' }, /method/],
    ] as const) {
      await expect(egressRequest(request)).rejects.toThrow(message);
    }
  });

  it('reaches an allowlisted local server, with a JSON body and response', async () => {
    const res = await egressRequest({ url: `http://127.0.0.1:${port}/hook`, method: 'POST', body: { a: 1 } }, ['127.0.0.1']);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ method: 'POST', body: { a: 1 } });
    // By name too, when the name is allowed.
    const byName = await egressRequest({ url: `http://localhost:${port}/` }, ['localhost']);
    expect(byName.status).toBe(200);
  });

  it('refuses a Host header in any case, and malformed headers, without connecting', async () => {
    const before = hits;
    for (const name of ['Host', 'host', 'HOST', ' hOsT ']) {
      await expect(egressRequest({ url: `http://127.0.0.1:${port}/`, headers: { [name]: 'internal.example' } }, ['127.0.0.1'])).rejects.toThrow(
        /header may not be set/,
      );
    }
    await expect(egressRequest({ url: `http://127.0.0.1:${port}/`, headers: { 'bad name': 'x' } }, ['127.0.0.1'])).rejects.toThrow(/invalid request/);
    await expect(egressRequest({ url: `http://127.0.0.1:${port}/`, headers: { 'x-a': 'x\r\nhost: y' } }, ['127.0.0.1'])).rejects.toThrow(EgressError);
    expect(hits).toBe(before);
  });

  it('closes the connection when the caller aborts, and cuts off an answer that outlasts the deadline', async () => {
    const abort = new AbortController();
    const aborted = egressRequest({ url: `http://127.0.0.1:${port}/trickle`, signal: abort.signal }, ['127.0.0.1']);
    await new Promise((r) => setTimeout(r, 100));
    abort.abort(new Error('step timed out'));
    await expect(aborted).rejects.toThrow('step timed out');
    expect(await closed(trickles[0])).toBe(true);
    // The deadline covers the whole exchange, not only silences: a trickle does not extend it.
    const started = Date.now();
    await expect(egressRequest({ url: `http://127.0.0.1:${port}/trickle`, timeoutMs: 200 }, ['127.0.0.1'])).rejects.toThrow(/no response within 200 ms/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await closed(trickles[1])).toBe(true);
  }, 5000);

  it('classifies addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '169.254.169.254', '::1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::7f00:1', 'fc00::1', '224.0.0.1']) {
      expect(deniedAddress(a), a).toBeDefined();
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(deniedAddress(a), a).toBeUndefined();
  });
});
