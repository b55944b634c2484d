import {
  CaseEvent,
  InvalidTransitionError,
  NotFoundError,
  ValidationError,
  XianjieError,
} from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider.ts';
import {
  caseDecider,
  decideCase,
  evolveCase,
  foldCase,
  initialCaseState,
  transferredToPolice,
} from './caseDecider.ts';
import type { Case, CaseCommand, CaseState } from './caseDecider.ts';
import { caseWarningFactsOf, warningsFor } from './caseWarnings.ts';

// ---------------------------------------------------------------- given / when / then

/** given(events).when(command).then(expected events | expected error) */
const given = (events: CaseEvent[]) => ({
  when: (command: CaseCommand) => ({
    then: (expected: CaseEvent[] | Error) => {
      const state = foldCase(events);
      const before = structuredClone(state);
      let produced: CaseEvent[] | undefined;
      let thrown: unknown;
      try {
        produced = decideCase(command, state);
      } catch (error) {
        thrown = error;
      }
      expect(state, 'decide must not change the state').toEqual(before);
      if (expected instanceof Error) {
        expect(produced, 'the command should have been refused').toBeUndefined();
        expect(thrown).toBeInstanceOf(expected.constructor);
        expect((thrown as Error).message).toBe(expected.message);
        if (expected instanceof XianjieError)
          expect((thrown as XianjieError).details).toEqual(expected.details);
      } else {
        if (thrown) throw thrown;
        expect(produced).toEqual(expected);
        // every event the decider emits is a valid contract event
        for (const event of produced ?? []) expect(CaseEvent.parse(event)).toEqual(event);
      }
    },
  }),
});

// ---------------------------------------------------------------- fixtures

const caseId = 'c-001';
const actor = {
  userId: 'u-officer',
  name: '李执法',
  agencyId: 'amr-650100',
  roles: ['officer', 'supervisor'],
};
const at = (day: number) => `2024-05-${String(day).padStart(2, '0')}T10:00:00+08:00`;
const base = (day: number) => ({ caseId, at: at(day), actor });

const pharmacy = {
  kind: 'ORGANIZATION',
  name: '乌鲁木齐市某某大药房有限公司',
  creditCode: '91650102MA79B1NX4U',
} as const;

const registerCase: CaseCommand = {
  type: 'RegisterCase',
  ...base(1),
  number: '乌市监立〔2024〕001号',
  agencyId: 'amr-650100',
  subject: pharmacy,
  source: 'INSPECTION',
  summary: '监督检查发现该药房从非法渠道购进药品',
  violations: ['ILLEGAL_SOURCE_PURCHASE'],
  amountInvolvedFen: 860_000,
};

const registered: CaseEvent = {
  type: 'CaseRegistered',
  data: {
    caseId,
    number: '乌市监立〔2024〕001号',
    agencyId: 'amr-650100',
    subject: { ...pharmacy, idNumber: null },
    source: 'INSPECTION',
    summary: '监督检查发现该药房从非法渠道购进药品',
    violations: ['ILLEGAL_SOURCE_PURCHASE'],
    amountInvolvedFen: 860_000,
    registeredAt: at(1),
  },
};
const filed: CaseEvent = { type: 'CaseFiled', data: { caseId, reason: '符合立案条件', filedAt: at(3) } };
const notFiled: CaseEvent = {
  type: 'CaseNotFiled',
  data: { caseId, reason: '违法事实不成立', decidedAt: at(3) },
};
const evidence: CaseEvent = {
  type: 'EvidenceRecorded',
  data: {
    caseId,
    evidenceId: `${caseId}-E1`,
    kind: 'ON_SITE_RECORD',
    title: '现场检查笔录',
    description: null,
    recordedAt: at(4),
  },
};
const decidePenalty = (priorViolationsInWindow: number): CaseCommand => ({
  type: 'DecidePenalty',
  ...base(20),
  decisionNumber: '乌市监处罚〔2024〕012号',
  penalties: [
    { kind: 'CONFISCATION', amountFen: 860_000, description: '没收违法购进的药品' },
    { kind: 'FINE', amountFen: 1_720_000 },
  ],
  personsResponsible: [{ name: '赵某', role: '法定代表人' }],
  priorViolationsInWindow,
});
const penaltyDecided = (priorViolationsInWindow: number, repeatOffender: boolean): CaseEvent => ({
  type: 'PenaltyDecided',
  data: {
    caseId,
    decisionNumber: '乌市监处罚〔2024〕012号',
    penalties: [
      { kind: 'CONFISCATION', amountFen: 860_000, description: '没收违法购进的药品' },
      { kind: 'FINE', amountFen: 1_720_000, description: null },
    ],
    personsResponsible: [{ name: '赵某', role: '法定代表人', idNumber: null }],
    repeatOffender,
    priorViolationsInWindow,
    reason: null,
    decidedAt: at(20),
  },
});
const closed: CaseEvent = { type: 'CaseClosed', data: { caseId, reason: null, closedAt: at(30) } };

