import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationEventSchemas, integrationTopic } from '@xianjie/contracts';
import { findDemoUser, mintDevToken } from '@xianjie/auth';
import { createKafkaBus, createMessageRegistry, type Bus, type DeadLetter } from '@xianjie/messaging';
import { announceSkip, dropSchema, resolveKafka, resolvePostgres, uniqueSchema } from '@xianjie/testing';
import { startProcess, stopProcess, waitForHealth, type ServiceProcess } from '../support/processes.ts';
import { caseStepMutation, registerCaseMutation } from '../support/caseOperations.ts';
import { eventually } from '../support/eventually.ts';
import type { GraphQLResult } from '../support/embeddedGateway.ts';

const [postgres, kafka] = await Promise.all([resolvePostgres(), resolveKafka()]);
const missing = [!postgres.available && `PostgreSQL: ${postgres.reason}`, !kafka.available && `Kafka: ${kafka.reason}`].filter(Boolean);
if (missing.length) announceSkip('distributed mode end to end (test/distributed)', missing.join('; '));

/**
 * Distributed mode as it runs in production: market regulation, the discipline commission and the
 * gateway as three processes on PostgreSQL and Kafka. A case closed with a penalty only crosses
 * Kafka to the commission's 以罚代刑 view — also when the commission's process is killed mid-flow,
 * when a message arrives twice, and when a malformed message is on the topic.
 */
