import type { Logger } from 'pino';
import { findDemoUser, type Principal } from '@xianjie/auth';
import type { CaseCommandName } from '@xianjie/market-regulation';
import type { EmbeddedPlatform } from '../platform.ts';
import { demoCases, type DemoCase } from './demoCases.ts';

const SEED_STREAM = 'system-seed';
const SEED_NAME = 'demo-v1';

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
  const existing = await platform.store.readStream(SEED_STREAM);
  if (existing.some((e) => e.type === 'DemoSeeded' && e.data.name === SEED_NAME)) {
    logger.info('demo data already seeded');
    return;
  }
  const started = performance.now();
  let commands = 0;
  for (const [index, demo] of demoCases.entries()) {
    await seedCase(platform, demo, `seed:${SEED_NAME}:${index}`);
    commands += demo.steps.length + 1;
    logger.info({ case: demo.register.subject.name, progress: `${index + 1}/${demoCases.length}` }, 'seeded demo case');
  }
  const admin = principalOf('u-admin');
  await platform.store.appendToStream(
    SEED_STREAM,
    [
      {
        type: 'DemoSeeded',
        data: { name: SEED_NAME, cases: demoCases.length, commands },
        metadata: {
          actor: { ...admin, agencyId: admin.agencyId },
          occurredAt: new Date().toISOString(),
          correlationId: `seed:${SEED_NAME}`,
          commandId: `seed:${SEED_NAME}:done`,
        },
      },
    ],
    { commandId: `seed:${SEED_NAME}:done` },
  );
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
