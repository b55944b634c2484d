import { ValidationError, type CaseEvent, type HarmFact, type SubjectInput, type ViolationCode } from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import { decideCase, evolveCase, foldCase, initialCaseState, type Case, type CaseCommand, type CaseState } from './caseDecider.ts';
import { finesOf } from './caseFines.ts';
import { caseWarningFactsOf, warningDetailsFor, warningsFor } from './caseWarnings.ts';

// A case run through the decider itself, command by command: the warnings are read from the state
// each step leaves, so "from the decision on" is checked on the decider's own events.

const caseId = 'c-warn';
const actor = { userId: 'u-1', name: '王执法', agencyId: 'amr-650100', roles: ['officer', 'supervisor'] };
const at = (day: number) => `2025-03-${String(day).padStart(2, '0')}T09:30:00+08:00`;
const person: SubjectInput = { kind: 'PERSON', name: '张某', idNumber: '11010519491231002X' };
const organisation: SubjectInput = { kind: 'ORGANIZATION', name: '某某医药有限公司', creditCode: '91650102MA79B1NX4U' };

const run = (state: CaseState, command: CaseCommand): CaseState =>
  decideCase(command, state).reduce(evolveCase, state);

interface Scenario {
  subject?: SubjectInput;
  violations: ViolationCode[];
  amountInvolvedFen?: number;
  unsoldGoodsValueFen?: number;
  illegalGainsFen?: number;
  harmFacts?: HarmFact[];
  fineFen?: number;
}

/** Registered, filed, evidence (with the facts it states), and the state just before the penalty. */
const investigated = (s: Scenario): CaseState => {
  const steps: CaseCommand[] = [
    {
      type: 'RegisterCase',
      caseId,
      at: at(1),
      actor,
      number: '乌市监立〔2025〕101号',
      agencyId: 'amr-650100',
      subject: s.subject ?? organisation,
      source: 'INSPECTION',
      summary: '监督检查发现违法经营药品',
      violations: s.violations,
      ...(s.amountInvolvedFen !== undefined ? { amountInvolvedFen: s.amountInvolvedFen } : {}),
    },
    { type: 'FileCase', caseId, at: at(2), actor },
    {
      type: 'RecordEvidence',
      caseId,
      at: at(3),
      actor,
      kind: 'ON_SITE_RECORD',
      title: '现场检查笔录及库存清点',
      ...(s.unsoldGoodsValueFen !== undefined ? { unsoldGoodsValueFen: s.unsoldGoodsValueFen } : {}),
      ...(s.illegalGainsFen !== undefined ? { illegalGainsFen: s.illegalGainsFen } : {}),
      ...(s.harmFacts ? { harmFacts: s.harmFacts } : {}),
    },
  ];
  return steps.reduce(run, initialCaseState);
};

const decide = (state: CaseState, fineFen = 2_000_000): CaseState =>
  run(state, {
    type: 'DecidePenalty',
    caseId,
    at: at(10),
    actor,
    decisionNumber: '乌市监处罚〔2025〕033号',
    penalties: [
      { kind: 'FINE', amountFen: fineFen },
      { kind: 'CONFISCATION', amountFen: 500_000, description: '没收违法所得' },
    ],
    personsResponsible: [],
    priorViolationsInWindow: 0,
  });

const transferToPolice = (state: CaseState, day = 12): CaseState =>
  run(state, {
    type: 'MarkTransferred',
    caseId,
    at: at(day),
    actor,
    transferId: 't-1',
    kind: 'CRIMINAL',
    toAgencyId: 'psb-650100',
    transferredAt: at(day),
  });

const details = (state: CaseState) => warningDetailsFor(caseWarningFactsOf(state as Case));
const codes = (state: CaseState) => warningsFor(caseWarningFactsOf(state as Case));

