import { CaseSupervisionEvent, InvalidTransitionError, NotFoundError, ValidationError, XianjieError } from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider.ts';
import {
  caseSupervisionDecider,
  decideCaseSupervision,
  foldCaseSupervision,
  isSupervisionOverdue,
  supervisionDueAt,
} from './caseSupervisionDecider.ts';
import type { CaseSupervisionCommand, SupervisedCaseFacts } from './caseSupervisionDecider.ts';

// ---------------------------------------------------------------- given / when / then

/** given(events).when(command).then(expected events | expected error) */
const given = (events: CaseSupervisionEvent[]) => ({
  when: (command: CaseSupervisionCommand) => ({
    then: (expected: CaseSupervisionEvent[] | Error) => {
      const state = foldCaseSupervision(events);
      const before = structuredClone(state);
      let produced: CaseSupervisionEvent[] | undefined;
      let thrown: unknown;
      try {
        produced = decideCaseSupervision(command, state);
      } catch (error) {
        thrown = error;
      }
      expect(state, 'decide must not change the state').toEqual(before);
      if (expected instanceof Error) {
        expect(produced, 'the command should have been refused').toBeUndefined();
        expect(thrown).toBeInstanceOf(expected.constructor);
        expect((thrown as Error).message).toBe(expected.message);
        if (expected instanceof XianjieError) expect((thrown as XianjieError).details).toEqual(expected.details);
      } else {
        if (thrown) throw thrown;
        expect(produced).toEqual(expected);
        for (const event of produced ?? []) expect(CaseSupervisionEvent.parse(event)).toEqual(event);
      }
    },
  }),
});

// ---------------------------------------------------------------- fixtures

const caseId = 'c-001';
const actor = { userId: 'u-cdi-650100-supervisor', name: '巴合提亚尔·叶尔兰', agencyId: 'cdi-650100', roles: ['supervisor'] };
const facts: SupervisedCaseFacts = {
  caseId,
  agencyId: 'amr-650100',
  number: '乌市监立〔2024〕001号',
  status: 'FILED',
  closedAt: null,
};
const supervisedAt = '2024-05-06T10:00:00+08:00';

const supervise = (overrides: Partial<Extract<CaseSupervisionCommand, { type: 'SuperviseCase' }>> = {}): CaseSupervisionCommand => ({
  type: 'SuperviseCase',
  caseId,
  at: supervisedAt,
  actor,
  commissionId: 'cdi-650100',
  case: facts,
  dueDate: '2024-06-30',
  reason: ' 群众多次举报，社会影响大 ',
  requirements: '依法从严查处，按期报送办理结果',
  ...overrides,
});
const lift = (overrides: Partial<Extract<CaseSupervisionCommand, { type: 'LiftCaseSupervision' }>> = {}): CaseSupervisionCommand => ({
  type: 'LiftCaseSupervision',
  caseId,
  at: '2024-06-20T09:00:00+08:00',
  actor,
  commissionId: 'cdi-650100',
  reason: '已依法办结并报送结果',
  ...overrides,
});

const supervised: CaseSupervisionEvent = {
  type: 'CaseSupervised',
  data: {
    caseId,
    caseNumber: '乌市监立〔2024〕001号',
    caseAgencyId: 'amr-650100',
    commissionId: 'cdi-650100',
    reason: '群众多次举报，社会影响大',
    requirements: '依法从严查处，按期报送办理结果',
    dueDate: '2024-06-30',
    dueAt: '2024-07-01T00:00:00+08:00',
    supervisedAt,
  },
};
const lifted: CaseSupervisionEvent = {
  type: 'CaseSupervisionLifted',
  data: { caseId, commissionId: 'cdi-650100', reason: '已依法办结并报送结果', liftedAt: '2024-06-20T09:00:00+08:00' },
};

const refused = (command: string, reason: string, state: string) => new InvalidTransitionError(command, reason, state);

// ---------------------------------------------------------------- superviseCase

