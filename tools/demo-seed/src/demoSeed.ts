import type { Logger } from 'pino';
import { findDemoUser, type Principal } from '@xianjie/auth';
import { formatBeijing, idForCommand, isXianjieError, type AgencyDirectory } from '@xianjie/contracts';
import type { CallerAuth, CaseClient } from '@xianjie/case-service/client';
import type { TransferClients, TransferSnapshot } from '@xianjie/transfer-service/client';
import type { OperationsClient } from '@xianjie/operations/client';
import type { OversightClient } from '@xianjie/discipline-inspection/client';
import { demoCases, type DemoCase } from './demoCases.ts';
import { demoTransfers, type At, type DemoTransfer } from './demoTransfers.ts';
import { demoOperationSteps, demoOperationTitle } from './demoOperation.ts';
import { demoSupervision } from './demoSupervision.ts';

/** The services' ports the seed talks to: the same clients the gateway uses (its `Platform` has them). */
export interface DemoSeedPorts {
  directory: AgencyDirectory;
  cases: CaseClient;
  transfers: TransferClients;
  operations: OperationsClient;
  oversight: OversightClient;
}

// The names of the seed's parts: they prefix every commandId (`seed:<part>:…`), so the ids of a data
// directory seeded before stay the same and a rerun is a series of idempotent retries.
const CASES_SEED = 'demo-v1';
const TRANSFERS_SEED = 'demo-transfers-v1';
const OPERATION_SEED = 'demo-operation-v1';
const SUPERVISION_SEED = 'demo-supervision-v1';

const DAY_MS = 86_400_000;
/** How long the seed waits for a read model to show what it told, before it gives up. */
const READ_MODEL_TIMEOUT_MS = 30_000;

const principalOf = (userId: string): Principal => {
  const user = findDemoUser(userId);
  if (!user) throw new Error(`demo seed names an unknown demo user ${userId}`);
  return { userId: user.userId, name: user.name, agencyId: user.agencyId, roles: [...user.roles], ...(user.capacity ? { capacity: user.capacity } : {}) };
};

/** A demo user's call, told at `occurredAt` when given (the command's business time). */
const as = (userId: string, correlationId: string, occurredAt?: string): CallerAuth => ({
  principal: principalOf(userId),
  token: null,
  correlationId,
  ...(occurredAt ? { occurredAt } : {}),
});

/** `daysAgo` days before `base`, at a Beijing wall-clock time. */
const timeOf = (base: number, { daysAgo, time }: At): string => {
  const day = formatBeijing(base - daysAgo * DAY_MS).slice(0, 10);
  return `${day}T${time}:00+08:00`;
};

/** An input with every `$at(daysAgo, HH:mm)` string (a time the step records, e.g. 移交时间) as its instant. */
const withTimes = (value: unknown, base: number): unknown => {
  if (typeof value === 'string') {
    const marker = /^\$at\((\d+), (\d\d:\d\d)\)$/.exec(value);
    return marker ? timeOf(base, { daysAgo: Number(marker[1]), time: marker[2]! }) : value;
  }
  if (Array.isArray(value)) return value.map((item) => withTimes(item, base));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withTimes(item, base)]));
  }
  return value;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries while the other side's fact is still on its way over the bus (the only reason here). */
const settled = async <T>(run: () => Promise<T>): Promise<T> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const waiting = isXianjieError(error) && (error.code === 'NOT_FOUND' || error.code === 'INVALID_TRANSITION');
      if (!waiting || attempt >= 200) throw error;
      await sleep(25);
    }
  }
};

/** Polls a query port until `check` holds; a clear error after READ_MODEL_TIMEOUT_MS. */
const appeared = async (what: string, check: () => Promise<boolean>): Promise<void> => {
  const deadline = performance.now() + READ_MODEL_TIMEOUT_MS;
  while (!(await check())) {
    if (performance.now() > deadline) {
      throw new Error(`demo seed: ${what} did not appear in the read model within ${READ_MODEL_TIMEOUT_MS / 1000} s (is its projector running?)`);
    }
    await sleep(50);
  }
};

// The demo cases have no business time of their own: they are told one second apart, the last one
// second before the seed's start, so they are the newest cases and the start can be read back from
// the first one's registration (an interrupted seed resumes on the same times).
const caseCommandCount = demoCases.reduce((n, demo) => n + demo.steps.length + 1, 0);
const caseKey = (index: number) => `seed:${CASES_SEED}:${index}`;
const firstCaseId = idForCommand('case', principalOf(demoCases[0]!.officer).agencyId, `${caseKey(0)}:register`);
const supervisionKey = `seed:${SUPERVISION_SEED}`;
const supervisionCaseId = idForCommand('case', principalOf(demoSupervision.register.as).agencyId, `${supervisionKey}:register`);

