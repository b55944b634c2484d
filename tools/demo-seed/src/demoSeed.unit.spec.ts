import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { demoDirectory, idForCommand } from '@xianjie/contracts';
import type { CallerAuth, CaseClient } from '@xianjie/case-service/client';
import type { TransferClient, TransferClients } from '@xianjie/transfer-service/client';
import type { OperationsClient } from '@xianjie/operations/client';
import type { OversightClient } from '@xianjie/discipline-inspection/client';
import { seedDemo, type DemoSeedPorts } from './demoSeed.ts';

interface Call {
  port: string;
  name: string;
  commandId: string;
  occurredAt: string | undefined;
  correlationId: string;
}

/**
 * Ports that answer as the services would, with read models that show what was told at once: they
 * record every command. `registeredAt` of a case is its first command's occurredAt.
 */
const fakePorts = () => {
  const calls: Call[] = [];
  const cases = new Map<string, { registeredAt: string; version: number; agencyId: string }>();
  const transfers = new Set<string>();
  const operations = new Set<string>();
  const supervised = new Set<string>();
  const record = (port: string, name: string, input: unknown, auth: CallerAuth) => {
    const { commandId } = input as { commandId: string };
    calls.push({ port, name, commandId, occurredAt: auth.occurredAt, correlationId: auth.correlationId });
    return input as Record<string, string>;
  };
  const caseClient: CaseClient = {
    async execute(name, raw, auth) {
      const input = record('cases', name, raw, auth);
      const caseId = name === 'registerCase' ? idForCommand('case', auth.principal.agencyId, input.commandId) : input.caseId!;
      const known = cases.get(caseId) ?? { registeredAt: auth.occurredAt!, version: 0, agencyId: auth.principal.agencyId };
      cases.set(caseId, { ...known, version: known.version + 1 });
      return { caseId, state: { status: 'CLUE_REGISTERED' } as never, version: known.version + 1 };
    },
    async caseAsOf(caseId) {
      const known = cases.get(caseId);
      return known ? { caseId, state: { status: 'CLOSED', registeredAt: known.registeredAt } as never, version: known.version } : null;
    },
    async listCases(_filter, _limit, _after, auth) {
      const rows = [...cases].filter(([, c]) => c.agencyId === auth.principal.agencyId).map(([id, c]) => ({ id, version: c.version, registeredAt: c.registeredAt }));
      return { rows: rows as never, hasMore: false };
    },
  };
  const transferClient = {
    async execute(name, raw, auth) {
      const input = record('transfers', name, raw, auth);
      const transferId = name === 'proposeTransfer' ? idForCommand('transfer', auth.principal.agencyId, input.commandId) : input.transferId!;
      transfers.add(transferId);
      return { transferId, side: 'SENDER', state: {} as never, version: 1 };
    },
    async listTransfers() {
      return { rows: [...transfers].map((id) => ({ id, createdAt: '2026-01-01T00:00:00Z' })) as never, hasMore: false };
    },
  } as Pick<TransferClient, 'execute' | 'listTransfers'> as TransferClient;
  const transferClients: TransferClients = { forKind: () => transferClient, all: () => [transferClient] };
  const operationsClient = {
    async execute(name, raw, auth) {
      const input = record('operations', name, raw, auth);
      const operationId = name === 'planOperation' ? idForCommand('operation', auth.principal.agencyId, input.commandId) : input.operationId!;
      operations.add(operationId);
      return { operationId, version: 1, operation: {} as never, result: {} as never };
    },
    async operations() {
      return [...operations].map((operationId) => ({ operationId })) as never;
    },
  } as Pick<OperationsClient, 'execute' | 'operations'> as OperationsClient;
  const oversightClient = {
    async executeSupervision(name, raw, auth) {
      const input = record('oversight', name, raw, auth);
      const duplicate = supervised.has(input.caseId!);
      supervised.add(input.caseId!);
      return { item: {} as never, version: 1, duplicate };
    },
    async supervisedCases() {
      return [...supervised].map((caseId) => ({ caseId })) as never;
    },
    async caseSupervision(caseId) {
      return supervised.has(caseId) ? ({ caseId } as never) : null;
    },
  } as Pick<OversightClient, 'executeSupervision' | 'supervisedCases' | 'caseSupervision'> as OversightClient;
  const ports: DemoSeedPorts = { directory: demoDirectory, cases: caseClient, transfers: transferClients, operations: operationsClient, oversight: oversightClient };
  return { ports, calls, supervised };
};

const silent = pino({ level: 'silent' });

describe('seedDemo through the ports', () => {
  it('tells every step with its business time, in the past, in order within each story, with the seed’s commandIds', async () => {
    const { ports, calls } = fakePorts();
    const started = Date.now();
    await seedDemo(ports, silent);
    // 7 demo cases (23 commands), 6 transfer stories (39), the operation (33 and 19 自查自纠 reports), 挂牌督办 (3).
    expect(calls.length).toBe(23 + 39 + 33 + 19 + 3);
    expect(calls.every((c) => c.occurredAt !== undefined && Date.parse(c.occurredAt) <= Date.now())).toBe(true);
    const byStory = new Map<string, Call[]>();
    for (const call of calls) byStory.set(call.correlationId, [...(byStory.get(call.correlationId) ?? []), call]);
    for (const [story, told] of byStory) {
      const times = told.map((c) => Date.parse(c.occurredAt!));
      expect(times, story).toEqual([...times].sort((a, b) => a - b));
    }
    // The commandIds of the first seeds, so an existing data directory is recognised.
    expect(calls.map((c) => c.commandId)).toEqual(
      expect.arrayContaining([
        'seed:demo-v1:0:register',
        'seed:demo-v1:0:4',
        'seed:demo-transfers-v1:0:register',
        'seed:demo-transfers-v1:4:6',
        'seed:demo-operation-v1:0',
        'seed:demo-operation-v1:32',
        'seed:demo-supervision-v1:supervise',
      ]),
    );
    // The demo cases come last and newest, just before the seed's start; the stories days before.
    const lastCase = calls.filter((c) => c.commandId.startsWith('seed:demo-v1:')).at(-1)!;
    expect(Date.parse(lastCase.occurredAt!)).toBeLessThanOrEqual(started);
    expect(Date.parse(lastCase.occurredAt!)).toBeGreaterThan(started - 2000);
    const proposal = calls.find((c) => c.commandId === 'seed:demo-transfers-v1:0:2')!;
    expect(started - Date.parse(proposal.occurredAt!)).toBeGreaterThan(20 * 86_400_000);
  });

  it('stops at once on a rerun: the last story’s last step is there', async () => {
    const { ports, calls } = fakePorts();
    await seedDemo(ports, silent);
    const told = calls.length;
    await seedDemo(ports, silent);
    expect(calls.length).toBe(told);
  });

  it('resumes an interrupted seed on the first seed’s times, read back from the first demo case', async () => {
    const first = fakePorts();
    await seedDemo(first.ports, silent);
    // The same ports with the 挂牌督办 not told: the seed retries every step, each at the time it had.
    first.supervised.clear();
    const before = first.calls.splice(0);
    await new Promise((r) => setTimeout(r, 1100));
    await seedDemo(first.ports, silent);
    expect(first.calls.map((c) => [c.commandId, c.occurredAt])).toEqual(before.map((c) => [c.commandId, c.occurredAt]));
  });
});
