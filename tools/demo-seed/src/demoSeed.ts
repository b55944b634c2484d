import type { Logger } from 'pino';
import { findDemoUser, type Principal } from '@xianjie/auth';
import type { CaseCommandName } from '@xianjie/market-regulation';
import type { EmbeddedPlatform } from '../platform.ts';
import { demoCases, type DemoCase } from './demoCases.ts';
import { demoTransfers } from './demoTransfers.ts';
import { demoOperationSteps, demoOperationTitle } from './demoOperation.ts';
import { demoSupervision } from './demoSupervision.ts';
import type { TransferSnapshot } from '../transferClient.ts';
import type { At, DemoTransfer } from './demoTransfers.ts';
import { formatBeijing, isXianjieError } from '@xianjie/contracts';

const SEED_STREAM = 'system-seed';
const SEED_NAME = 'demo-v1';
/** The transfer stories: a marker of their own, so a data directory seeded before them gets them too. */
const TRANSFERS_SEED_NAME = 'demo-transfers-v1';
/** The joint operation (专项整治): its own marker too. */
const OPERATION_SEED_NAME = 'demo-operation-v1';
/** The 挂牌督办 story: its own marker too. */
const SUPERVISION_SEED_NAME = 'demo-supervision-v1';

const principalOf = (userId: string): Principal => {
  const user = findDemoUser(userId);
  if (!user) throw new Error(`demo seed names an unknown demo user ${userId}`);
  return { userId: user.userId, name: user.name, agencyId: user.agencyId, roles: [...user.roles] };
};

/**
 * Seeds the demo cases once (a `DemoSeeded` event on the system stream marks it), through the same
 * command handlers users call, so every seeded step is on the audit trail with its actor.
 * Every command carries a commandId derived from the seed, so a seed interrupted half-way resumes
 * without doubling anything.
 */
export const seedDemo = async (platform: EmbeddedPlatform, logger: Logger): Promise<void> => {
  await seedDemoCases(platform, logger);
  await seedDemoTransfers(platform, logger);
  await seedDemoOperation(platform, logger);
  await seedDemoSupervision(platform, logger);
};

const seeded = async (platform: EmbeddedPlatform, name: string) =>
  (await platform.store.readStream(SEED_STREAM)).some((e) => e.type === 'DemoSeeded' && e.data.name === name);

const markSeeded = async (platform: EmbeddedPlatform, name: string, data: Record<string, unknown>) => {
  const admin = principalOf('u-admin');
  await platform.store.appendToStream(
    SEED_STREAM,
    [
      {
        type: 'DemoSeeded',
        data: { name, ...data },
        metadata: {
          actor: { ...admin, agencyId: admin.agencyId },
          occurredAt: new Date().toISOString(),
          correlationId: `seed:${name}`,
          commandId: `seed:${name}:done`,
        },
      },
    ],
    { commandId: `seed:${name}:done` },
  );
};

const seedDemoCases = async (platform: EmbeddedPlatform, logger: Logger): Promise<void> => {
  if (await seeded(platform, SEED_NAME)) {
    logger.info('demo cases already seeded');
    return;
  }
  const started = performance.now();
  let commands = 0;
  for (const [index, demo] of demoCases.entries()) {
    await seedCase(platform, demo, `seed:${SEED_NAME}:${index}`);
    commands += demo.steps.length + 1;
    logger.info({ case: demo.register.subject.name, progress: `${index + 1}/${demoCases.length}` }, 'seeded demo case');
  }
  await markSeeded(platform, SEED_NAME, { cases: demoCases.length, commands });
  await platform.marketRegulation.projector.catchUp();
  logger.info({ cases: demoCases.length, commands, ms: Math.round(performance.now() - started) }, 'demo data seeded');
};

const seedCase = async (platform: EmbeddedPlatform, demo: DemoCase, key: string) => {
  const run = (name: CaseCommandName, userId: string, input: Record<string, unknown>, step: string) =>
    platform.marketRegulation.cases.execute(name, { ...input, commandId: `${key}:${step}` }, {
      principal: principalOf(userId),
      correlationId: key,
    });
  const registered = await run('registerCase', demo.officer, demo.register, 'register');
  for (const [i, step] of demo.steps.entries()) {
    await run(step.command, step.as === 'supervisor' ? demo.supervisor : demo.officer, { caseId: registered.caseId, ...step.input }, `${i}`);
  }
};

/** `daysAgo` days before `base`, at a Beijing wall-clock time. */
const timeOf = (base: number, { daysAgo, time }: At): string => {
  const day = formatBeijing(base - daysAgo * 86_400_000).slice(0, 10);
  return `${day}T${time}:00+08:00`;
};

/** Retries while the other side's fact is still on its way over the bus (the only reason here). */
const settled = async <T>(run: () => Promise<T>): Promise<T> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const waiting = isXianjieError(error) && (error.code === 'NOT_FOUND' || error.code === 'INVALID_TRANSITION');
      if (!waiting || attempt >= 200) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
};

/**
 * Seeds the transfer stories once, through the same handlers users call, with the platform clock
 * pinned to each step's business time (days before the seed), waiting for the other side's facts
 * to arrive over the bus as a user would. Command ids derive from the seed: an interrupted seed
 * resumes without doubling anything.
 */
