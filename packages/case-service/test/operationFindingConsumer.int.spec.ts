import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar, demoDirectory, integrationEventSchemas, integrationTopic } from '@xianjie/contracts';
import type { FindingReferred } from '@xianjie/contracts';
import { createAccessRules } from '@xianjie/auth';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry, type Bus, type IntegrationMessage } from '@xianjie/messaging';
import { createCaseModule, type CaseModule } from '../src/index.ts';

const first17 = '12654000MB0000001';
const facility = { kind: 'ORGANIZATION' as const, name: '伊犁州某医院制剂室', creditCode: `${first17}${creditCodeCheckChar(first17)}` };

const referral = (findingId: string, data: Partial<FindingReferred> = {}): IntegrationMessage => ({
  id: `operation-op-1:${findingId}:0`,
  source: '/xianjie/operations',
  type: 'xianjie.operation.finding-referred.v1',
  specversion: '1.0',
  time: '2025-05-10T10:00:00+08:00',
  subject: 'operation-op-1',
  datacontenttype: 'application/json',
  data: {
    operationId: 'op-1',
    operationTitle: '全区医疗机构制剂室专项整治',
    findingId,
    inspectionId: 'I1',
    disposition: 'CASE_INVESTIGATION',
    agencyId: 'amr-650000',
    subject: facility,
    violations: ['UNAPPROVED_PREPARATION'],
    summary: '全区医疗机构制剂室专项整治：批准文号过期后仍配制复方制剂',
    amountInvolvedFen: 860_000,
    referredAt: '2025-05-10T10:00:00+08:00',
    ...data,
  } satisfies FindingReferred,
  partitionKey: 'op-1',
});

/**
 * A finding of a joint operation referred for a case (立案查处, 移送公安) is registered as a case by
 * the case service of the handling agency's kind, linked to the operation and the finding.
 */
describe('case module: cases opened by operation findings (PGlite, memory bus)', () => {
  let store: EventStore;
  let sql: SqlClient;
  let bus: Bus;
  let amr: CaseModule;
  let health: CaseModule;
  const published: IntegrationMessage[] = [];

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    const logger = pino({ level: 'silent' });
    bus = createMemoryBus({ registry: createMessageRegistry(integrationEventSchemas()), logger });
    const common = { store, sql, bus, directory: demoDirectory, rules: createAccessRules((id) => demoDirectory.get(id)), logger, now: () => '2025-05-10T10:00:05+08:00' };
    amr = await createCaseModule({ ...common, serviceName: 'market-regulation', agencyKinds: ['MARKET_REGULATION'], schema: 'market_regulation' });
    health = await createCaseModule({ ...common, serviceName: 'health', agencyKinds: ['HEALTH'], schema: 'health' });
    await amr.start();
    await health.start();
    const tap = await bus.subscribe({
      groupId: 'test-tap',
      topics: [integrationTopic('case')],
      fromBeginning: true,
      handler: async (message) => void published.push(message),
    });
    await tap.ready;
  });
  afterAll(async () => {
    await health?.stop();
    await amr?.stop();
    await bus?.close();
    await store?.close();
  });

  it('registers the case once, as the system actor of the handling agency, source INSPECTION, with its origin', async () => {
    const message = referral('I1-F1');
    await bus.publish(integrationTopic('operation'), [message]);
    const caseId = amr.findings!.caseIdFor(message.id);
    for (let i = 0; i < 200 && !published.some((m) => m.subject === `case-${caseId}`); i++) await new Promise((r) => setTimeout(r, 25));

    const found = await amr.cases.caseAsOf(caseId);
    expect(found!.state).toMatchObject({
      status: 'CLUE_REGISTERED',
      agencyId: 'amr-650000',
      source: 'INSPECTION',
      subject: facility,
      violations: ['UNAPPROVED_PREPARATION'],
      amountInvolvedFen: 860_000,
      origin: { operationId: 'op-1', findingId: 'I1-F1' },
    });
    const [event] = await store.readStream(`case-${caseId}`);
    expect(event!.metadata).toMatchObject({ actor: { userId: 'system:market-regulation', agencyId: 'amr-650000', roles: [] }, commandId: message.id });
    // the link back is public: case.registered carries the origin
    expect(published.find((m) => m.subject === `case-${caseId}`)).toMatchObject({
      type: 'xianjie.case.registered.v1',
      data: { origin: { operationId: 'op-1', findingId: 'I1-F1' } },
    });
    // another kind's service leaves it alone; a redelivery registers nothing more
    expect(await health.findings!.handle(message)).toBe('skipped');
    expect(await amr.findings!.handle(message)).toBe('duplicate');
    expect(await store.readStream(`case-${caseId}`)).toHaveLength(1);
  });

  it('skips a referral to another kind, and records a referral it cannot take without retrying it', async () => {
    expect(await amr.findings!.handle(referral('I1-F2', { agencyId: 'health-650000', violations: ['UNQUALIFIED_STAFF'] }))).toBe('skipped');
    expect(await health.findings!.handle(referral('I1-F2', { agencyId: 'health-650000', violations: ['UNQUALIFIED_STAFF'] }))).toBe('registered');
    // violations of another kind only: no case, and the message is not retried forever
    const wrong = referral('I1-F3', { violations: ['UNQUALIFIED_STAFF'] });
    expect(await amr.findings!.handle(wrong)).toBe('refused');
    expect(await amr.findings!.handle(wrong)).toBe('duplicate');
    expect(await store.readStream(`case-${amr.findings!.caseIdFor(wrong.id)}`)).toEqual([]);
  });
});