const fileCase: CaseCommand = { type: 'FileCase', ...base(3), reason: ' 符合立案条件 ' };
const decideNotToFile: CaseCommand = { type: 'DecideNotToFile', ...base(3), reason: '违法事实不成立' };
const recordEvidence: CaseCommand = {
  type: 'RecordEvidence',
  ...base(4),
  kind: 'ON_SITE_RECORD',
  title: '现场检查笔录',
};
const closeCase: CaseCommand = { type: 'CloseCase', ...base(30) };

type TransferKind = 'CRIMINAL' | 'ADMINISTRATIVE' | 'DISCIPLINARY' | 'REVERSE';
const toAgencyOf: Record<TransferKind, string> = {
  CRIMINAL: 'police-650100',
  ADMINISTRATIVE: 'health-650000',
  DISCIPLINARY: 'cdi-650100',
  REVERSE: 'amr-650100',
};
const markTransferred = (kind: TransferKind, transferId = 't-1', day = 10): CaseCommand => ({
  type: 'MarkTransferred',
  ...base(day),
  transferId,
  kind,
  toAgencyId: toAgencyOf[kind],
  transferredAt: at(day - 1),
});
const caseTransferred = (kind: TransferKind, transferId = 't-1', day = 10): CaseEvent => ({
  type: 'CaseTransferred',
  data: { caseId, transferId, kind, toAgencyId: toAgencyOf[kind], transferredAt: at(day - 1) },
});

const histories: Record<string, CaseEvent[]> = {
  NONE: [],
  CLUE_REGISTERED: [registered],
  FILED: [registered, filed],
  NOT_FILED: [registered, notFiled],
  PENALTY_DECIDED: [registered, filed, evidence, penaltyDecided(0, false)],
  CLOSED: [registered, filed, evidence, penaltyDecided(0, false), closed],
  TRANSFERRED: [registered, filed, caseTransferred('CRIMINAL')],
};

const refused = (command: string, reason: string, status: string) =>
  new InvalidTransitionError(command, `${reason}; it is ${status}`, status);

// ---------------------------------------------------------------- transitions

