/**
 * Fixtures of the operation decider's tests: a plan shaped like the source document (全区医疗机构
 * 制剂室整治, 2020: four phases, seven focus items, a leading group across 药监 and 卫健, mixed
 * inspection groups by region). Every name and phone number here is invented.
 */
import { creditCodeCheckChar, OperationEvent, XianjieError } from '@xianjie/contracts';
import type { AgencyRef, OperationEventOf, OperationEventType, Person, PersonInput } from '@xianjie/contracts';
import { expect } from 'vitest';
import { decideOperation, foldOperation } from './operationDecider.ts';
import type { OperationCommand } from './operationDecider.ts';

export const operationId = 'op-2020-zhiji';

export const agencies = {
  amr: { id: 'amr-650000', kind: 'MARKET_REGULATION', regionCode: '650000' },
  health: { id: 'health-650000', kind: 'HEALTH', regionCode: '650000' },
  police: { id: 'police-650000', kind: 'POLICE', regionCode: '650000' },
  amrCity: { id: 'amr-650100', kind: 'MARKET_REGULATION', regionCode: '650100' },
} as const satisfies Record<string, AgencyRef>;

export const actor = { userId: 'u-amr-650000-supervisor', name: '马玉清', agencyId: 'amr-650000', roles: ['supervisor'] };

/** `2020-MM-DDTHH:mm` Beijing time. */
export const bj = (local: string): string => `${local}:00+08:00`;