/**
 * Seeds the demo data (cases, transfer stories, a joint operation, 挂牌督办) through the services'
 * command ports, as the users it names, each step told with its business time (`occurredAt`, days
 * before the first seed's start) so that countdowns run and some steps are overdue. Every command
 * carries a commandId derived from the seed: an interrupted seed resumes without doubling anything,
 * and a rerun appends nothing (it stops at once when the last story's last step is there). Returns
 * once the read models show what was told.
 */
export const seedDemo = async (ports: DemoSeedPorts, logger: Logger): Promise<void> => {
  const supervisor = as(demoSupervision.supervise.as, supervisionKey);
  if (await ports.oversight.caseSupervision(supervisionCaseId, undefined, supervisor)) {
    logger.info('demo data already seeded');
    return;
  }
  const base = await seedStart(ports);
  await seedDemoCases(ports, logger, base);
  await seedDemoTransfers(ports, logger, base);
  await seedDemoOperation(ports, logger, base);
  await seedDemoSupervision(ports, logger, base);
};

/** The start of the first seed: read back from the first demo case when it is there, else now (whole seconds). */
const seedStart = async (ports: DemoSeedPorts): Promise<number> => {
  const first = await ports.cases.caseAsOf(firstCaseId, undefined, as(demoCases[0]!.officer, caseKey(0)));
  if (first && first.state.status !== 'NONE') return Date.parse(first.state.registeredAt) + caseCommandCount * 1000;
  return Math.floor(Date.now() / 1000) * 1000;
};

/** The case ids a user's case list must show, with the version each must have reached. */
type ExpectedCases = Map<string, Map<string, number>>;
const expectCase = (expected: ExpectedCases, userId: string, caseId: string, version: number) =>
  expected.set(userId, (expected.get(userId) ?? new Map()).set(caseId, version));

/** Waits until each user's case list (cases.listCases) shows its cases at their versions. */
const casesListed = async (ports: DemoSeedPorts, expected: ExpectedCases): Promise<void> => {
  for (const [userId, cases] of expected) {
    const auth = as(userId, 'seed:read-models');
    await appeared(`the cases of ${userId}`, async () => {
      const missing = new Map(cases);
      let after: { registeredAt: string; id: string } | null = null;
      for (;;) {
        const page = await ports.cases.listCases({}, 100, after, auth);
        for (const row of page.rows) if ((missing.get(row.id) ?? Infinity) <= row.version) missing.delete(row.id);
        const last = page.rows.at(-1);
        if (missing.size === 0 || !page.hasMore || !last) return missing.size === 0;
        after = { registeredAt: last.registeredAt, id: last.id };
      }
    });
  }
};

const seedDemoCases = async (ports: DemoSeedPorts, logger: Logger, base: number): Promise<void> => {
  const started = performance.now();
  const expected: ExpectedCases = new Map();
  let told = 0;
  for (const [index, demo] of demoCases.entries()) {
    const { caseId, version } = await seedCase(ports, demo, caseKey(index), () => {
      told += 1;
      return new Date(base - (caseCommandCount - told + 1) * 1000).toISOString();
    });
    expectCase(expected, demo.officer, caseId, version);
    logger.info({ case: demo.register.subject.name, progress: `${index + 1}/${demoCases.length}` }, 'seeded demo case');
  }
  await casesListed(ports, expected);
  logger.info({ cases: demoCases.length, commands: told, ms: Math.round(performance.now() - started) }, 'demo data seeded');
};

const seedCase = async (ports: DemoSeedPorts, demo: DemoCase, key: string, nextTime: () => string) => {
  const run = (name: DemoCase['steps'][number]['command'], userId: string, input: Record<string, unknown>, step: string) =>
    ports.cases.execute(name, { ...input, commandId: `${key}:${step}` }, as(userId, key, nextTime()));
  let last = await run('registerCase', demo.officer, demo.register, 'register');
  for (const [i, step] of demo.steps.entries()) {
    last = await run(step.command, step.as === 'supervisor' ? demo.supervisor : demo.officer, { ...step.input, caseId: last.caseId }, `${i}`);
  }
  return last;
};

/**
 * The transfer stories, each step as its user at its business time, waiting for the other side's
 * facts to arrive over the bus as a user would.
 */
const seedDemoTransfers = async (ports: DemoSeedPorts, logger: Logger, base: number): Promise<void> => {
  const started = performance.now();
  let commands = 0;
  const listed: { userId: string; direction: 'INCOMING' | 'OUTGOING'; transferId: string }[] = [];
  for (const [index, story] of demoTransfers.entries()) {
    const told = await seedTransferStory(ports, story, `seed:${TRANSFERS_SEED}:${index}`, base);
    commands += told.commands;
    listed.push(...told.listed);
    logger.info({ story: story.title, progress: `${index + 1}/${demoTransfers.length}` }, 'seeded demo transfer');
  }
  for (const { userId, direction, transferId } of listed) {
    const agency = ports.directory.require(principalOf(userId).agencyId);
    const client = ports.transfers.forKind(agency.kind);
    const auth = as(userId, 'seed:read-models');
    await appeared(`transfer ${transferId} in the ${direction === 'INCOMING' ? 'inbox' : 'outbox'} of ${agency.id}`, async () => {
      let after: { createdAt: string; id: string } | null = null;
      for (;;) {
        const page = await client.listTransfers({ direction }, 100, after, auth);
        if (page.rows.some((row) => row.id === transferId)) return true;
        const last = page.rows.at(-1);
        if (!page.hasMore || !last) return false;
        after = { createdAt: last.createdAt, id: last.id };
      }
    });
  }
  logger.info({ transfers: demoTransfers.length, commands, ms: Math.round(performance.now() - started) }, 'demo transfers seeded');
};

