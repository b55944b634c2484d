import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { caseStepMutation } from '../support/caseOperations.ts';
import { eventually } from '../support/eventually.ts';
import { createTransferOperations, criminalMaterials, type TransferOperations } from '../support/transferOperations.ts';

interface WarningDetail {
  code: string;
  label: string;
  ruleId: string;
  rule: string;
  legalBasis: string;
}
interface CaseWarningsView {
  status: string;
  warnings: string[];
  warningDetails: WarningDetail[];
  unsoldGoodsValueFen: number | null;
  harmFacts: { code: string; label: string }[];
  finesDecidedFen: number;
  offsettableFineFen: number | null;
  evidence: { title: string; unsoldGoodsValueFen: number | null; harmFacts: { code: string }[] }[];
}

const caseWarningsQuery = `query($id: ID!) { case(id: $id) {
  status warnings warningDetails { code label ruleId rule legalBasis }
  unsoldGoodsValueFen harmFacts { code label } finesDecidedFen offsettableFineFen
  evidence { title unsoldGoodsValueFen harmFacts { code } } } }`;

const commissionQuery = `{ oversight { penaltyInsteadOfTransfer {
  caseId number decidedAt closedAt unsoldGoodsValueFen harmFacts { code }
  warningDetails { code label ruleId rule legalBasis } } } }`;

/**
 * 以罚代刑 through GraphQL, embedded mode on PGlite: the warning appears when the penalty is decided
 * (before closing), names each rule met and its source, on the case and in the commission's list;
 * an organisation under its own 非法经营 threshold is not warned; a case sent to police afterwards
 * loses the warning and shows its fines as 可折抵罚金.
 */
