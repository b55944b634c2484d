import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { findDemoUser, mintDevToken, type Principal } from '@xianjie/auth';

export const OFFICER = 'u-amr-650100-officer';
export const SUPERVISOR = 'u-amr-650100-supervisor';
export const OVERSEER = 'u-cdi-650000-overseer';
export const POLICE_OFFICER = 'u-police-650100-officer';

export const principalOf = (userId: string): Principal => {
  const u = findDemoUser(userId);
  if (!u) throw new Error(`no demo user ${userId}`);
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles], ...(u.capacity ? { capacity: u.capacity } : {}) };
};

/** The 专案组 of the bench's criminal proposals (Decree art. 5: two or more officers, the proposer among them). */
export const CASE_TEAM = [
  { userId: OFFICER, name: '帕丽旦·热合曼' },
  { userId: 'u-amr-650100-officer2', name: '艾尔肯·吐尔逊' },
];

export const tokenFor = (secret: string, userId: string) => {
  const u = findDemoUser(userId);
  if (!u) throw new Error(`no demo user ${userId}`);
  return mintDevToken({ secret, ...u, roles: [...u.roles] });
};

/** Listens on 127.0.0.1 and a free port; resolves with the base URL. */
export const listenLocal = async (app: { listen: (port: number, host: string) => Server }) => {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

export const postJson = async (url: string, body: unknown, token?: string): Promise<{ status: number; json: Record<string, unknown> }> => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

export const pharmacy = { kind: 'ORGANIZATION', name: '乌鲁木齐安泰大药房有限公司', creditCode: '91650102MA7XJ0012E' };
