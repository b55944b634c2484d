import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '@xianjie/contracts';
import { remoteCall } from './remoteCall.ts';

const auth = { token: null, correlationId: 'c-1' };

/** Issue #12, hole 11: a service that does not answer is named by its route, never by its address. */
describe('remoteCall failures', () => {
  it('attack: an unreachable service does not reveal its internal URL or the socket error', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const error = await remoteCall(baseUrl, '/cases/c-1', auth).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    const shown = JSON.stringify({ message: (error as Error).message, ...(error as ServiceUnavailableError).details });
    expect(shown).not.toContain('127.0.0.1');
    expect(shown).not.toMatch(/ECONNREFUSED/);
    expect((error as Error).message).toBe('the cases service is unavailable: no answer');
    expect((error as Error).cause).toBeDefined(); // kept for the logs
  });

  it('an answer that is not our error form says its status, not the address', async () => {
    const server = createServer((_req, res) => void res.writeHead(502).end('<html>bad gateway at 10.0.0.7</html>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const error = await remoteCall(baseUrl, '/transfers?x=1', auth).catch((e: unknown) => e);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect((error as Error).message).toBe('the transfers service is unavailable: answered 502');
  });
});