describe('case decider: transitions', () => {
  it('registers a clue', () => given([]).when(registerCase).then([registered]));

  it('registers a clue opened by a finding of a joint operation, with its origin', () => {
    const origin = { operationId: 'op-1', findingId: 'I1-F1' };
    given([])
      .when({ ...registerCase, origin } as CaseCommand)
      .then([{ type: 'CaseRegistered', data: { ...(registered.data as object), origin } } as CaseEvent]);
    expect(foldCase([{ type: 'CaseRegistered', data: { ...(registered.data as object), origin } } as CaseEvent])).toMatchObject({ origin });
    expect(foldCase([registered])).toMatchObject({ origin: null });
    given([])
      .when({ ...registerCase, origin: { operationId: '', findingId: 'I1-F1' } } as CaseCommand)
      .then(new ValidationError([{ path: 'origin', message: 'an origin names the operation and the finding' }]));
  });

  it('registers a person as the subject, normalising the ID number', () =>
    given([])
      .when({
        ...registerCase,
        subject: { kind: 'PERSON', name: '张某', idNumber: '65010219850118123x' },
        amountInvolvedFen: undefined,
      })
      .then([
        {
          type: 'CaseRegistered',
          data: {
            ...(registered.data as Extract<CaseEvent, { type: 'CaseRegistered' }>['data']),
            subject: { kind: 'PERSON', name: '张某', creditCode: null, idNumber: '65010219850118123X' },
            amountInvolvedFen: null,
          },
        },
      ]));

  it('files a registered clue', () => given([registered]).when(fileCase).then([filed]));

  it('files without a reason', () =>
    given([registered])
      .when({ type: 'FileCase', ...base(3) })
      .then([{ type: 'CaseFiled', data: { caseId, reason: null, filedAt: at(3) } }]));

  it('decides not to file a registered clue', () =>
    given([registered]).when(decideNotToFile).then([notFiled]));

  it('records evidence on a filed case', () =>
    given([registered, filed]).when(recordEvidence).then([evidence]));

  it('records evidence while a clue is checked before filing (立案前核查)', () =>
    given([registered]).when(recordEvidence).then([evidence]));

  it('numbers evidence within the case', () =>
    given([registered, filed, evidence])
      .when({
        ...recordEvidence,
        kind: 'SAMPLE_TEST_REPORT',
        title: '检验报告',
        description: '药品检验所报告书',
      })
      .then([
        {
          type: 'EvidenceRecorded',
          data: {
            caseId,
            evidenceId: `${caseId}-E2`,
            kind: 'SAMPLE_TEST_REPORT',
            title: '检验报告',
            description: '药品检验所报告书',
            recordedAt: at(4),
          },
        },
      ]));

  it('decides a penalty on a filed case with evidence', () =>
    given([registered, filed, evidence])
      .when(decidePenalty(0))
      .then([penaltyDecided(0, false)]));

  it('closes a case after the penalty decision', () =>
    given(histories.PENALTY_DECIDED!).when(closeCase).then([closed]));

  it('closes a clue that was not filed', () => given([registered, notFiled]).when(closeCase).then([closed]));
});

// ---------------------------------------------------------------- repeat offender

describe('case decider: repeat offender', () => {
  it('does not flag a first violation in the window', () =>
    given([registered, filed, evidence])
      .when(decidePenalty(0))
      .then([penaltyDecided(0, false)]));

  it('flags the second violation within the window', () =>
    given([registered, filed, evidence])
      .when(decidePenalty(1))
      .then([penaltyDecided(1, true)]));

  it('flags later ones too', () =>
    given([registered, filed, evidence])
      .when(decidePenalty(4))
      .then([penaltyDecided(4, true)]));

  it('refuses a negative count', () =>
    given([registered, filed, evidence])
      .when(decidePenalty(-1))
      .then(
        new ValidationError([
          {
            path: 'priorViolationsInWindow',
            message: 'the count of prior violations is a non-negative integer',
          },
        ]),
      ));
});

// ---------------------------------------------------------------- refusals