describe('以罚代刑 is checked when the penalty is decided', () => {
  it('warns from the decision on, before and after closing, until a criminal transfer', () => {
    const before = investigated({ violations: ['COUNTERFEIT_DRUG'], amountInvolvedFen: 1_000 });
    expect(codes(before)).toEqual([]); // nothing decided yet: no penalty instead of a transfer
    const decided = decide(before);
    expect(decided.status).toBe('PENALTY_DECIDED');
    expect(codes(decided)).toEqual(['PENALTY_INSTEAD_OF_TRANSFER']);
    const closed = run(decided, { type: 'CloseCase', caseId, at: at(11), actor });
    expect(codes(closed)).toEqual(['PENALTY_INSTEAD_OF_TRANSFER']);
    expect(codes(transferToPolice(decided))).toEqual([]);
    expect(codes(transferToPolice(closed, 15))).toEqual([]); // a crime found after closing (Decree art. 11)
  });

  it('names the rule and its source', () => {
    const [detail, ...rest] = details(decide(investigated({ violations: ['COUNTERFEIT_DRUG'] })));
    expect(rest).toEqual([]);
    expect(detail).toMatchObject({
      code: 'PENALTY_INSTEAD_OF_TRANSFER',
      label: '以罚代刑',
      ruleId: 'COUNTERFEIT_DRUG.CONDUCT',
    });
    expect(detail!.rule).toMatch(/^生产、销售、提供假药罪：/);
    expect(detail!.legalBasis).toContain('《刑法》第一百四十一条');
    expect(detail!.legalBasis).toContain('高检发释字〔2022〕1号');
    expect(detail!.legalBasis).toContain('《行政执法机关移送涉嫌犯罪案件的规定》');
  });
});

describe('thresholds by subject kind: 非法经营', () => {
  const trade = (subject: SubjectInput, amountInvolvedFen: number) =>
    details(decide(investigated({ subject, violations: ['UNLICENSED_DRUG_TRADE'], amountInvolvedFen }))).map((d) => d.ruleId);

  it('a person from 50 000 yuan', () => {
    expect(trade(person, 4_999_999)).toEqual([]);
    expect(trade(person, 5_000_000)).toEqual(['UNLICENSED_DRUG_TRADE.PERSON.AMOUNT_INVOLVED']);
  });

  it('an organisation at 60 000 yuan is not warned; at 500 000 yuan it is', () => {
    expect(trade(organisation, 6_000_000)).toEqual([]);
    expect(trade(organisation, 50_000_000)).toEqual(['UNLICENSED_DRUG_TRADE.ORGANIZATION.AMOUNT_INVOLVED']);
  });

  it('or by the illegal gains the evidence states: 10 000 yuan for a person, 100 000 yuan for an organisation', () => {
    const gains = (subject: SubjectInput, illegalGainsFen: number) =>
      details(decide(investigated({ subject, violations: ['UNLICENSED_DRUG_TRADE'], amountInvolvedFen: 100, illegalGainsFen }))).map((d) => d.ruleId);
    expect(gains(person, 1_000_000)).toEqual(['UNLICENSED_DRUG_TRADE.PERSON.ILLEGAL_GAINS']);
    expect(gains(organisation, 1_000_000)).toEqual([]);
    expect(gains(organisation, 10_000_000)).toEqual(['UNLICENSED_DRUG_TRADE.ORGANIZATION.ILLEGAL_GAINS']);
  });
});

describe('the 货值 of goods not yet sold', () => {
  it('unsold 劣药 worth 150 000 yuan warn although nothing was sold', () => {
    const state = investigated({ violations: ['SUBSTANDARD_DRUG'], unsoldGoodsValueFen: 15_000_000 });
    expect((state as Case).unsoldGoodsValueFen).toBe(15_000_000);
    expect(details(decide(state)).map((d) => d.ruleId)).toEqual(['SUBSTANDARD_DRUG.UNSOLD_GOODS_VALUE']);
    expect(codes(decide(investigated({ violations: ['SUBSTANDARD_DRUG'], unsoldGoodsValueFen: 14_999_999 })))).toEqual([]);
  });

  it('a later evidence item stating a value replaces the earlier one', () => {
    const first = investigated({ violations: ['SUBSTANDARD_DRUG'], unsoldGoodsValueFen: 20_000_000 });
    const appraised = run(first, {
      type: 'RecordEvidence',
      caseId,
      at: at(4),
      actor,
      kind: 'DOCUMENT',
      title: '价格认定结论书',
      unsoldGoodsValueFen: 10_000_000,
    });
    expect((appraised as Case).unsoldGoodsValueFen).toBe(10_000_000);
    expect(codes(decide(appraised))).toEqual([]);
    // evidence that states no value keeps the last stated one
    const photo = run(first, { type: 'RecordEvidence', caseId, at: at(4), actor, kind: 'PHOTO', title: '库存照片' });
    expect((photo as Case).unsoldGoodsValueFen).toBe(20_000_000);
  });
});

