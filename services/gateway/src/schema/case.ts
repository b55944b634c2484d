import { resolveCursorConnection } from '@pothos/plugin-relay';
import {
  CaseSource,
  CaseStatus,
  CaseStepInput,
  DecideNotToFileInput,
  DecidePenaltyInput,
  EvidenceKind,
  PenaltyKind,
  RecordEvidenceInput,
  RegisterCaseInput,
  ValidationError,
  maskIdNumber,
} from '@xianjie/contracts';
import { assertAllowed } from '@xianjie/auth';
import type { CaseCommandName, CaseRow } from '@xianjie/market-regulation';
import { caseWarningFactsOf, warningsFor } from '@xianjie/domain';
import type { Case, CaseState } from '@xianjie/domain';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import type { CaseSnapshot } from '../caseClient.ts';
import { readCaseOf, recordPersonalDataReads } from '../personalDataReads.ts';
import { AgencyType } from './agency.ts';

/** One shape for a case, whether it comes from its events (fresh, asOf) or from the read model (lists). */
interface CaseView {
  id: string;
  streamId: string;
  number: string;
  agencyId: string;
  status: string;
  subject: { kind: string; name: string; creditCode: string | null; idNumber: string | null };
  source: string;
  summary: string;
  violations: string[];
  amountInvolvedFen: number | null;
  warnings: string[];
  version: number;
  /** Present when the view was folded from events; lists load it on demand. */
  state: Case | null;
}

const fromSnapshot = ({ caseId, state, version }: CaseSnapshot & { state: Case }): CaseView => ({
  id: caseId,
  streamId: `case-${caseId}`,
  number: state.number,
  agencyId: state.agencyId,
  status: state.status,
  subject: {
    kind: state.subject.kind,
    name: state.subject.name,
    creditCode: state.subject.creditCode ?? null,
    idNumber: state.subject.idNumber ?? null,
  },
  source: state.source,
  summary: state.summary,
  violations: [...state.violations],
  amountInvolvedFen: state.amountInvolvedFen,
  warnings: warningsFor(caseWarningFactsOf(state)),
  version,
  state,
});

const fromRow = (row: CaseRow): CaseView => ({
  id: row.id,
  streamId: row.streamId,
  number: row.number,
  agencyId: row.agencyId,
  status: row.status,
  subject: { kind: row.subjectKind, name: row.subjectName, creditCode: row.creditCode, idNumber: row.idNumber },
  source: row.source,
  summary: row.summary,
  violations: row.violations,
  amountInvolvedFen: row.amountInvolvedFen,
  warnings: row.warnings,
  version: row.version,
  state: null,
});

const authOf = (ctx: GatewayContext) => ({ principal: ctx.principal!, token: ctx.token, correlationId: ctx.correlationId });

const isCase = (state: CaseState | undefined): state is Case => state !== undefined && state.status !== 'NONE';

const stateOf = async (view: CaseView, ctx: GatewayContext): Promise<Case | null> => {
  if (view.state) return view.state;
  const state = (await ctx.platform.cases.caseAsOf(view.id, undefined, authOf(ctx)))?.state;
  return isCase(state) ? state : null;
};

/** A snapshot as a case view, or null when the stream holds no registered case. */
const viewOf = (snapshot: CaseSnapshot | null): CaseView | null =>
  snapshot && isCase(snapshot.state) ? fromSnapshot({ ...snapshot, state: snapshot.state }) : null;

export const CaseStatusEnum = builder.enumType('CaseStatus', { values: CaseStatus.options });
const CaseSourceEnum = builder.enumType('CaseSource', { values: CaseSource.options });
const SubjectKindEnum = builder.enumType('SubjectKind', { values: ['ORGANIZATION', 'PERSON'] as const });
const PenaltyKindEnum = builder.enumType('PenaltyKind', { values: PenaltyKind.options });
const EvidenceKindEnum = builder.enumType('EvidenceKind', { values: EvidenceKind.options });

const SubjectType = builder.objectRef<CaseView['subject']>('Subject').implement({
  description: '当事人: an organisation (统一社会信用代码) or a person (身份证号, always masked here)',
  fields: (t) => ({
    kind: t.field({ type: SubjectKindEnum, resolve: (s) => s.kind as 'ORGANIZATION' | 'PERSON' }),
    name: t.exposeString('name'),
    creditCode: t.exposeString('creditCode', { nullable: true }),
    idNumberMasked: t.string({ nullable: true, resolve: (s) => (s.idNumber ? maskIdNumber(s.idNumber) : null) }),
  }),
});