describe('case decider: refusals', () => {
  const allowed: Record<string, string[]> = {
    RegisterCase: ['NONE'],
    FileCase: ['CLUE_REGISTERED'],
    DecideNotToFile: ['CLUE_REGISTERED'],
    RecordEvidence: ['CLUE_REGISTERED', 'FILED', 'TRANSFERRED'],
    DecidePenalty: ['FILED', 'TRANSFERRED'],
    CloseCase: ['PENALTY_DECIDED', 'NOT_FILED', 'TRANSFERRED'],
    MarkTransferred: ['CLUE_REGISTERED', 'FILED', 'PENALTY_DECIDED', 'TRANSFERRED'],
  };
  const commands: Record<string, [CaseCommand, string, string]> = {
    RegisterCase: [registerCase, 'registerCase', `case ${caseId} is already registered`],
    FileCase: [fileCase, 'fileCase', 'a case can be filed only when it is a registered clue'],
    DecideNotToFile: [
      decideNotToFile,
      'decideNotToFile',
      'a clue can be declined (不予立案) only while it is a registered clue',
    ],
    RecordEvidence: [
      recordEvidence,
      'recordEvidence',
      'evidence can be recorded only while a clue is checked, a filed case is investigated or a transferred case is pending',
    ],
    DecidePenalty: [
      decidePenalty(0),
      'decidePenalty',
      'a penalty can be decided only on a filed or transferred case',
    ],
    CloseCase: [
      closeCase,
      'closeCase',
      'a case can be closed only after a penalty decision, a decision not to file or a transfer',
    ],
    // A second transfer id, so the TRANSFERRED history (t-1) is not refused as a repeat.
    // ADMINISTRATIVE: a CRIMINAL one is also taken on CLOSED and NOT_FILED (below).
    MarkTransferred: [
      markTransferred('ADMINISTRATIVE', 't-2'),
      'markTransferred',
      'a case can be transferred only while it is a clue, filed, decided or already transferred',
    ],
  };

  for (const [type, [command, name, reason]] of Object.entries(commands)) {
    for (const [status, history] of Object.entries(histories)) {
      if (allowed[type]!.includes(status)) continue;
      const expected = status === 'NONE' ? new NotFoundError('Case', caseId) : refused(name, reason, status);
      it(`${type} is refused when the case is ${status}`, () => given(history).when(command).then(expected));
    }
  }

  it('refuses a penalty without evidence', () =>
    given([registered, filed])
      .when(decidePenalty(0))
      .then(
        refused(
          'decidePenalty',
          'a penalty needs evidence (《行政处罚法》第四十条); record evidence first',
          'FILED',
        ),
      ));

  it('refuses not filing without a reason, naming the field', () =>
    given([registered])
      .when({ ...decideNotToFile, reason: ' ' } as CaseCommand)
      .then(
        new ValidationError([{ path: 'reason', message: '不予立案须说明理由' }]),
      ));

  it('refuses a registration with an invalid subject, naming the field', () =>
    given([])
      .when({ ...registerCase, subject: { ...pharmacy, creditCode: '91650102MA79B1NX4A' } })
      .then(
        new ValidationError([{ path: 'subject.creditCode', message: '校验码应为 U，实为 A' }]),
      ));

  it('refuses a FINE without an amount, naming the field', () =>
    given([registered, filed, evidence])
      .when({ ...decidePenalty(0), penalties: [{ kind: 'FINE' }] } as CaseCommand)
      .then(
        new ValidationError([
          { path: 'penalties.0.amountFen', message: '罚款须填写大于0的金额（分）' },
        ]),
      ));

  it('refuses a command without an ISO time', () =>
    given([registered])
      .when({ ...fileCase, at: '2024-05-03 10:00' })
      .then(
        new ValidationError([
          { path: 'at', message: '"2024-05-03 10:00" is not an ISO-8601 date-time with offset' },
        ]),
      ));
});

// ---------------------------------------------------------------- transfers (移送)