const seedTransferStory = async (ports: DemoSeedPorts, story: DemoTransfer, key: string, base: number) => {
  const registered = await ports.cases.execute(
    'registerCase',
    { ...story.register.input, commandId: `${key}:register` },
    as(story.register.as, key, timeOf(base, story.register.at)),
  );
  const caseId = registered.caseId;
  let transferId: string | null = null;
  const listed: { userId: string; direction: 'INCOMING' | 'OUTGOING'; transferId: string }[] = [];
  for (const [i, step] of story.steps.entries()) {
    const commandId = `${key}:${i}`;
    const auth = as(step.as, key, timeOf(base, step.at));
    if ('case' in step) {
      await ports.cases.execute(step.case, { ...step.input, caseId, commandId }, auth);
      continue;
    }
    const client = ports.transfers.forKind(ports.directory.require(auth.principal.agencyId).kind);
    const stepInput = withTimes(step.input, base) as Record<string, unknown>;
    const input: Record<string, unknown> =
      step.transfer === 'proposeTransfer' ? { ...stepInput, caseId, commandId } : { ...stepInput, transferId, commandId };
    const result: TransferSnapshot = await settled(() => client.execute(step.transfer, input, auth));
    const id = result.transferId;
    transferId = id;
    if (step.transfer === 'proposeTransfer') listed.push({ userId: step.as, direction: 'OUTGOING', transferId: id });
    if (step.transfer === 'receiveTransfer') listed.push({ userId: step.as, direction: 'INCOMING', transferId: id });
  }
  return { commands: story.steps.length + 1, listed };
};

/**
 * The joint operation (专项整治), each step as its user at its business time (days around the
 * seed's start). The plan's commandId fixes the operation id.
 */
const seedDemoOperation = async (ports: DemoSeedPorts, logger: Logger, base: number): Promise<void> => {
  const started = performance.now();
  const key = `seed:${OPERATION_SEED}`;
  const steps = demoOperationSteps(base);
  let operationId = '';
  for (const [i, step] of steps.entries()) {
    const input = { ...step.input, ...(operationId ? { operationId } : {}), commandId: `${key}:${i}` };
    operationId = (await ports.operations.execute(step.command, input, as(step.as, key, step.at))).operationId;
  }
  const head = as(steps[0]!.as, 'seed:read-models');
  await appeared(`operation ${operationId} in the operations list`, async () =>
    (await ports.operations.operations({}, head)).some((o) => o.operationId === operationId),
  );
  logger.info(
    { operation: demoOperationTitle, operationId, commands: steps.length, ms: Math.round(performance.now() - started) },
    'demo operation seeded',
  );
};

/**
 * The 挂牌督办 story: a case registered and filed by the city's market regulation bureau, then
 * listed by the city commission once its case facts have arrived over the bus.
 */
const seedDemoSupervision = async (ports: DemoSeedPorts, logger: Logger, base: number): Promise<void> => {
  const key = supervisionKey;
  const story = demoSupervision;
  const registered = await ports.cases.execute(
    'registerCase',
    { ...story.register.input, commandId: `${key}:register` },
    as(story.register.as, key, timeOf(base, story.register.at)),
  );
  const caseId = registered.caseId;
  const filed = await ports.cases.execute(
    'fileCase',
    { ...story.file.input, caseId, commandId: `${key}:file` },
    as(story.file.as, key, timeOf(base, story.file.at)),
  );
  const dueDate = formatBeijing(base + story.supervise.dueInDays * DAY_MS).slice(0, 10);
  const commission = as(story.supervise.as, key, timeOf(base, story.supervise.at));
  const supervised = await settled(() =>
    ports.oversight.executeSupervision('superviseCase', { ...story.supervise.input, caseId, dueDate, commandId: `${key}:supervise` }, commission),
  );
  // The demo is ready when the platform is: the case in the bureau's list, the supervision in the
  // commission's (when told now: a supervision told before may have been lifted since).
  await casesListed(ports, new Map([[story.register.as, new Map([[caseId, filed.version]])]]));
  if (!supervised.duplicate) {
    await appeared(`the supervision of case ${caseId}`, async () =>
      (await ports.oversight.supervisedCases(undefined, as(story.supervise.as, key))).some((item) => item.caseId === caseId),
    );
  }
  logger.info({ story: story.title, caseId }, 'demo supervision seeded');
};