describe('挂牌督办: superviseCase', () => {
  it('lists an open case with its due time at 24:00 Beijing time of the due date', () =>
    given([]).when(supervise()).then([supervised]));

  it('records no requirements when none are given', () =>
    given([])
      .when(supervise({ requirements: undefined }))
      .then([{ type: 'CaseSupervised', data: { ...supervised.data, requirements: null } } as CaseSupervisionEvent]));

  it('accepts a due date of today (due at 24:00 tonight)', () =>
    given([])
      .when(supervise({ dueDate: '2024-05-06' }))
      .then([{ type: 'CaseSupervised', data: { ...supervised.data, dueDate: '2024-05-06', dueAt: '2024-05-07T00:00:00+08:00' } } as CaseSupervisionEvent]));

  it('judges "today" by the Beijing date of the command (23:30 UTC is the next day in Beijing)', () =>
    given([])
      .when(supervise({ at: '2024-05-05T23:30:00Z', dueDate: '2024-05-05' }))
      .then(new ValidationError([{ path: 'dueDate', message: 'the due date 2024-05-05 is before today (2024-05-06, Beijing time)' }])));

  it('lists a case again after its supervision was lifted', () => {
    given([supervised, lifted])
      .when(supervise({ at: '2024-07-02T10:00:00+08:00', dueDate: '2024-08-31', reason: '整改不到位，再次督办' }))
      .then([
        {
          type: 'CaseSupervised',
          data: {
            ...supervised.data,
            reason: '整改不到位，再次督办',
            dueDate: '2024-08-31',
            dueAt: '2024-09-01T00:00:00+08:00',
            supervisedAt: '2024-07-02T10:00:00+08:00',
          },
        } as CaseSupervisionEvent,
      ]);
    const again = { type: 'CaseSupervised', data: { ...supervised.data, supervisedAt: '2024-07-02T10:00:00+08:00' } } as CaseSupervisionEvent;
    expect(foldCaseSupervision([supervised, lifted, again])).toMatchObject({ status: 'SUPERVISED', rounds: 2, liftedAt: null, liftReason: null });
  });

  describe('refusals', () => {
    it('a reason is required', () =>
      given([])
        .when(supervise({ reason: '  ' }))
        .then(new ValidationError([{ path: 'reason', message: '挂牌督办须写明督办事由' }])));

    it.each(['2024-06-31', '30/06/2024', '2024-06-30T00:00:00+08:00'])('the due date is a calendar date, not %s', (dueDate) => {
      const thrown = (() => {
        try {
          return decideCaseSupervision(supervise({ dueDate }), foldCaseSupervision([]));
        } catch (error) {
          return error;
        }
      })();
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).issues.map((i) => i.path)).toEqual(['dueDate']);
    });

    it('the due date may not be in the past', () =>
      given([])
        .when(supervise({ dueDate: '2024-05-05' }))
        .then(new ValidationError([{ path: 'dueDate', message: 'the due date 2024-05-05 is before today (2024-05-06, Beijing time)' }])));

    it('the command time is an ISO-8601 date-time', () =>
      given([])
        .when(supervise({ at: 'yesterday' }))
        .then(new ValidationError([{ path: 'at', message: '"yesterday" is not an ISO-8601 date-time with offset' }])));

    it('a case the commission does not know (or may not see) is not found', () =>
      given([]).when(supervise({ case: null })).then(new NotFoundError('Case', caseId)));

    it('facts of another case are not this case', () =>
      given([]).when(supervise({ case: { ...facts, caseId: 'c-002' } })).then(new NotFoundError('Case', caseId)));

    it('a case already under supervision is refused with who supervises it and until when', () =>
      given([supervised])
        .when(supervise({ at: '2024-05-07T10:00:00+08:00', commissionId: 'cdi-650000' }))
        .then(
          refused(
            'superviseCase',
            'case 乌市监立〔2024〕001号 is already under supervision (挂牌督办) by cdi-650100 since 2024-05-06T10:00:00+08:00, ' +
              'due 2024-06-30; lift it (解除督办) before listing it again',
            'SUPERVISED',
          ),
        ));

    it('a closed case has nothing left to supervise', () =>
      given([])
        .when(supervise({ case: { ...facts, status: 'CLOSED', closedAt: '2024-05-01T10:00:00+08:00' } }))
        .then(refused('superviseCase', 'case 乌市监立〔2024〕001号 is closed (已结案); only an open case can be put under supervision', 'NONE')));
  });
});