describe('case decider: transfers', () => {
  for (const status of ['CLUE_REGISTERED', 'FILED', 'PENALTY_DECIDED'] as const) {
    it(`records a CRIMINAL transfer of a ${status} case, which becomes TRANSFERRED`, () => {
      given(histories[status]!).when(markTransferred('CRIMINAL')).then([caseTransferred('CRIMINAL')]);
      expect(foldCase([...histories[status]!, caseTransferred('CRIMINAL')])).toMatchObject({
        status: 'TRANSFERRED',
        transfers: [{ transferId: 't-1', kind: 'CRIMINAL', toAgencyId: 'police-650100', transferredAt: at(9) }],
      });
    });
  }

  for (const status of ['CLOSED', 'NOT_FILED'] as const) {
    it(`records a CRIMINAL transfer of a ${status} case without reopening it (Decree art. 11)`, () => {
      given(histories[status]!).when(markTransferred('CRIMINAL')).then([caseTransferred('CRIMINAL')]);
      expect(foldCase([...histories[status]!, caseTransferred('CRIMINAL')])).toMatchObject({
        status,
        transfers: [{ transferId: 't-1', kind: 'CRIMINAL' }],
      });
    });
  }

  it('records a second transfer of a TRANSFERRED case', () => {
    given(histories.TRANSFERRED!)
      .when(markTransferred('ADMINISTRATIVE', 't-2', 12))
      .then([caseTransferred('ADMINISTRATIVE', 't-2', 12)]);
    const state = foldCase([...histories.TRANSFERRED!, caseTransferred('ADMINISTRATIVE', 't-2', 12)]) as Case;
    expect(state.status).toBe('TRANSFERRED');
    expect(state.transfers.map((t) => [t.transferId, t.kind])).toEqual([
      ['t-1', 'CRIMINAL'],
      ['t-2', 'ADMINISTRATIVE'],
    ]);
  });

  it('moves the case on an ADMINISTRATIVE transfer (行行衔接)', () => {
    given(histories.FILED!).when(markTransferred('ADMINISTRATIVE')).then([caseTransferred('ADMINISTRATIVE')]);
    expect(foldCase([...histories.FILED!, caseTransferred('ADMINISTRATIVE')]).status).toBe('TRANSFERRED');
  });

  it('keeps the status on a DISCIPLINARY transfer (a clue about an official does not move the case)', () => {
    given(histories.FILED!).when(markTransferred('DISCIPLINARY')).then([caseTransferred('DISCIPLINARY')]);
    expect(foldCase([...histories.FILED!, caseTransferred('DISCIPLINARY')])).toMatchObject({
      status: 'FILED',
      transfers: [{ transferId: 't-1', kind: 'DISCIPLINARY', toAgencyId: 'cdi-650100' }],
    });
  });

  it('records a DISCIPLINARY transfer after the case closed or was not filed, leaving the status', () => {
    given(histories.CLOSED!).when(markTransferred('DISCIPLINARY', 't-1', 31)).then([caseTransferred('DISCIPLINARY', 't-1', 31)]);
    given(histories.NOT_FILED!).when(markTransferred('DISCIPLINARY')).then([caseTransferred('DISCIPLINARY')]);
    expect(foldCase([...histories.CLOSED!, caseTransferred('DISCIPLINARY', 't-1', 31)]).status).toBe('CLOSED');
  });

  it('refuses a REVERSE transfer, naming the field', () =>
    given(histories.FILED!)
      .when(markTransferred('REVERSE'))
      .then(
        new ValidationError([
          { path: 'kind', message: 'a REVERSE transfer is sent by police; it is not a transfer of an administrative case' },
        ]),
      ));

  it('refuses the same transfer twice', () =>
    given(histories.TRANSFERRED!)
      .when(markTransferred('CRIMINAL'))
      .then(refused('markTransferred', 'transfer t-1 is already recorded on the case', 'TRANSFERRED')));

  it('refuses a transfer without its sending time, naming the field', () =>
    given(histories.FILED!)
      .when({ ...markTransferred('CRIMINAL'), transferredAt: 'yesterday' } as CaseCommand)
      .then(
        new ValidationError([{ path: 'transferredAt', message: '"yesterday" is not an ISO-8601 date-time with offset' }]),
      ));

  it('records evidence on a TRANSFERRED case, which stays TRANSFERRED', () => {
    given(histories.TRANSFERRED!).when(recordEvidence).then([evidence]);
    expect(foldCase([...histories.TRANSFERRED!, evidence]).status).toBe('TRANSFERRED');
  });

  it('decides the penalty on a TRANSFERRED case when police declined (the administrative wrong remains)', () => {
    given([...histories.TRANSFERRED!, evidence]).when(decidePenalty(0)).then([penaltyDecided(0, false)]);
    expect(foldCase([...histories.TRANSFERRED!, evidence, penaltyDecided(0, false)])).toMatchObject({
      status: 'PENALTY_DECIDED',
      transfers: [{ transferId: 't-1', kind: 'CRIMINAL' }],
    });
  });

  it('refuses a penalty on a TRANSFERRED case without evidence', () =>
    given(histories.TRANSFERRED!)
      .when(decidePenalty(0))
      .then(
        refused(
          'decidePenalty',
          'a penalty needs evidence (《行政处罚法》第四十条); record evidence first',
          'TRANSFERRED',
        ),
      ));

  it('refuses a second penalty on a case transferred after its decision', () =>
    given([...histories.PENALTY_DECIDED!, caseTransferred('CRIMINAL')])
      .when(decidePenalty(0))
      .then(refused('decidePenalty', 'a penalty was already decided on this case', 'TRANSFERRED')));

  it('closes a TRANSFERRED case', () => {
    given(histories.TRANSFERRED!).when(closeCase).then([closed]);
    expect(foldCase([...histories.TRANSFERRED!, closed]).status).toBe('CLOSED');
  });

  it('knows a case went to police only after a CRIMINAL transfer, and then warns of no 以罚代刑', () => {
    // UNAPPROVED_PREPARATION meets a criminal threshold at any amount (policies.criminalThresholds).
    const preparation = {
      ...registered,
      data: { ...(registered.data as Extract<CaseEvent, { type: 'CaseRegistered' }>['data']), violations: ['UNAPPROVED_PREPARATION'] },
    } as CaseEvent;
    const penaltyOnly = foldCase([preparation, filed, evidence, penaltyDecided(0, false), closed]) as Case;
    expect(transferredToPolice(penaltyOnly)).toBe(false);
    expect(warningsFor(caseWarningFactsOf(penaltyOnly))).toEqual(['PENALTY_INSTEAD_OF_TRANSFER']);
    const disciplinary = foldCase([preparation, filed, evidence, penaltyDecided(0, false), caseTransferred('DISCIPLINARY'), closed]) as Case;
    expect(transferredToPolice(disciplinary)).toBe(false);
    const declinedByPolice = foldCase([preparation, filed, caseTransferred('CRIMINAL'), evidence, penaltyDecided(0, false), closed]) as Case;
    expect(transferredToPolice(declinedByPolice)).toBe(true);
    expect(caseWarningFactsOf(declinedByPolice)).toMatchObject({ status: 'CLOSED', penaltyDecided: true, transferredToPolice: true });
    expect(warningsFor(caseWarningFactsOf(declinedByPolice))).toEqual([]);
  });
});