type Evidence = Case['evidence'][number];
const EvidenceType = builder.objectRef<Evidence>('Evidence').implement({
  fields: (t) => ({
    id: t.id({ resolve: (e) => e.evidenceId }),
    kind: t.field({ type: EvidenceKindEnum, resolve: (e) => e.kind }),
    title: t.exposeString('title'),
    description: t.string({ nullable: true, resolve: (e) => e.description ?? null }),
    recordedAt: t.field({ type: 'DateTime', resolve: (e) => e.recordedAt }),
  }),
});

type Penalty = NonNullable<Case['penalty']> & { repeatOffender: boolean; decidedAt: string | null };
const PenaltyItemType = builder.objectRef<Penalty['penalties'][number]>('PenaltyItem').implement({
  fields: (t) => ({
    kind: t.field({ type: PenaltyKindEnum, resolve: (p) => p.kind }),
    amountFen: t.int({ nullable: true, resolve: (p) => p.amountFen ?? null }),
    description: t.string({ nullable: true, resolve: (p) => p.description ?? null }),
  }),
});
const PersonResponsibleType = builder.objectRef<Penalty['personsResponsible'][number]>('PersonResponsible').implement({
  description: '处罚到人: a person held responsible',
  fields: (t) => ({
    name: t.exposeString('name'),
    role: t.exposeString('role'),
    idNumberMasked: t.string({ nullable: true, resolve: (p) => (p.idNumber ? maskIdNumber(p.idNumber) : null) }),
  }),
});
const PenaltyDecisionType = builder.objectRef<Penalty>('PenaltyDecision').implement({
  description: '行政处罚决定',
  fields: (t) => ({
    decisionNumber: t.exposeString('decisionNumber'),
    penalties: t.field({ type: [PenaltyItemType], resolve: (p) => p.penalties }),
    personsResponsible: t.field({ type: [PersonResponsibleType], resolve: (p) => p.personsResponsible }),
    repeatOffender: t.exposeBoolean('repeatOffender'),
    priorViolationsInWindow: t.exposeInt('priorViolationsInWindow'),
    decidedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.decidedAt }),
    reason: t.string({ nullable: true, resolve: (p) => p.reason }),
  }),
});

export const CaseType = builder.objectRef<CaseView>('Case').implement({
  description: '行政案件',
  fields: (t) => ({
    id: t.exposeID('id'),
    streamId: t.exposeString('streamId'),
    number: t.exposeString('number', { description: '案件编号' }),
    agency: t.field({ type: AgencyType, resolve: (c, _a, ctx) => ctx.platform.directory.require(c.agencyId) }),
    status: t.field({ type: CaseStatusEnum, resolve: (c) => c.status as CaseStatus }),
    subject: t.field({ type: SubjectType, resolve: (c) => c.subject }),
    source: t.field({ type: CaseSourceEnum, resolve: (c) => c.source as CaseSource }),
    summary: t.exposeString('summary'),
    violations: t.exposeStringList('violations'),
    amountInvolvedFen: t.int({ nullable: true, resolve: (c) => c.amountInvolvedFen }),
    warnings: t.exposeStringList('warnings'),
    version: t.exposeInt('version'),
    evidence: t.field({ type: [EvidenceType], resolve: async (c, _a, ctx) => (await stateOf(c, ctx))?.evidence ?? [] }),
    penalty: t.field({
      type: PenaltyDecisionType,
      nullable: true,
      resolve: async (c, _a, ctx) => {
        const state = await stateOf(c, ctx);
        return state?.penalty ? { ...state.penalty, repeatOffender: state.repeatOffender, decidedAt: state.decidedAt } : null;
      },
    }),
  }),
});

const canRead = (ctx: GatewayContext, view: CaseView) =>
  ctx.platform.rules.canReadCase(ctx.principal!, { agencyId: view.agencyId }).allowed;

