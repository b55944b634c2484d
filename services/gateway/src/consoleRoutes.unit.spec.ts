import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRoutes } from './consoleRoutes.ts';

describe('the console bundle at /', () => {
  const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
  let url = '';
  let close = () => {};
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="zh-CN"><title>衔接</title></html>');
    writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'console.log(1)');
    const app = express();
    app.use(consoleRoutes(dist, ['https://idp.example'])!);
    app.use((_req, res) => void res.status(404).json({ errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => {
    close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers every page address with index.html under the console CSP', async () => {
    for (const path of ['/', '/transfers/abc', '/cases?asOf=2026-01-01']) {
      const res = await fetch(`${url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('lang="zh-CN"');
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' https://idp.example; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
    }
  });

  it('caches hashed assets for a year; leaves the API paths and missing assets alone', async () => {
    const asset = await fetch(`${url}/assets/app-1a2b.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).status).toBe(404);
    expect((await fetch(`${url}/auth/config`, { headers: { accept: 'text/html' } })).status).toBe(404);
  });

  it('is absent when the bundle was not built', () => {
    expect(consoleRoutes(join(dist, 'nothing-here'))).toBeNull();
  });
});