describe.skipIf(missing.length > 0)('distributed mode: two services and the gateway over Kafka', () => {
  const databaseUrl = postgres.available ? postgres.url : '';
  const brokers = kafka.available ? kafka.url : '';
  const prefix = `${uniqueSchema('dist')}_`;
  const secret = 'distributed-e2e-secret-0123456789abcdef';
  const base = 4300 + Math.floor(Math.random() * 500);
  const ports = { gateway: base, mr: base + 1, di: base + 5 };
  const env: Record<string, string> = {
    XIANJIE_STORE: 'postgres',
    XIANJIE_BUS: 'kafka',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers,
    AUTH_DEV_SECRET: secret,
    XIANJIE_ALLOW_DEV_SECRET: '1',
    XIANJIE_SCHEMA_PREFIX: prefix,
    PORT: String(ports.gateway),
    MARKET_REGULATION_PORT: String(ports.mr),
    DISCIPLINE_INSPECTION_PORT: String(ports.di),
    MARKET_REGULATION_URL: `http://127.0.0.1:${ports.mr}`,
    DISCIPLINE_INSPECTION_URL: `http://127.0.0.1:${ports.di}`,
    LOG_LEVEL: 'info',
  };
  const procs: Record<string, ServiceProcess> = {};
  const start = async (key: 'mr' | 'di' | 'gw') => {
    const [name, file, port] =
      key === 'mr'
        ? ['market-regulation', 'marketRegulationProcess.ts', ports.mr]
        : key === 'di'
          ? ['discipline-inspection', 'disciplineInspectionProcess.ts', ports.di]
          : ['gateway', 'gatewayProcess.ts', ports.gateway];
    procs[key] = startProcess(name, file, env);
    await waitForHealth(`http://127.0.0.1:${port}`, procs[key]!);
  };
  let bus: Bus;
  const deadLetters: DeadLetter[] = [];
  const token = (id: string) => {
    const u = findDemoUser(id)!;
    return mintDevToken({ secret, ...u, roles: [...u.roles] });
  };
  const gql = async <T>(query: string, variables: Record<string, unknown>, bearer: string): Promise<GraphQLResult<T>> => {
    const res = await fetch(`http://127.0.0.1:${ports.gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResult<T>;
  };

  beforeAll(async () => {
    await start('mr');
    await start('di');
    await start('gw');
    bus = createKafkaBus({
      brokers: brokers.split(','),
      clientId: 'e2e-probe',
      registry: createMessageRegistry(integrationEventSchemas()),
      logger: pino({ level: 'silent' }),
    });
    const dlq = await bus.subscribeDeadLetters({
      groupId: `e2e-dlq-${prefix}`,
      topic: integrationTopic('case'),
      handler: async (d) => void deadLetters.push(d),
    });
    await dlq.ready;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(Object.values(procs).map((p) => stopProcess(p)));
    await bus?.close();
    if (postgres.available) {
      for (const s of ['xianjie', 'market_regulation', 'discipline_inspection']) await dropSchema(databaseUrl, `${prefix}${s}`);
    }
  }, 60_000);

  /** Register → file → evidence → penalty → close through the gateway; returns the case id. */
  const penaltyOnlyCase = async (summary: string) => {
    const [officer, supervisor] = await Promise.all([token('u-amr-650100-officer'), token('u-amr-650100-supervisor')]);
    const reg = await gql<{ registerCase: { id: string } }>(
      registerCaseMutation,
      {
        input: {
          subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
          source: 'INSPECTION',
          summary,
          violations: ['UNAPPROVED_PREPARATION'],
          amountInvolvedFen: 2_000_000,
        },
      },
      officer,
    );
    expect(reg.errors).toBeUndefined();
    const id = reg.data!.registerCase.id;
    const steps: [string, string, Record<string, unknown>][] = [
      ['fileCase', supervisor, {}],
      ['recordEvidence', officer, { kind: 'DOCUMENT', title: '配制记录' }],
      ['decidePenalty', supervisor, { decisionNumber: `罚-${summary}`, penalties: [{ kind: 'FINE', amountFen: 500_000 }], personsResponsible: [] }],
      ['closeCase', officer, {}],
    ];
    for (const [name, who, input] of steps) {
      const res = await gql(caseStepMutation(name), { input: { caseId: id, ...input } }, who);
      expect(res.errors, `${name}: ${JSON.stringify(res.errors)}`).toBeUndefined();
    }
    return id;
  };

  const warnedCaseIds = async () => {
    const res = await gql<{ oversight: { penaltyInsteadOfTransfer: { caseId: string }[] } }>(
      '{ oversight { penaltyInsteadOfTransfer { caseId } } }',
      {},
      await token('u-cdi-650000-overseer'),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.oversight.penaltyInsteadOfTransfer.map((w) => w.caseId);
  };

  const decisionsFor = async (caseId: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "${prefix}discipline_inspection".penalty_decisions WHERE case_id = $1`, [caseId]);
    await client.end();
    return rows[0].n as number;
  };

  it('carries a closed case across Kafka to the commission’s 以罚代刑 view', async () => {
    const id = await penaltyOnlyCase('流转一');
    await eventually(warnedCaseIds, (ids) => ids.includes(id), 30_000);
    expect(await decisionsFor(id)).toBe(1);
  });

  it('completes the flow when the commission’s process is killed (SIGKILL) mid-flow and restarted', async () => {
    await stopProcess(procs.di!, 'SIGKILL');
    const id = await penaltyOnlyCase('流转二');
    await start('di');
    await eventually(warnedCaseIds, (ids) => ids.includes(id), 60_000);
    expect(await decisionsFor(id)).toBe(1);
  });

  it('completes the flow when market regulation is killed (SIGKILL) right after a command and restarted', async () => {
    const supervisor = await token('u-amr-650100-supervisor');
    const id = await penaltyOnlyCase('流转三');
    await stopProcess(procs.mr!, 'SIGKILL');
    const down = await gql(caseStepMutation('fileCase'), { input: { caseId: id } }, supervisor);
    expect(down.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: `http://127.0.0.1:${ports.mr}` });
    await start('mr');
    await eventually(warnedCaseIds, (ids) => ids.includes(id), 60_000);
    expect(await decisionsFor(id)).toBe(1);
  });

  it('applies a message delivered twice only once', async () => {
    const id = await penaltyOnlyCase('流转四');
    await eventually(warnedCaseIds, (ids) => ids.includes(id), 30_000);
    // Replay the penalty decision with its original id, as a relay would after a crash.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query(
      `SELECT version, data, metadata FROM "${prefix}xianjie".events WHERE stream_id = $1 AND type = 'PenaltyDecided'`,
      [`case-${id}`],
    );
    await client.end();
    const event = rows[0];
    await bus.publish(integrationTopic('case'), [
      {
        id: `case-${id}:${event.version}:0`,
        source: '/xianjie/market-regulation',
        type: 'xianjie.case.penalty-decided.v1',
        specversion: '1.0',
        time: event.metadata.occurredAt,
        subject: `case-${id}`,
        datacontenttype: 'application/json',
        data: event.data,
        partitionKey: id,
      },
    ]);
    const marker = await penaltyOnlyCase('流转五'); // after the duplicate on the same partition order
    await eventually(warnedCaseIds, (ids) => ids.includes(marker), 30_000);
    expect(await decisionsFor(id)).toBe(1);
  });

  it('sends a malformed message to the dead-letter topic with its reason, and the consumer goes on', async () => {
    await bus.publishRaw(integrationTopic('case'), [
      {
        key: 'poison',
        value: JSON.stringify({ caseId: 42 }),
        headers: {
          ce_id: `poison-${prefix}`,
          ce_source: '/somewhere',
          ce_type: 'xianjie.case.closed.v1',
          ce_specversion: '1.0',
          ce_time: '2026-03-06T01:00:00Z',
          'content-type': 'application/json',
        },
      },
    ]);
    await eventually(async () => deadLetters.filter((d) => d.raw.headers.ce_id === `poison-${prefix}`), (found) => found.length > 0, 30_000);
    const poison = deadLetters.find((d) => d.raw.headers.ce_id === `poison-${prefix}`)!;
    expect(poison.reason).toMatch(/caseId/);
    const after = await penaltyOnlyCase('流转六');
    await eventually(warnedCaseIds, (ids) => ids.includes(after), 30_000);
  });
});
