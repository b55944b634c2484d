import type { PersonalDataReadRecord } from '@xianjie/discipline-inspection';
import type { PersonalDataReadItem } from '@xianjie/contracts';
import { builder } from '../../builder.ts';
import { authOf } from '../common/callerAuth.ts';
import { ActorType, AgencyType } from '../common/types.ts';
import { OversightType } from './types.ts';

/**
 * 查询留痕 (DESIGN §3.4: reads of personal data by overseers are themselves recorded):
 * `oversight { personalDataReads(from, to, readerId) }`. The records are written by the services
 * that own the personal data (decision 0008) on the commission's streams; the discipline
 * commission's service lists them and applies the access rules (auth's `canReadPersonalDataReads`).
 */

const PersonalDataReadCaseType = builder.objectRef<PersonalDataReadItem>('PersonalDataReadCase').implement({
  description: '查询留痕: one case whose subject’s personal data (个人信息) was read',
  fields: (t) => ({
    caseId: t.exposeID('caseId'),
    agency: t.field({
      type: AgencyType,
      description: 'The agency that owns the case and its personal data',
      resolve: (i, _a, ctx) => ctx.platform.directory.require(i.caseAgencyId),
    }),
    subjectRef: t.exposeString('subjectRef', {
      description:
        'HMAC-SHA256 of the subject identity under the platform’s key (as the bus carries it); the ID number itself is not recorded here',
    }),
  }),
});

const PersonalDataReadType = builder.objectRef<PersonalDataReadRecord>('PersonalDataRead').implement({
  description:
    '查询留痕: a read of natural persons’ personal data (个人信息) by an overseer, as recorded before the data was served',
  fields: (t) => ({
    id: t.id({ description: 'streamId:version of the record', resolve: (r) => `${r.streamId}:${r.version}` }),
    reader: t.field({
      type: ActorType,
      description: 'Who read (from the verified token)',
      resolve: (r) => r.reader,
    }),
    readerAgency: t.field({
      type: AgencyType,
      description: 'The reader’s commission',
      resolve: (r, _a, ctx) => ctx.platform.directory.require(r.reader.agencyId),
    }),
    field: t.exposeString('field', {
      description:
        'The API field that served the data: case, cases, auditTrail, oversight.repeatOffenders, oversight.penaltyInsteadOfTransfer',
    }),
    cases: t.field({
      type: [PersonalDataReadCaseType],
      description: 'The cases whose subject’s data was read',
      resolve: (r) => r.items,
    }),
    caseIds: t.idList({
      description: 'The ids of the cases read',
      resolve: (r) => r.items.map((i) => i.caseId),
    }),
    readAt: t.field({ type: 'DateTime', description: 'When it was read', resolve: (r) => r.readAt }),
    correlationId: t.exposeString('correlationId', {
      description: 'The correlation id of the request that read it',
    }),
    streamId: t.exposeString('streamId', {
      description:
        'The reading commission’s stream of the month (data-reads-<agencyId>-<YYYYMM>): its audit trail, hash-chained',
    }),
    version: t.exposeInt('version', { description: 'The record’s position in its stream' }),
  }),
});

builder.objectField(OversightType, 'personalDataReads', (t) =>
  t.field({
    type: [PersonalDataReadType],
    description:
      '查询留痕: the recorded reads of personal data (个人信息) by overseers of your commission and of the commissions below it, ' +
      'read in [from, to), oldest first; readerId narrows to one reader. For a commission’s supervisors and admins — not the ' +
      'overseers themselves (FORBIDDEN).',
    // Not the overseers': auth's canReadPersonalDataReads (the service applies it and says why not).
    skipTypeScopes: true,
    authScopes: { authenticated: true },
    args: {
      from: t.arg({ type: 'DateTime', required: true, description: 'Start of the window (inclusive)' }),
      to: t.arg({ type: 'DateTime', required: true, description: 'End of the window (exclusive)' }),
      readerId: t.arg.id({ required: false, description: 'Only the reads of this user' }),
    },
    resolve: (_o, args, ctx) =>
      ctx.platform.oversight.personalDataReads(
        { from: args.from, to: args.to, ...(args.readerId ? { readerId: String(args.readerId) } : {}) },
        authOf(ctx),
      ),
  }),
);