describe('以罚代刑 warnings with their rule and source (embedded, PGlite)', () => {
  let gw: TestGateway;
  let ops: TransferOperations;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' });
    ops = createTransferOperations(gw.gql);
    for (const user of ['u-amr-650100-officer', 'u-amr-650100-supervisor', 'u-police-650100-officer', 'u-cdi-650000-overseer']) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  const officer = () => t['amr-650100-officer']!;
  const supervisor = () => t['amr-650100-supervisor']!;
  const overseer = () => t['cdi-650000-overseer']!;

  const organisation = { kind: 'ORGANIZATION', name: '乌鲁木齐市某某医药有限公司', creditCode: '91650102MA79B1NX4U' };

  const step = async (name: string, token: string, input: Record<string, unknown>) => {
    const res = await gw.gql<Record<string, { status: string }>>(caseStepMutation(name), { input }, token);
    expect(res.errors, `${name}: ${JSON.stringify(res.errors)}`).toBeUndefined();
    return res.data![name]!;
  };

  const readCase = async (id: string) => {
    const res = await gw.gql<{ case: CaseWarningsView }>(caseWarningsQuery, { id }, officer());
    expect(res.errors).toBeUndefined();
    return res.data!.case;
  };

  let decisions = 0;
  /** Registered, filed, evidence recorded (each item with the facts it states), penalty decided. */
  const decidedCase = async (input: { summary: string; violations: string[]; amountInvolvedFen: number }, evidence: Record<string, unknown>[]) => {
    const c = await ops.registerCase(officer(), { subject: organisation, source: 'INSPECTION', ...input }, supervisor());
    for (const item of evidence) await step('recordEvidence', officer(), { caseId: c.id, ...item });
    const decided = await step('decidePenalty', supervisor(), {
      caseId: c.id,
      decisionNumber: `乌市监药罚〔2026〕${++decisions}号`,
      penalties: [
        { kind: 'FINE', amountFen: 2_000_000 },
        { kind: 'CONFISCATION', amountFen: 300_000, description: '没收违法所得' },
      ],
      personsResponsible: [],
    });
    expect(decided.status).toBe('PENALTY_DECIDED');
    return c;
  };

  let unsoldCase: { id: string; number: string };

  it('warns when the penalty is decided, naming the 货值 rule and the 劣药 harm rule with their sources', async () => {
    // 劣药 sold for 30 000 yuan (under the 50 000 sales threshold), 60 000 yuan of it unsold: 3 × 30 000 + 60 000 = 150 000.
    unsoldCase = await decidedCase({ summary: '销售劣药并库存待售', violations: ['SUBSTANDARD_DRUG'], amountInvolvedFen: 3_000_000 }, [
      { kind: 'ON_SITE_RECORD', title: '现场检查笔录及库存清点', unsoldGoodsValueFen: 6_000_000 },
      { kind: 'SAMPLE_TEST_REPORT', title: '伤情鉴定意见', harmFacts: ['SERIOUS_HEALTH_HARM'] },
    ]);
    const view = await readCase(unsoldCase.id);
    expect(view).toMatchObject({
      status: 'PENALTY_DECIDED', // not closed: the warning holds from the decision on
      warnings: ['PENALTY_INSTEAD_OF_TRANSFER'],
      unsoldGoodsValueFen: 6_000_000,
      harmFacts: [{ code: 'SERIOUS_HEALTH_HARM' }],
      finesDecidedFen: 2_000_000, // the fine only, not the confiscation
      offsettableFineFen: null, // not sent to police
    });
    expect(view.harmFacts[0]!.label).toContain('对人体健康造成严重危害');
    expect(view.evidence.map((e) => [e.title, e.unsoldGoodsValueFen, e.harmFacts.map((f) => f.code)])).toEqual([
      ['现场检查笔录及库存清点', 6_000_000, []],
      ['伤情鉴定意见', null, ['SERIOUS_HEALTH_HARM']],
    ]);
    expect(view.warningDetails.map((d) => [d.code, d.label, d.ruleId])).toEqual([
      ['PENALTY_INSTEAD_OF_TRANSFER', '以罚代刑', 'SUBSTANDARD_DRUG.UNSOLD_GOODS_VALUE'],
      ['PENALTY_INSTEAD_OF_TRANSFER', '以罚代刑', 'SUBSTANDARD_DRUG.HARM_FACT'],
    ]);
    const [goodsValue, harm] = view.warningDetails;
    expect(goodsValue!.rule).toContain('货值金额十五万元以上');
    expect(goodsValue!.legalBasis).toContain('法释〔2001〕10号）第二条第二款');
    expect(goodsValue!.legalBasis).toContain('第十六条第二项、第三项');
    expect(harm!.rule).toMatch(/^生产、销售、提供劣药罪：/);
    expect(harm!.legalBasis).toContain('《刑法》第一百四十二条');
    expect(harm!.legalBasis).toContain('高检发释字〔2022〕1号');
    expect(harm!.legalBasis).not.toContain('法释〔2022〕1号');
  });

  it("lists it in the commission's 以罚代刑 view before the case is closed, with the same rules", async () => {
    const res = await eventually(
      () => gw.gql<{ oversight: { penaltyInsteadOfTransfer: Record<string, unknown>[] } }>(commissionQuery, {}, overseer()),
      (r) => r.data?.oversight.penaltyInsteadOfTransfer.some((w) => w.caseId === unsoldCase.id) ?? false,
    );
    expect(res.errors).toBeUndefined();
    const row = res.data!.oversight.penaltyInsteadOfTransfer.find((w) => w.caseId === unsoldCase.id)!;
    expect(row).toMatchObject({
      number: unsoldCase.number,
      closedAt: null,
      unsoldGoodsValueFen: 6_000_000,
      harmFacts: [{ code: 'SERIOUS_HEALTH_HARM' }],
    });
    expect(row.decidedAt).toEqual(expect.any(String));
    expect((row.warningDetails as WarningDetail[]).map((d) => d.ruleId)).toEqual([
      'SUBSTANDARD_DRUG.UNSOLD_GOODS_VALUE',
      'SUBSTANDARD_DRUG.HARM_FACT',
    ]);
    expect((row.warningDetails as WarningDetail[])[1]!.legalBasis).toContain('高检发释字〔2022〕1号');
  });

  it("applies an organisation's 非法经营 threshold, not a person's", async () => {
    // 60 000 yuan of business and 20 000 yuan of illegal gains: over a person's thresholds, under an organisation's
    const under = await decidedCase(
      { summary: '单位无证经营药品', violations: ['UNLICENSED_DRUG_TRADE'], amountInvolvedFen: 6_000_000 },
      [{ kind: 'DOCUMENT', title: '销售台账', illegalGainsFen: 2_000_000 }],
    );
    // (the same organisation again: REPEAT_OFFENDER is its own warning; only 以罚代刑 is looked at here)
    const penaltyOnly = (v: CaseWarningsView) => v.warningDetails.filter((d) => d.code === 'PENALTY_INSTEAD_OF_TRANSFER');
    expect((await readCase(under.id)).warnings).not.toContain('PENALTY_INSTEAD_OF_TRANSFER');
    expect(penaltyOnly(await readCase(under.id))).toEqual([]);
    const over = await decidedCase(
      { summary: '单位无证经营药品（五十万元）', violations: ['UNLICENSED_DRUG_TRADE'], amountInvolvedFen: 50_000_000 },
      [{ kind: 'DOCUMENT', title: '销售台账' }],
    );
    const [rule, ...others] = penaltyOnly(await readCase(over.id));
    expect(others).toEqual([]);
    expect(rule!.ruleId).toBe('UNLICENSED_DRUG_TRADE.ORGANIZATION.AMOUNT_INVOLVED');
    expect(rule!.rule).toContain('单位非法经营数额50万元以上');
    expect(rule!.legalBasis).toContain('立案追诉标准的规定（二）》（2022年修订）第七十一条');
  });

  it('refuses harm facts it does not know, naming the field', async () => {
    const res = await gw.gql(
      caseStepMutation('recordEvidence'),
      { input: { caseId: unsoldCase.id, kind: 'PHOTO', title: '照片', harmFacts: ['MINOR_HARM'] } },
      officer(),
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('drops the warning once the case goes to police and shows the fines as 可折抵罚金', async () => {
    await ops.send({
      caseId: unsoldCase.id,
      kind: 'CRIMINAL',
      toAgencyId: 'police-650100',
      reason: '销售劣药致人伤害，库存货值达追诉标准，涉嫌生产、销售、提供劣药罪',
      materials: criminalMaterials,
      officer: officer(),
      supervisor: supervisor(),
      receiverToken: t['police-650100-officer']!,
    });
    const view = await eventually(
      () => readCase(unsoldCase.id),
      (v) => v.status === 'TRANSFERRED',
    );
    expect(view).toMatchObject({ warnings: [], warningDetails: [], finesDecidedFen: 2_000_000, offsettableFineFen: 2_000_000 });
    const gone = await eventually(
      () => gw.gql<{ oversight: { penaltyInsteadOfTransfer: { caseId: string }[] } }>(commissionQuery, {}, overseer()),
      (r) => !(r.data?.oversight.penaltyInsteadOfTransfer.some((w) => w.caseId === unsoldCase.id) ?? true),
    );
    expect(gone.errors).toBeUndefined();
  });
});