// ---------------------------------------------------------------- liftCaseSupervision

describe('解除督办: liftCaseSupervision', () => {
  it('lifts a supervision with its reason', () => given([supervised]).when(lift()).then([lifted]));

  it('a commission above may lift it (the event names the lifting commission)', () =>
    given([supervised])
      .when(lift({ commissionId: 'cdi-650000' }))
      .then([{ type: 'CaseSupervisionLifted', data: { ...lifted.data, commissionId: 'cdi-650000' } } as CaseSupervisionEvent]));

  it('folds to LIFTED with when, by whom and why', () =>
    expect(foldCaseSupervision([supervised, lifted])).toMatchObject({
      status: 'LIFTED',
      liftedAt: '2024-06-20T09:00:00+08:00',
      liftedBy: 'cdi-650100',
      liftReason: '已依法办结并报送结果',
      rounds: 1,
    }));

  describe('refusals', () => {
    it('a reason is required', () =>
      given([supervised])
        .when(lift({ reason: '' }))
        .then(new ValidationError([{ path: 'reason', message: '解除督办须写明理由' }])));

    it('a case never supervised', () =>
      given([]).when(lift()).then(refused('liftCaseSupervision', 'case c-001 is not under supervision', 'NONE')));

    it('a supervision already lifted', () =>
      given([supervised, lifted])
        .when(lift())
        .then(
          refused('liftCaseSupervision', 'the supervision of case 乌市监立〔2024〕001号 was already lifted at 2024-06-20T09:00:00+08:00', 'LIFTED'),
        ));
  });
});

// ---------------------------------------------------------------- evolve and overdue

describe('the supervision state and overdue', () => {
  it('folds like the generic fold', () => {
    expect(fold(caseSupervisionDecider, [supervised])).toEqual(foldCaseSupervision([supervised]));
    expect(foldCaseSupervision([supervised])).toMatchObject({ status: 'SUPERVISED', dueAt: '2024-07-01T00:00:00+08:00', rounds: 1 });
  });

  it('a stream cannot start with a lifting', () => {
    expect(() => foldCaseSupervision([lifted])).toThrow(/first event must be CaseSupervised/);
  });

  it('due at 24:00 Beijing time of the due date', () => {
    expect(supervisionDueAt('2024-06-30')).toBe('2024-07-01T00:00:00+08:00');
    expect(supervisionDueAt('2024-12-31')).toBe('2025-01-01T00:00:00+08:00');
    expect(supervisionDueAt('2024-02-28')).toBe('2024-02-29T00:00:00+08:00');
  });

  describe('overdue (逾期): past the due time and not closed by it', () => {
    const s = { dueAt: '2024-07-01T00:00:00+08:00' };
    const cases: [label: string, closedAt: string | null, asOf: string, overdue: boolean][] = [
      ['open, a second before the due time', null, '2024-06-30T23:59:59+08:00', false],
      ['open, at the due time', null, '2024-07-01T00:00:00+08:00', false],
      ['open, a second after the due time', null, '2024-07-01T00:00:01+08:00', true],
      ['open, the same instant in UTC, a second after', null, '2024-06-30T16:00:01Z', true],
      ['closed before the due time, asked after it', '2024-06-20T10:00:00+08:00', '2024-08-01T00:00:00+08:00', false],
      ['closed at the due time', '2024-07-01T00:00:00+08:00', '2024-08-01T00:00:00+08:00', false],
      ['closed after the due time (逾期办结)', '2024-07-03T10:00:00+08:00', '2024-08-01T00:00:00+08:00', true],
      ['closed later, asked before the due time', '2024-07-03T10:00:00+08:00', '2024-06-30T12:00:00+08:00', false],
    ];
    it.each(cases)('%s', (_label, closedAt, asOf, overdue) => expect(isSupervisionOverdue(s, closedAt, asOf)).toBe(overdue));

    it('refuses a time that is not one', () => expect(() => isSupervisionOverdue(s, null, 'soon')).toThrow(RangeError));
  });
});