// ---------------------------------------------------------------- evolve / fold

describe('case evolve', () => {
  it('starts with no case', () => expect(initialCaseState).toEqual({ status: 'NONE' }));

  it('folds a whole life into the state', () => {
    const state = foldCase(histories.CLOSED!) as Extract<CaseState, { caseId: string }>;
    expect(state).toMatchObject({
      status: 'CLOSED',
      caseId,
      agencyId: 'amr-650100',
      number: '乌市监立〔2024〕001号',
      violations: ['ILLEGAL_SOURCE_PURCHASE'],
      amountInvolvedFen: 860_000,
      registeredAt: at(1),
      filedAt: at(3),
      decidedAt: at(20),
      closedAt: at(30),
      repeatOffender: false,
      transfers: [],
    });
    expect(state.evidence.map((e) => e.evidenceId)).toEqual([`${caseId}-E1`]);
    expect(state.penalty?.decisionNumber).toBe('乌市监处罚〔2024〕012号');
  });

  it('keeps the reason of a decision not to file', () => {
    expect(foldCase([registered, notFiled])).toMatchObject({
      status: 'NOT_FILED',
      notFiledReason: '违法事实不成立',
      decidedAt: at(3),
    });
  });

  it('keeps the repeat-offender flag from the decision', () => {
    expect(foldCase([registered, filed, evidence, penaltyDecided(1, true)])).toMatchObject({
      repeatOffender: true,
    });
  });

  it('is the same fold through the generic decider', () => {
    expect(fold(caseDecider, histories.CLOSED!)).toEqual(foldCase(histories.CLOSED!));
  });

  it('refuses a stream that does not start with CaseRegistered', () => {
    expect(() => evolveCase(initialCaseState, filed)).toThrow(/first event must be CaseRegistered/);
  });
});
