import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, mintDevToken, type Principal } from '@xianjie/auth';
import { apiErrorHandler, jsonKeepingRawBody, principalFrom, requireServiceSignature } from '@xianjie/http';
import { httpPersonalDataReadRecorder } from './platformKeys.ts';

/**
 * The distributed 查询留痕 call end to end over HTTP: a service's recorder signs with the platform's
 * service key and forwards the reader's token; a route guarded as the commission's is reached only
 * so (decision 0008).
 */
const SECRET = 'test-secret-for-the-recorder-suite-0123456';
const SERVICE_KEY = 'the-platform-service-key-of-32-characters';
const overseer: Principal = { userId: 'u-cdi-650000-overseer', name: '监督员', agencyId: 'cdi-650000', roles: ['overseer'] };
const received: { principal: Principal; body: unknown }[] = [];
let url = '';
let close = () => {};

beforeAll(async () => {
  const app = express();
  const principalOf = principalFrom(createTokenVerifier({ mode: 'dev', secret: SECRET }));
  // As the commission's POST /personal-data-reads guards itself.
  app.post('/personal-data-reads', jsonKeepingRawBody('256kb'), async (req, res, next) => {
    try {
      requireServiceSignature(SERVICE_KEY, req);
      received.push({ principal: await principalOf(req), body: req.body });
      res.status(201).json({ streamId: 'data-reads-cdi-650000-202601', version: received.length, readAt: 'now' });
    } catch (error) {
      next(error);
    }
  });
  app.use(apiErrorHandler(pino({ level: 'silent' }), 'test'));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe('httpPersonalDataReadRecorder (distributed 查询留痕)', () => {
  const input = { field: 'case' as const, items: [{ caseId: 'c1', caseAgencyId: 'amr-650100', subjectRef: 'a'.repeat(64) }] };

  it('reaches the commission signed, as the reader', async () => {
    const token = await mintDevToken({ secret: SECRET, ...overseer });
    await httpPersonalDataReadRecorder(url, SERVICE_KEY)(input, { principal: overseer, token, correlationId: 'c-1' });
    expect(received).toEqual([{ principal: expect.objectContaining({ userId: overseer.userId }), body: input }]);
  });

  it('is refused with another key (UNAUTHENTICATED), recording nothing', async () => {
    const token = await mintDevToken({ secret: SECRET, ...overseer });
    const before = received.length;
    await expect(
      httpPersonalDataReadRecorder(url, 'a-guessed-service-key-of-32-characters!!')(input, { principal: overseer, token }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(received).toHaveLength(before);
  });
});
