/**
 * Fixtures and the given-when-then helper shared by the transfer specs (not part of the public API).
 */
import { InvalidTransitionError, TransferEvent, XianjieError } from '@xianjie/contracts';
import type { Actor, AgencyRef, TransferEventOf, TransferFactType, TransferProposed } from '@xianjie/contracts';
import { expect } from 'vitest';
import type { Decider } from '../decider.ts';
import { fold } from '../decider.ts';
import type { TransferState } from './transferState.ts';

export const agencies = {
  amr: { id: 'amr-650100', kind: 'MARKET_REGULATION', regionCode: '650100' },
  amrOther: { id: 'amr-650200', kind: 'MARKET_REGULATION', regionCode: '650200' },
  health: { id: 'health-650100', kind: 'HEALTH', regionCode: '650100' },
  mi: { id: 'mi-650100', kind: 'MEDICAL_INSURANCE', regionCode: '650100' },
  police: { id: 'police-650100', kind: 'POLICE', regionCode: '650100' },
  policeDistrict: { id: 'police-650102', kind: 'POLICE', regionCode: '650102' },
  cdi: { id: 'cdi-650100', kind: 'DISCIPLINE_INSPECTION', regionCode: '650100' },
} as const satisfies Record<string, AgencyRef>;

/** An officer and supervisor who is also the agency's head (正职负责人): may do every step of its side. */
export const actorOf = (agency: AgencyRef, name = '张某某'): Actor => ({
  userId: `u-${agency.id}`,
  name,
  agencyId: agency.id,
  roles: ['officer', 'supervisor'],
  capacity: 'HEAD',
});

/** A supervisor who is not the head (副职, no capacity): may not decide on a criminal transfer. */
export const deputyOf = (agency: AgencyRef, name = '王副局长'): Actor => ({
  userId: `u-${agency.id}-deputy`,
  name,
  agencyId: agency.id,
  roles: ['supervisor'],
});

/** The 专案组 of a proposal by `actorOf(agency)`: the proposer and a second officer (Decree art. 5). */
export const caseTeamOf = (agency: AgencyRef) => [
  { userId: `u-${agency.id}`, name: '张某某' },
  { userId: `u-${agency.id}-officer2`, name: '李某某' },
];

export const transferId = 't-001';

/** `YYYY-MM-DDTHH:mm` in Beijing time as ISO with offset. */
export const bj = (local: string): string => `${local}:00+08:00`;

export const criminalMaterials = [
  { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
  { kind: 'INVESTIGATION_REPORT', title: '涉嫌犯罪案件情况的调查报告' },
  { kind: 'SEIZED_ITEMS_LIST', title: '涉案物品清单' },
  { kind: 'TEST_REPORT', title: '药品检验报告书' },
] as const;

type Data<T extends TransferFactType> = TransferEventOf<T>['data'];
type Event<T extends TransferFactType> = TransferEventOf<T>;

export const proposedFact = (overrides: Partial<TransferProposed> = {}): Event<'TransferProposed'> => ({
  type: 'TransferProposed',
  data: {
    transferId,
    caseId: 'c-001',
    kind: 'CRIMINAL',
    fromAgency: agencies.amr,
    toAgency: agencies.police,
    reason: '医院制剂室无证配制药品，涉嫌妨害药品管理罪',
    materials: [...criminalMaterials],
    official: null,
    absentMaterials: [],
    seizedProperty: false,
    caseTeam: caseTeamOf(agencies.amr),
    proposedAt: bj('2025-04-28T09:00'),
    ...overrides,
  },
});

export const approvedFact = (
  proposed: Event<'TransferProposed'>,
  approvedAt: string,
  copiedToProcuratorate = proposed.data.kind === 'CRIMINAL',
): Event<'TransferApproved'> => ({
  type: 'TransferApproved',
  data: {
    ...proposed.data,
    approvalNote: null,
    approverCapacity: 'HEAD',
    propertyHandOver: null,
    partyNotice: null,
    copiedToProcuratorate,
    approvedAt,
    sentAt: approvedAt,
  },
});

export const receiptFact = (
  approved: Event<'TransferApproved'>,
  receivedAt: string,
  toAgency: AgencyRef = approved.data.toAgency,
): Event<'TransferReceiptSigned'> => {
  const { proposedAt: _p, approvalNote: _n, approvedAt: _a, approverCapacity: _c, ...data } = approved.data;
  return { type: 'TransferReceiptSigned', data: { ...data, toAgency, receivedAt } };
};

export const fact = <T extends TransferFactType>(type: T, data: Data<T>): Event<T> =>
  ({ type, data }) as unknown as Event<T>;

/** A fact as the other side notes it. */
export const noted = (event: TransferEvent, notedType: string, notedAt: string): TransferEvent =>
  ({ type: notedType, data: { ...event.data, notedAt } }) as TransferEvent;

/** The InvalidTransitionError a decider throws. */
export const refused = (command: string, reason: string, status: string) =>
  new InvalidTransitionError(command, `${reason}; it is ${status}`, status);

/** given(events).when(command).then(expected events | expected error) for a transfer decider. */
export const givenFor =
  <C>(decider: Decider<C, TransferState, TransferEvent>) =>
  (events: readonly TransferEvent[]) => ({
    when: (command: C) => ({
      then: (expected: TransferEvent[] | Error | { errorLike: abstract new (...args: never[]) => Error; matches: RegExp }) => {
        const state = fold(decider, events);
        const before = structuredClone(state);
        let produced: TransferEvent[] | undefined;
        let thrown: unknown;
        try {
          produced = decider.decide(command, state);
        } catch (error) {
          thrown = error;
        }
        expect(state, 'decide must not change the state').toEqual(before);
        if (Array.isArray(expected)) {
          if (thrown) throw thrown;
          expect(produced).toEqual(expected);
          // every event the decider emits is a valid contract event, and folds
          for (const event of produced ?? []) expect(TransferEvent.parse(event)).toEqual(event);
          fold(decider, [...events, ...(produced ?? [])]);
          return;
        }
        expect(produced, 'the command should have been refused').toBeUndefined();
        if (expected instanceof Error) {
          expect(thrown).toBeInstanceOf(expected.constructor);
          expect((thrown as Error).message).toBe(expected.message);
          if (expected instanceof XianjieError) expect((thrown as XianjieError).details).toEqual(expected.details);
        } else {
          expect(thrown).toBeInstanceOf(expected.errorLike);
          expect((thrown as Error).message).toMatch(expected.matches);
        }
      },
    }),
  });
