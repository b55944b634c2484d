import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceApp } from './serviceApp.ts';

/** Issue #12, holes 4 and 11: what every service's HTTP API shares, over real HTTP. */
describe('a service HTTP app (distributed mode)', () => {
  let server: Server;
  let url: string;
  const stored: unknown[] = [];
  const lines: { level: number }[] = [];

  beforeAll(async () => {
    const router = express.Router();
    // As the services' routers do: their own JSON parser (a no-op once the app parsed the body).
    router.post('/commands', express.json({ limit: '1mb' }), (req, res) => {
      stored.push(req.body);
      res.json({ ok: true });
    });
    router.get('/cases/:id', (req, res) => void res.json({ id: req.params.id }));
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(JSON.parse(line) as { level: number }) });
    server = createServiceApp({ name: 'market-regulation', logger, router, bodyLimitBytes: 64 * 1024, trustProxy: false }).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  const post = (body: string) => fetch(`${url}/commands`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('attack: a 20 MB body is 413 PAYLOAD_TOO_LARGE naming the limit, not a 500, and logged below error', async () => {
    const res = await post(JSON.stringify({ pad: 'x'.repeat(20 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/the limit is 65536 bytes/) } });
    expect((await post('{"broken"')).status).toBe(400);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('attack: NUL and lone surrogates in a JSON body or the query string are BAD_USER_INPUT naming the field, nothing stored', async () => {
    const nul = await post(JSON.stringify({ input: { subject: { name: '医院\u0000' } } }));
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'input.subject.name' } });
    const surrogate = await post('{"input":{"summary":"\\udc00x"}}');
    expect(await surrogate.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'input.summary' } });
    const query = await fetch(`${url}/cases/c1?asOf=%00`);
    expect(await query.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'asOf' } });
    expect(stored).toEqual([]);
    expect((await post(JSON.stringify({ input: { subject: { name: '医院' } } }))).status).toBe(200);
  });

  it('every answer has the security headers; /healthz says only its status; unknown paths are JSON 404s', async () => {
    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const missing = await fetch(`${url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'not found' } });
    for (const res of [health, missing, await post('{}')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
      expect(res.headers.get('strict-transport-security')).toBeNull(); // plain HTTP, no trusted proxy
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});