const seedDemoTransfers = async (platform: EmbeddedPlatform, logger: Logger): Promise<void> => {
  if (await seeded(platform, TRANSFERS_SEED_NAME)) {
    logger.info('demo transfers already seeded');
    return;
  }
  const started = performance.now();
  const base = Date.now();
  let commands = 0;
  try {
    for (const [index, story] of demoTransfers.entries()) {
      commands += await seedTransferStory(platform, story, `seed:${TRANSFERS_SEED_NAME}:${index}`, base);
      logger.info({ story: story.title, progress: `${index + 1}/${demoTransfers.length}` }, 'seeded demo transfer');
    }
  } finally {
    platform.clock.pin(null);
  }
  await markSeeded(platform, TRANSFERS_SEED_NAME, { transfers: demoTransfers.length, commands });
  logger.info({ transfers: demoTransfers.length, commands, ms: Math.round(performance.now() - started) }, 'demo transfers seeded');
};

const seedTransferStory = async (platform: EmbeddedPlatform, story: DemoTransfer, key: string, base: number): Promise<number> => {
  const auth = (userId: string) => ({ principal: principalOf(userId), token: null, correlationId: key });
  platform.clock.pin(timeOf(base, story.register.at));
  const registered = await platform.cases.execute(
    'registerCase',
    { ...story.register.input, commandId: `${key}:register` },
    auth(story.register.as),
  );
  const caseId = registered.caseId;
  let transferId: string | null = null;
  for (const [i, step] of story.steps.entries()) {
    platform.clock.pin(timeOf(base, step.at));
    const commandId = `${key}:${i}`;
    if ('case' in step) {
      await platform.cases.execute(step.case, { ...step.input, caseId, commandId }, auth(step.as));
      continue;
    }
    const principal = principalOf(step.as);
    const client = platform.transfers.forKind(platform.directory.require(principal.agencyId).kind);
    const input: Record<string, unknown> = step.transfer === 'proposeTransfer' ? { ...step.input, caseId, commandId } : { ...step.input, transferId, commandId };
    const result: TransferSnapshot = await settled(() => client.execute(step.transfer, input, auth(step.as)));
    transferId = result.transferId;
  }
  return story.steps.length + 1;
};

/**
 * Seeds the demo operation once (services/gateway/src/seed/demoOperation.ts), through the
 * operations service's handlers with the platform clock pinned to each step's business time (days
 * before the seed), as the transfer stories are. The plan's commandId fixes the operation id, so an
 * interrupted seed resumes without doubling anything.
 */
const seedDemoOperation = async (platform: EmbeddedPlatform, logger: Logger): Promise<void> => {
  if (await seeded(platform, OPERATION_SEED_NAME)) {
    logger.info('demo operation already seeded');
    return;
  }
  const started = performance.now();
  const key = `seed:${OPERATION_SEED_NAME}`;
  const steps = demoOperationSteps(Date.now());
  let operationId = '';
  try {
    for (const [i, step] of steps.entries()) {
      platform.clock.pin(step.at);
      const input = { ...step.input, ...(operationId ? { operationId } : {}), commandId: `${key}:${i}` };
      const result = await platform.operations.execute(step.command, input, {
        principal: principalOf(step.as),
        token: null,
        correlationId: key,
      });
      operationId = result.operationId;
    }
  } finally {
    platform.clock.pin(null);
  }
  await markSeeded(platform, OPERATION_SEED_NAME, { operationId, commands: steps.length });
  logger.info(
    { operation: demoOperationTitle, operationId, commands: steps.length, ms: Math.round(performance.now() - started) },
    'demo operation seeded',
  );
};

/**
 * Seeds the 挂牌督办 story once (services/gateway/src/seed/demoSupervision.ts): a case registered
 * and filed by the city's market regulation bureau, then listed by the city commission once its case
 * facts have arrived over the bus, with the platform clock pinned to each step's business time.
 * Command ids derive from the seed: an interrupted seed resumes without doubling anything.
 */
const seedDemoSupervision = async (platform: EmbeddedPlatform, logger: Logger): Promise<void> => {
  if (await seeded(platform, SUPERVISION_SEED_NAME)) {
    logger.info('demo supervision already seeded');
    return;
  }
  const key = `seed:${SUPERVISION_SEED_NAME}`;
  const base = Date.now();
  const story = demoSupervision;
  const auth = (userId: string) => ({ principal: principalOf(userId), token: null, correlationId: key });
  let caseId = '';
  try {
    platform.clock.pin(timeOf(base, story.register.at));
    caseId = (await platform.cases.execute('registerCase', { ...story.register.input, commandId: `${key}:register` }, auth(story.register.as))).caseId;
    platform.clock.pin(timeOf(base, story.file.at));
    await platform.cases.execute('fileCase', { ...story.file.input, caseId, commandId: `${key}:file` }, auth(story.file.as));
    platform.clock.pin(timeOf(base, story.supervise.at));
    const dueDate = formatBeijing(base + story.supervise.dueInDays * 86_400_000).slice(0, 10);
    await settled(() =>
      platform.oversight.executeSupervision(
        'superviseCase',
        { ...story.supervise.input, caseId, dueDate, commandId: `${key}:supervise` },
        auth(story.supervise.as),
      ),
    );
  } finally {
    platform.clock.pin(null);
  }
  await markSeeded(platform, SUPERVISION_SEED_NAME, { caseId, commands: 3 });
  // The demo is ready when the platform is: the case in the bureau's list, the supervision in the commission's.
  await platform.marketRegulation.projector.catchUp();
  await platform.disciplineInspection.supervision.projector.catchUp();
  logger.info({ story: story.title, caseId }, 'demo supervision seeded');
};