builder.queryField('case', (t) =>
  t.field({
    type: CaseType,
    nullable: true,
    authScopes: { authenticated: true },
    description:
      'A case as its events say now, or as of a time (rebuilt from its events up to asOf). 查询留痕: an overseer’s read of ' +
      'another agency’s case whose subject is a person (个人信息) is recorded first; when it cannot be recorded the read fails (SERVICE_UNAVAILABLE).',
    args: { id: t.arg.id({ required: true }), asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: async (_root, args, ctx) => {
      const view = viewOf(await ctx.platform.cases.caseAsOf(String(args.id), args.asOf ?? undefined, authOf(ctx)));
      if (!view) return null;
      // Another agency's case is reported as absent, not as forbidden: its existence is not public.
      if (!canRead(ctx, view)) return null;
      // 查询留痕: an overseer's read of a person's data is recorded before it is served (or not served).
      await recordPersonalDataReads(ctx, 'case', [readCaseOf(view.id, view.agencyId, view.subject)]);
      return view;
    },
  }),
);

const CaseFilterInput = builder.inputType('CaseFilter', {
  fields: (t) => ({
    agencyId: t.id({ required: false, description: 'Only this agency (default: every agency you may read)' }),
    status: t.field({ type: [CaseStatusEnum], required: false }),
    violation: t.string({ required: false }),
    warning: t.string({ required: false }),
    search: t.string({ required: false, description: 'Matches number, subject name or summary' }),
  }),
});

type ListedCase = CaseView & { row: CaseRow };

const cursorOf = (row: CaseRow) => Buffer.from(JSON.stringify([row.registeredAt, row.id])).toString('base64url');
const parseCursor = (cursor: string) => {
  try {
    const [registeredAt, id] = z
      .tuple([z.string(), z.string()])
      .parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { registeredAt, id };
  } catch {
    throw new ValidationError([{ path: 'after', message: 'not a cursor returned by this API' }]);
  }
};

builder.queryField('cases', (t) =>
  t.connection({
    type: CaseType,
    authScopes: { authenticated: true },
    description:
      'Cases you may read, newest first (Relay connection; forward pagination). 查询留痕: an overseer’s read of cases whose ' +
      'subject is a person (个人信息) is recorded first; when it cannot be recorded the read fails (SERVICE_UNAVAILABLE).',
    args: { filter: t.arg({ type: CaseFilterInput, required: false }) },
    resolve: async (_root, args, ctx) => {
      const principal = ctx.principal!;
      const readable = ctx.platform.directory
        .list()
        .filter((a) => ctx.platform.rules.canReadCase(principal, { agencyId: a.id }).allowed)
        .map((a) => a.id);
      const wanted = args.filter?.agencyId ? readable.filter((id) => id === args.filter!.agencyId) : readable;
      if (args.last != null || args.before != null) {
        throw new ValidationError([{ path: 'last', message: 'cases pages forward only: use first/after' }]);
      }
      const connection = await resolveCursorConnection<Promise<ListedCase[]>>(
        { args, toCursor: (node) => cursorOf(node.row), defaultSize: 20, maxSize: 100 },
        async ({ after, limit }) => {
          const page = await ctx.platform.cases.listCases(
            {
              agencyIds: wanted,
              ...(args.filter?.status ? { status: args.filter.status } : {}),
              ...(args.filter?.violation ? { violation: args.filter.violation } : {}),
              ...(args.filter?.warning ? { warning: args.filter.warning } : {}),
              ...(args.filter?.search ? { search: args.filter.search } : {}),
            },
            limit,
            after ? parseCursor(after) : null,
            authOf(ctx),
          );
          return page.rows.map((row) => ({ ...fromRow(row), row }));
        },
      );
      // 查询留痕: the page's cases of a person, read by an overseer, are recorded before the page is served.
      const served = connection.edges.flatMap((edge) => (edge ? [edge.node] : []));
      await recordPersonalDataReads(
        ctx,
        'cases',
        served.map((c) => readCaseOf(c.id, c.agencyId, c.subject)),
      );
      return connection;
    },
  }),
);

// ---- mutations ----------------------------------------------------------------------------------

const SubjectInputType = builder.inputType('SubjectInput', {
  fields: (t) => ({
    kind: t.field({ type: SubjectKindEnum, required: true }),
    name: t.string({ required: true }),
    creditCode: t.string({ required: false, description: '统一社会信用代码 (GB 32100), for organisations' }),
    idNumber: t.string({ required: false, description: '身份证号 (GB 11643), for persons; never returned unmasked' }),
  }),
});
const RegisterCaseInputType = builder.inputType('RegisterCaseInput', {
  fields: (t) => ({
    commandId: t.id({ required: false }),
    expectedVersion: t.int({ required: false, description: 'A new stream has version 0: 0 asserts this creates it; CONFLICT otherwise' }),
    subject: t.field({ type: SubjectInputType, required: true }),
    source: t.field({ type: CaseSourceEnum, required: true }),
    summary: t.string({ required: true }),
    violations: t.stringList({ required: true }),
    amountInvolvedFen: t.int({ required: false }),
  }),
});
const CaseStepInputType = builder.inputType('CaseStepInput', {
  fields: (t) => ({
    commandId: t.id({ required: false }),
    caseId: t.id({ required: true }),
    expectedVersion: t.int({ required: false }),
    reason: t.string({ required: false }),
  }),
});
const RecordEvidenceInputType = builder.inputType('RecordEvidenceInput', {
  fields: (t) => ({
    commandId: t.id({ required: false }),
    caseId: t.id({ required: true }),
    expectedVersion: t.int({ required: false }),
    kind: t.field({ type: EvidenceKindEnum, required: true }),
    title: t.string({ required: true }),
    description: t.string({ required: false }),
  }),
});
const PenaltyItemInputType = builder.inputType('PenaltyItemInput', {
  fields: (t) => ({
    kind: t.field({ type: PenaltyKindEnum, required: true }),
    amountFen: t.int({ required: false }),
    description: t.string({ required: false }),
  }),
});
const PersonResponsibleInputType = builder.inputType('PersonResponsibleInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    role: t.string({ required: true, description: 'e.g. 法定代表人, 直接负责的主管人员, 其他直接责任人员' }),
    idNumber: t.string({ required: false }),
  }),
});
const DecidePenaltyInputType = builder.inputType('DecidePenaltyInput', {
  fields: (t) => ({
    commandId: t.id({ required: false }),
    caseId: t.id({ required: true }),
    expectedVersion: t.int({ required: false }),
    decisionNumber: t.string({ required: true, description: '行政处罚决定书文号' }),
    penalties: t.field({ type: [PenaltyItemInputType], required: true }),
    personsResponsible: t.field({ type: [PersonResponsibleInputType], required: true }),
    reason: t.string({ required: false }),
  }),
});