describe('harm facts', () => {
  it('劣药 with 严重危害 recorded warns whatever the amount; without it a small sale does not', () => {
    const harmed = decide(investigated({ violations: ['SUBSTANDARD_DRUG'], amountInvolvedFen: 30_000, harmFacts: ['SERIOUS_HEALTH_HARM'] }));
    expect((harmed as Case).harmFacts).toEqual(['SERIOUS_HEALTH_HARM']);
    const [detail] = details(harmed);
    expect(detail).toMatchObject({ ruleId: 'SUBSTANDARD_DRUG.HARM_FACT' });
    expect(detail!.rule).toContain('生产、销售、提供劣药罪');
    expect(detail!.legalBasis).toContain('《刑法》第一百四十二条');
    expect(codes(decide(investigated({ violations: ['SUBSTANDARD_DRUG'], amountInvolvedFen: 30_000 })))).toEqual([]);
  });

  it('the evidence event carries the facts only when stated, so older consumers see the same event', () => {
    const state = foldCase([]);
    const events = [
      ...decideCase(
        {
          type: 'RegisterCase',
          caseId,
          at: at(1),
          actor,
          number: 'N1',
          agencyId: 'amr-650100',
          subject: person,
          source: 'INSPECTION',
          summary: '摘要',
          violations: ['SUBSTANDARD_DRUG'],
        },
        state,
      ),
    ];
    const registered = foldCase(events);
    const plain = decideCase({ type: 'RecordEvidence', caseId, at: at(2), actor, kind: 'PHOTO', title: '照片' }, registered);
    expect(Object.keys(plain[0]!.data).sort()).toEqual(['caseId', 'description', 'evidenceId', 'kind', 'recordedAt', 'title']);
    const stated = decideCase(
      { type: 'RecordEvidence', caseId, at: at(2), actor, kind: 'PHOTO', title: '照片', harmFacts: ['SERIOUS_HEALTH_HARM'], unsoldGoodsValueFen: 0 },
      registered,
    ) as Extract<CaseEvent, { type: 'EvidenceRecorded' }>[];
    expect(stated[0]!.data).toMatchObject({ harmFacts: ['SERIOUS_HEALTH_HARM'], unsoldGoodsValueFen: 0 });
  });

  it('refuses a harm fact listed twice or an unknown one, naming the field', () => {
    const registered = investigated({ violations: ['SUBSTANDARD_DRUG'] });
    const record = (harmFacts: unknown) => () =>
      decideCase(
        { type: 'RecordEvidence', caseId, at: at(4), actor, kind: 'PHOTO', title: '照片', harmFacts: harmFacts as HarmFact[] },
        registered,
      );
    expect(record(['SERIOUS_HEALTH_HARM', 'SERIOUS_HEALTH_HARM'])).toThrow(ValidationError);
    expect(record(['MINOR_HARM'])).toThrow(ValidationError);
    expect(record(['SERIOUS_HEALTH_HARM', 'SERIOUS_HEALTH_HARM'])).toThrow(/harmFacts\.1: SERIOUS_HEALTH_HARM 重复填写/);
  });
});

describe('假药 at any amount', () => {
  it('warns with no amount and with one fen', () => {
    expect(codes(decide(investigated({ violations: ['COUNTERFEIT_DRUG'] })))).toEqual(['PENALTY_INSTEAD_OF_TRANSFER']);
    expect(codes(decide(investigated({ violations: ['COUNTERFEIT_DRUG'], amountInvolvedFen: 1 })))).toEqual(['PENALTY_INSTEAD_OF_TRANSFER']);
  });
});

describe('fines offset against a criminal fine (《行政处罚法》第三十五条)', () => {
  it('totals the fines decided, confiscation not counted, and offers them for offset once the case went to police', () => {
    const investigatedCase = investigated({ violations: ['COUNTERFEIT_DRUG'] });
    expect(finesOf(investigatedCase as Case)).toEqual({ finesDecidedFen: 0, offsettableFineFen: null });
    const decided = decide(investigatedCase, 3_000_000);
    expect(finesOf(decided as Case)).toEqual({ finesDecidedFen: 3_000_000, offsettableFineFen: null });
    expect(finesOf(transferToPolice(decided) as Case)).toEqual({ finesDecidedFen: 3_000_000, offsettableFineFen: 3_000_000 });
  });
});