/** A valid 统一社会信用代码 of a public institution (事业单位) in `region`. */
export const creditCode = (region: string, n: number): string => {
  const first17 = `12${region}MB${String(n).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};

export const person = (name: string, userId: string | null, agencyId: string = agencies.amr.id, title = '执法人员', phone?: string): PersonInput => ({
  name,
  agencyId,
  title,
  ...(userId ? { userId } : {}),
  ...(phone ? { phone } : {}),
});
export const recorded = (p: PersonInput): Person => ({
  name: p.name,
  agencyId: p.agencyId,
  title: p.title,
  userId: p.userId ?? null,
  phone: p.phone ?? null,
});

export const targets = {
  yili: { name: '伊犁州某医院制剂室', creditCode: creditCode('654000', 1), regionCode: '654000' },
  altay: { name: '阿勒泰地区某医院制剂室', creditCode: creditCode('654300', 2), regionCode: '654300' },
  urumqi: { name: '乌鲁木齐市某中医医院制剂室', creditCode: creditCode('650100', 3), regionCode: '650100' },
  urumqi2: { name: '乌鲁木齐市某专科医院制剂室', creditCode: creditCode('650102', 4), regionCode: '650102' },
} as const;

export const leadingGroup = {
  leader: person('章启明', null, agencies.amr.id, '局长'),
  deputies: [person('余文静', null, agencies.health.id, '卫生健康委党组成员'), person('王立新', null, agencies.amr.id, '副局长')],
  members: [person('田海峰', 'u-office-director', agencies.amr.id, '药品生产监督管理处处长')],
};

export const office = {
  hostUnit: '药品生产监督管理处',
  director: person('田海峰', 'u-office-director', agencies.amr.id, '药品生产监督管理处处长'),
  members: [person('邵文', 'u-office-staff', agencies.amr.id, '主任科员')],
};

export const planInput = {
  title: '全区医疗机构制剂室专项整治',
  legalBasis: ['《中华人民共和国药品管理法》', '《医疗机构制剂配制监督管理办法（试行）》'],
  participantAgencyIds: [agencies.health.id],
  startsOn: '2020-04-20',
  endsOn: '2020-07-31',
  phases: [
    { kind: 'SELF_INSPECTION', startsOn: '2020-04-20', endsOn: '2020-04-30' },
    { kind: 'SUPERVISORY_INSPECTION', startsOn: '2020-05-01', endsOn: '2020-05-31' },
    { kind: 'ASSESSMENT', startsOn: '2020-06-01', endsOn: '2020-06-15' },
    { kind: 'RECTIFICATION', name: '整改提升阶段', startsOn: '2020-06-16', endsOn: '2020-07-31' },
  ],
  focusItems: [
    { title: '是否存在无证配制、无文号配制、文号过期配制的行为' },
    { title: '是否存在未经批准擅自调剂使用的行为' },
    { title: '是否存在配制检验记录造假、未经检验使用的情况', legalBasis: '《医疗机构制剂配制质量管理规范》' },
  ],
  leadingGroup,
  office,
  duties: [{ unit: '药品生产监督管理处', agencyId: agencies.amr.id, duty: '牵头负责人员培训、监督检查、抽验计划' }],
  targets: [targets.yili, targets.urumqi],
} as const;

export const planCommand = (overrides: Record<string, unknown> = {}): OperationCommand =>
  ({
    type: 'PlanOperation',
    operationId,
    at: bj('2020-04-15T10:00'),
    actor,
    ...planInput,
    leadAgency: agencies.amr,
    participants: [agencies.health],
    resultRecipientAgencyId: 'cdi-650000',
    ...overrides,
  }) as unknown as OperationCommand;

export const ev = <T extends OperationEventType>(type: T, data: OperationEventOf<T>['data']): OperationEvent =>
  ({ type, data }) as OperationEvent;

export const planned = ev('OperationPlanned', {
  operationId,
  title: planInput.title,
  legalBasis: [...planInput.legalBasis],
  leadAgency: agencies.amr,
  participants: [agencies.amr, agencies.health],
  startsOn: '2020-04-20',
  endsOn: '2020-07-31',
  phases: [
    { phaseId: 'P1', kind: 'SELF_INSPECTION', name: '自查自纠', startsOn: '2020-04-20', endsOn: '2020-04-30' },
    { phaseId: 'P2', kind: 'SUPERVISORY_INSPECTION', name: '监督检查', startsOn: '2020-05-01', endsOn: '2020-05-31' },
    { phaseId: 'P3', kind: 'ASSESSMENT', name: '检查评估', startsOn: '2020-06-01', endsOn: '2020-06-15' },
    { phaseId: 'P4', kind: 'RECTIFICATION', name: '整改提升阶段', startsOn: '2020-06-16', endsOn: '2020-07-31' },
  ],
  focusItems: [
    { itemId: 'F1', title: '是否存在无证配制、无文号配制、文号过期配制的行为', legalBasis: null },
    { itemId: 'F2', title: '是否存在未经批准擅自调剂使用的行为', legalBasis: null },
    { itemId: 'F3', title: '是否存在配制检验记录造假、未经检验使用的情况', legalBasis: '《医疗机构制剂配制质量管理规范》' },
  ],
  leadingGroup: {
    leader: recorded(leadingGroup.leader),
    deputies: leadingGroup.deputies.map(recorded),
    members: leadingGroup.members.map(recorded),
  },
  office: { hostUnit: office.hostUnit, director: recorded(office.director), members: office.members.map(recorded) },
  duties: [{ unit: '药品生产监督管理处', agencyId: agencies.amr.id, duty: '牵头负责人员培训、监督检查、抽验计划' }],
  targets: [targets.yili, targets.urumqi],
  resultRecipientAgencyId: 'cdi-650000',
  plannedAt: bj('2020-04-15T10:00'),
});

export const group1 = {
  name: '第一检查组',
  phaseId: 'P2',
  leader: person('刘洪亮', 'u-g1-leader', agencies.amr.id, '副局长'),
  deputy: person('田海峰', 'u-office-director', agencies.amr.id, '处长', '13800000001'),
  members: [person('谢丽娜', 'u-g1-member', agencies.health.id, '中药师')],
  regions: ['654000', '654300'],
};
export const group2 = {
  name: '第三检查组',
  phaseId: 'P2',
  startsOn: '2020-05-01',
  endsOn: '2020-05-20',
  leader: person('章启明', 'u-g2-leader', agencies.amr.id, '局长'),
  deputy: person('李瑛', 'u-g2-deputy', agencies.amr.id, '审评查验中心主任', '13800000002'),
  members: [person('邵文', 'u-office-staff', agencies.amr.id, '主任科员')],
  regions: ['650100'],
  unannounced: false,
};

export const g1Formed = ev('InspectionGroupFormed', {
  operationId,
  groupId: 'G1',
  name: '第一检查组',
  phaseId: 'P2',
  startsOn: '2020-05-01',
  endsOn: '2020-05-31',
  leader: recorded(group1.leader),
  deputy: recorded(group1.deputy),
  members: group1.members.map(recorded),
  regions: ['654000', '654300'],
  unannounced: true,
  formedAt: bj('2020-04-16T10:00'),
});
export const g2Formed = ev('InspectionGroupFormed', {
  operationId,
  groupId: 'G2',
  name: '第三检查组',
  phaseId: 'P2',
  startsOn: '2020-05-01',
  endsOn: '2020-05-20',
  leader: recorded(group2.leader),
  deputy: recorded(group2.deputy),
  members: group2.members.map(recorded),
  regions: ['650100'],
  unannounced: false,
  formedAt: bj('2020-04-16T11:00'),
});
export const g1Assigned = ev('TargetsAssigned', {
  operationId,
  groupId: 'G1',
  targets: [
    { ...targets.yili, plannedOn: '2020-05-06' },
    { ...targets.altay, plannedOn: null },
  ],
  assignedAt: bj('2020-04-17T10:00'),
});
export const g2Assigned = ev('TargetsAssigned', {
  operationId,
  groupId: 'G2',
  targets: [{ ...targets.urumqi, plannedOn: null }],
  assignedAt: bj('2020-04-17T11:00'),
});
export const launched = ev('OperationLaunched', { operationId, reason: null, launchedAt: bj('2020-04-30T10:00') });

export const yiliInspected = ev('InspectionRecorded', {
  operationId,
  inspectionId: 'I1',
  groupId: 'G1',
  kind: 'REGULAR',
  targetCreditCode: targets.yili.creditCode,
  inspectedAt: bj('2020-05-06T09:30'),
  checklist: [
    { itemId: 'F1', result: 'NON_COMPLIANT', note: '制剂批准文号已过期' },
    { itemId: 'F2', result: 'COMPLIANT', note: null },
    { itemId: 'F3', result: 'NON_COMPLIANT', note: null },
  ],
  findings: [
    { findingId: 'I1-F1', description: '批准文号过期后仍配制复方制剂', focusItemIds: ['F1'], violations: ['UNAPPROVED_PREPARATION'] },
    { findingId: 'I1-F2', description: '检验记录与留样不符', focusItemIds: ['F3'], violations: [] },
  ],
  followUpOf: [],
  summary: null,
  recordedAt: bj('2020-05-06T18:00'),
});

export const problemRegistered = (
  findingId: string,
  data: Partial<OperationEventOf<'ProblemRegistered'>['data']> = {},
): OperationEvent =>
  ev('ProblemRegistered', {
    operationId,
    findingId,
    inspectionId: 'I1',
    groupId: 'G1',
    targetCreditCode: targets.yili.creditCode,
    disposition: 'RECTIFICATION_ORDER',
    suspended: [],
    rectificationDueOn: '2020-06-30',
    handlingAgencyId: null,
    violations: [],
    amountInvolvedFen: null,
    note: null,
    registeredAt: bj('2020-05-10T10:00'),
    ...data,
  });

export const referred = ev('FindingReferred', {
  operationId,
  operationTitle: planInput.title,
  findingId: 'I1-F1',
  inspectionId: 'I1',
  disposition: 'CASE_INVESTIGATION',
  agencyId: agencies.amr.id,
  subject: { kind: 'ORGANIZATION', name: targets.yili.name, creditCode: targets.yili.creditCode },
  violations: ['UNAPPROVED_PREPARATION'],
  summary: `${planInput.title}：批准文号过期后仍配制复方制剂`,
  amountInvolvedFen: null,
  referredAt: bj('2020-05-10T10:00'),
});

/** Histories by status: the events that lead there. */
export const running = [planned, g1Formed, g2Formed, g1Assigned, g2Assigned, launched];
export const histories = {
  NONE: [] as OperationEvent[],
  PLANNED: [planned, g1Formed, g2Formed, g1Assigned, g2Assigned],
  IN_PROGRESS: running,
  REPORTED: [
    ...running,
    ev('OperationResultReported', {
      operationId,
      title: planInput.title,
      leadAgencyId: agencies.amr.id,
      participantAgencyIds: [agencies.amr.id, agencies.health.id],
      toAgencyId: 'cdi-650000',
      summary: '整治情况报告',
      figures: {
        targetsAssigned: 3,
        targetsInspected: 0,
        inspections: 0,
        followUps: 0,
        problems: 0,
        problemsClosed: 0,
        closureRate: null,
        overdueRectifications: 0,
        byDisposition: [],
        byRegion: [],
        casesReferred: 0,
        casesOpened: 0,
        relapses: 0,
        selfInspectionsReported: 0,
        selfInspectionsMissing: 0,
      },
      reportedAt: bj('2020-06-10T10:00'),
    }),
  ],
  CLOSED: [] as OperationEvent[],
};
histories.CLOSED = [...histories.REPORTED, ev('OperationClosed', { operationId, reason: null, openProblems: 0, closedAt: bj('2020-08-01T10:00') })];

/** given(events).when(command).then(expected events | expected error) */
export const given = (events: readonly OperationEvent[]) => ({
  when: (command: OperationCommand) => ({
    then: (expected: OperationEvent[] | Error) => {
      const state = foldOperation(events);
      const before = structuredClone(state);
      let produced: OperationEvent[] | undefined;
      let thrown: unknown;
      try {
        produced = decideOperation(command, state);
      } catch (error) {
        thrown = error;
      }
      expect(state, 'decide must not change the state').toEqual(before);
      if (expected instanceof Error) {
        if (!thrown) throw new Error(`expected ${expected.constructor.name} but got ${JSON.stringify(produced)}`);
        expect(thrown).toBeInstanceOf(expected.constructor);
        expect((thrown as Error).message).toBe(expected.message);
        if (expected instanceof XianjieError) expect((thrown as XianjieError).details).toEqual(expected.details);
      } else {
        if (thrown) throw thrown;
        expect(produced).toEqual(expected);
        // every event the decider emits is a valid contract event
        for (const event of produced ?? []) expect(OperationEvent.parse(event)).toEqual(event);
      }
    },
  }),
});

/** Runs `command` on `events` and returns the error it throws (for checks on paths and messages). */
export const refusal = (events: readonly OperationEvent[], command: OperationCommand): XianjieError => {
  try {
    decideOperation(command, foldOperation(events));
  } catch (error) {
    if (error instanceof XianjieError) return error;
    throw error;
  }
  throw new Error(`${command.type} was not refused`);
};