/** GraphQL sends null for an omitted optional in some clients; the contracts treat both as absent. */
const withoutNulls = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
};

const caseMutation = (
  name: CaseCommandName,
  input: typeof CaseStepInputType | typeof RegisterCaseInputType | typeof RecordEvidenceInputType | typeof DecidePenaltyInputType,
  schema: z.ZodType,
  description: string,
  scopes: { authenticated?: boolean; supervisor?: boolean },
) =>
  builder.mutationField(name, (t) =>
    t.field({
      type: CaseType,
      description,
      authScopes: scopes,
      args: {
        input: t.arg({ type: input as typeof CaseStepInputType, required: true, validate: z.preprocess(withoutNulls, schema) }),
      },
      resolve: async (_root, args, ctx) => {
        const snapshot = await ctx.platform.cases
            .execute(name, withoutNulls(args.input), authOf(ctx))
          .catch((error: unknown) => {
            // The service names fields relative to its input; GraphQL callers see them under `input`.
            if (error instanceof ValidationError) {
              throw new ValidationError(error.issues.map((i) => ({ ...i, path: i.path ? `input.${i.path}` : 'input' })));
            }
            throw error;
          });
        const view = viewOf(snapshot)!;
        assertAllowed(ctx.platform.rules.canReadCase(ctx.principal!, { agencyId: view.agencyId }));
        return view;
      },
    }),
  );

caseMutation('registerCase', RegisterCaseInputType, RegisterCaseInput, '登记案件线索: register a clue as a case of your agency', {
  authenticated: true,
});
caseMutation('fileCase', CaseStepInputType, CaseStepInput, '立案 (supervisor approval)', { supervisor: true });
caseMutation('decideNotToFile', CaseStepInputType, DecideNotToFileInput, '不予立案 (supervisor; reason required)', { supervisor: true });
caseMutation('recordEvidence', RecordEvidenceInputType, RecordEvidenceInput, '调查取证: record evidence', { authenticated: true });
caseMutation('decidePenalty', DecidePenaltyInputType, DecidePenaltyInput, '作出行政处罚决定 (supervisor)', { supervisor: true });
caseMutation('closeCase', CaseStepInputType, CaseStepInput, '结案', { authenticated: true });
