import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory, integrationEventSchemas, integrationTopic } from '@xianjie/contracts';
import type { OperationResultReported } from '@xianjie/contracts';
import { createAccessRules, findDemoUser, type Principal } from '@xianjie/auth';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry, type Bus, type IntegrationMessage } from '@xianjie/messaging';
import { createDisciplineInspectionService, type DisciplineInspectionService } from '../src/index.ts';

const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};

const report = (operationId: string, toAgencyId: string, leadAgencyId: string): OperationResultReported => ({
  operationId,
  title: '全区医疗机构制剂室专项整治',
  leadAgencyId,
  participantAgencyIds: [leadAgencyId, 'health-650000'],
  toAgencyId,
  summary: '共检查医疗机构制剂室20家，发现问题35个，已销号28个',
  figures: {
    targetsAssigned: 20,
    targetsInspected: 20,
    inspections: 20,
    followUps: 3,
    problems: 35,
    problemsClosed: 28,
    closureRate: 0.8,
    overdueRectifications: 2,
    byDisposition: [{ disposition: 'RECTIFICATION_ORDER', problems: 30, closed: 27 }],
    byRegion: [{ regionCode: '650100', assigned: 7, inspected: 7 }],
    casesReferred: 4,
    casesOpened: 4,
    relapses: 1,
    selfInspectionsReported: 18,
    selfInspectionsMissing: 2,
  },
  reportedAt: '2025-07-20T10:00:00+08:00',
});
const message = (operationId: string, data: OperationResultReported): IntegrationMessage => ({
  id: `operation-${operationId}:9:0`,
  source: '/xianjie/operations',
  type: 'xianjie.operation.result-reported.v1',
  specversion: '1.0',
  time: data.reportedAt,
  subject: `operation-${operationId}`,
  datacontenttype: 'application/json',
  data,
  partitionKey: operationId,
});

/** The commission's inbox of operation result reports, from the public `result-reported` messages. */
describe('discipline inspection: operation result reports', () => {
  let store: EventStore;
  let sql: SqlClient;
  let bus: Bus;
  let service: DisciplineInspectionService;

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    bus = createMemoryBus({ registry: createMessageRegistry(integrationEventSchemas()), logger: pino({ level: 'silent' }) });
    service = await createDisciplineInspectionService({
      store,
      sql,
      bus,
      directory: demoDirectory,
      rules: createAccessRules((id) => demoDirectory.get(id)),
      logger: pino({ level: 'silent' }),
      now: () => '2025-07-20T10:05:00+08:00',
    });
    await service.start();
  });
  afterAll(async () => {
    await service?.stop();
    await bus?.close();
    await store?.close();
  });

  it('keeps a report delivered over the bus once, for the commission it is addressed to', async () => {
    const regional = message('op-region', report('op-region', 'cdi-650000', 'amr-650000'));
    await bus.publish(integrationTopic('operation'), [regional]);
    for (let i = 0; i < 200 && (await service.operationReports.list(principal('u-cdi-650000-overseer'))).length === 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await service.operationReports.list(principal('u-cdi-650000-overseer'))).toEqual([
      { ...report('op-region', 'cdi-650000', 'amr-650000'), receivedAt: '2025-07-20T02:05:00.000Z', reportedAt: '2025-07-20T02:00:00.000Z' },
    ]);
    // a redelivery is recognised and changes nothing
    expect(await service.operationReports.handle(regional)).toBe(false);
    expect(await service.operationReports.list(principal('u-cdi-650000-overseer'))).toHaveLength(1);
  });

  it('shows a city commission its own reports; overseers above see those of their region', async () => {
    expect(await service.operationReports.handle(message('op-city', report('op-city', 'cdi-650100', 'amr-650100')))).toBe(true);
    const ids = async (id: string) => (await service.operationReports.list(principal(id))).map((r) => r.operationId).sort();
    expect(await ids('u-cdi-650100-supervisor')).toEqual(['op-city']);
    expect(await ids('u-cdi-650100-overseer')).toEqual(['op-city']);
    expect(await ids('u-cdi-650000-overseer')).toEqual(['op-city', 'op-region']);
    expect(await ids('u-amr-650000-supervisor')).toEqual([]);
  });
});
