import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { createTransferOperations, criminalMaterials, deadlineOf, type TransferOperations } from '../support/transferOperations.ts';

/**
 * A province's local rules (地方规则, decision 0014) loaded at start-up with XIANJIE_LOCAL_RULES_FILE
 * set the windows no statute fixes: here the police's receipt of a 行刑 transfer, 12 hours instead
 * of the platform's default 24. The statutory windows stay as the law has them.
 */
describe('local rules per province (embedded, PGlite, test clock)', () => {
  let gw: TestGateway;
  let ops: TransferOperations;
  let clock = '2025-11-03T09:00:00+08:00';

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xianjie-local-rules-e2e-')), 'rules.json');
    writeFileSync(
      file,
      JSON.stringify({
        province: '650000',
        source: '测试用地方规定',
        windows: [{ kind: 'CRIMINAL', step: 'signReceipt', amount: 12, unit: 'hours', legalBasis: '第十条（十二小时内签收）' }],
      }),
    );
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none', XIANJIE_LOCAL_RULES_FILE: file }, { now: () => clock });
    ops = createTransferOperations(gw.gql);
  }, 60_000);
  afterAll(async () => gw?.close());

  it("counts the police's receipt by the province's rule, from the next full hour, and names the rule", async () => {
    const officer = await gw.tokenFor('u-amr-650100-officer');
    const supervisor = await gw.tokenFor('u-amr-650100-supervisor');
    const police = await gw.tokenFor('u-police-650100-officer');
    const c = await ops.registerCase(
      officer,
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
        source: 'INSPECTION',
        summary: '地方规则测试',
        violations: ['UNLICENSED_COMPOUNDING'],
      },
      supervisor,
    );
    const sent = await ops.send({
      caseId: c.id,
      kind: 'CRIMINAL',
      toAgencyId: 'police-650100',
      reason: '地方规则测试',
      materials: criminalMaterials,
      officer,
      supervisor,
      receiverToken: police,
      beforeApproval: () => void (clock = '2025-11-03T15:27:42+08:00'),
    });
    const receipt = deadlineOf(sent.deadlines, 'signReceipt');
    expect(Date.parse(receipt.dueAt)).toBe(Date.parse('2025-11-04T04:00:00+08:00'));
    expect(receipt.legalBasis).toBe('地方规则：第十条（十二小时内签收）（测试用地方规定）');
    clock = '2025-11-03T16:00:00+08:00';
    const received = await ops.act('receiveTransfer', { transferId: sent.id }, police);
    // The statutory 3 days of 公安规定第一百八十条 are not a local rule: 24:00 of 11-06.
    expect(Date.parse(deadlineOf(received.deadlines, 'decide').dueAt)).toBe(Date.parse('2025-11-07T00:00:00+08:00'));
  });
});
