import { describe, expect, it } from 'vitest';
import { integrationEventNamed, integrationEvents } from './integrationEvents.ts';
import {
  DecideReconsiderationInput,
  DeclineTransferInput,
  ExplainNonFilingInput,
  factOf,
  ProposeTransferInput,
  RecordProcuratorateFilingOrderInput,
  RecordProcuratorateInquiryInput,
  TransferEvent,
  transferReceiverStreamId,
  transferStreamId,
} from './transfer.ts';
import { fieldIssues } from './validation.ts';

const issuesOf = (result: { success: boolean; error?: Parameters<typeof fieldIssues>[0] }) =>
  result.success ? [] : fieldIssues(result.error!);

const proposal = {
  caseId: 'c-1',
  kind: 'CRIMINAL',
  toAgencyId: 'police-650100',
  reason: '涉嫌犯罪',
  materials: [{ kind: 'TRANSFER_LETTER', title: '移送书' }],
};

describe('transfer inputs', () => {
  it('name the path of every bad field', () => {
    expect(issuesOf(ProposeTransferInput.safeParse({ ...proposal, materials: [], reason: '' }))).toEqual([
      { path: 'reason', message: 'a reason for the transfer is required' },
      { path: 'materials', message: '至少列出一项材料' },
    ]);
    expect(issuesOf(ProposeTransferInput.safeParse({ ...proposal, materials: [{ kind: 'LETTER', title: '' }] })).map((i) => i.path)).toEqual([
      'materials.0.kind',
      'materials.0.title',
    ]);
  });

  it('require the official for a DISCIPLINARY clue and refuse one elsewhere', () => {
    expect(issuesOf(ProposeTransferInput.safeParse({ ...proposal, kind: 'DISCIPLINARY' }))).toEqual([
      { path: 'official', message: '行纪移送须写明公职人员的姓名、职务和工作单位' },
    ]);
    const official = { name: '赵某', post: '科长', employer: '某局', allegations: ['CORRUPTION'] };
    expect(issuesOf(ProposeTransferInput.safeParse({ ...proposal, official }))).toEqual([
      { path: 'official', message: '只有行纪移送才涉及公职人员' },
    ]);
    expect(issuesOf(ProposeTransferInput.safeParse({ ...proposal, kind: 'DISCIPLINARY', official: { ...official, allegations: ['INSURANCE_FRAUD'] } }))[0]?.path).toBe(
      'official.allegations.0',
    );
  });

  it('require reasons for a decline and for upholding it on reconsideration', () => {
    expect(issuesOf(DeclineTransferInput.safeParse({ transferId: 't', reasonCategory: 'NO_OFFENCE', reason: ' ' }))).toEqual([
      { path: 'reason', message: 'a reason is required when a transfer is declined' },
    ]);
    expect(issuesOf(DecideReconsiderationInput.safeParse({ transferId: 't', accept: false }))).toEqual([
      { path: 'reason', message: '复议维持不予立案的，须说明理由' },
    ]);
    expect(DecideReconsiderationInput.safeParse({ transferId: 't', accept: true }).success).toBe(true);
  });
});

describe('transfer events', () => {
  it('parse noted events and map them to the fact they carry', () => {
    const data = { transferId: 't', agencyId: 'police-650100', documentNumber: null, reason: null, acceptedAt: '2025-04-30T11:00:00+08:00' };
    const event = TransferEvent.parse({ type: 'AcceptanceNoted', data: { ...data, notedAt: '2025-04-30T11:01:00+08:00' } });
    expect(factOf(event)).toEqual({ type: 'TransferAccepted', data });
    expect(TransferEvent.safeParse({ type: 'AcceptanceNoted', data }).success).toBe(false);
  });

  it('立案监督: the police record the procuratorate’s notices with their numbers, and explain in writing', () => {
    expect(RecordProcuratorateInquiryInput.safeParse({ transferId: 't', documentNumber: ' 乌检侦监要说〔2025〕9号 ' }).data?.documentNumber).toBe(
      '乌检侦监要说〔2025〕9号',
    );
    expect(RecordProcuratorateInquiryInput.safeParse({ transferId: 't' }).error?.issues[0]).toMatchObject({
      path: ['documentNumber'],
      message: 'the number of the procuratorate’s notice (要求说明不立案理由通知书文号) is required',
    });
    expect(RecordProcuratorateFilingOrderInput.safeParse({ transferId: 't', documentNumber: ' ' }).error?.issues[0]?.path).toEqual([
      'documentNumber',
    ]);
    expect(ExplainNonFilingInput.safeParse({ transferId: 't', explanation: '' }).error?.issues[0]?.path).toEqual(['explanation']);
    // a document, not a reason: the inputs take no reason
    expect('reason' in RecordProcuratorateInquiryInput.shape).toBe(false);
    const inquiry = { transferId: 't', agencyId: 'police-650100', documentNumber: '乌检侦监要说〔2025〕9号', receivedAt: '2025-11-17T10:15:00+08:00' };
    const event = TransferEvent.parse({ type: 'ProcuratorateInquiryNoted', data: { ...inquiry, notedAt: '2025-11-17T10:16:00+08:00' } });
    expect(factOf(event)).toEqual({ type: 'ProcuratorateInquiryRecorded', data: inquiry });
  });

  it('live on two streams of one transfer id', () => {
    expect(transferStreamId('t-1')).toBe('transfer-out-t-1');
    expect(transferReceiverStreamId('t-1')).toBe('transfer-in-t-1');
  });

  it('publish the facts the other party needs, on the transfer category', () => {
    const names = integrationEvents.filter((e) => e.streamCategory === 'transfer').map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'xianjie.transfer.sent.v1',
        'xianjie.transfer.receipt-signed.v1',
        'xianjie.transfer.accepted.v1',
        'xianjie.transfer.declined.v1',
        'xianjie.transfer.returned.v1',
        'xianjie.transfer.reconsideration-requested.v1',
        'xianjie.transfer.reconsideration-decided.v1',
        'xianjie.transfer.result-recorded.v1',
        'xianjie.transfer.procuratorate-inquiry-recorded.v1',
        'xianjie.transfer.non-filing-explained.v1',
        'xianjie.transfer.procuratorate-filing-order-recorded.v1',
        // the procuratorate's notices (立案监督), on the transfer topic keyed by the transfer id
        'xianjie.transfer.non-filing-explanation-requested.v1',
        'xianjie.transfer.non-filing-reasons-upheld.v1',
        'xianjie.transfer.filing-notice-issued.v1',
      ]),
    );
    expect(names).toHaveLength(22);
    expect(integrationEventNamed('xianjie.transfer.sent.v1')?.eventType).toBe('TransferApproved');
    expect(integrationEvents.some((e) => e.eventType === 'TransferProposed' || e.eventType === 'TransferRefused')).toBe(false);
  });
});

describe('conditional materials, seized property and the 专案组 on the proposal', () => {
  it('name the field of an absent material without a reason, listed twice, or also sent', () => {
    expect(
      issuesOf(
        ProposeTransferInput.safeParse({
          ...proposal,
          absentMaterials: [
            { kind: 'TEST_REPORT', reason: '' },
            { kind: 'TRANSFER_LETTER', reason: '无' },
            { kind: 'TEST_REPORT', reason: '无' },
          ],
        }),
      ),
    ).toEqual([
      { path: 'absentMaterials.0.reason', message: '缺少该材料的理由必填：说明本案为何没有此项材料（reason）' },
      { path: 'absentMaterials.1.kind', message: '移送书（TRANSFER_LETTER）已在移送材料中，不能同时列为缺少' },
      { path: 'absentMaterials.2.kind', message: '检验报告/鉴定结论（TEST_REPORT）列了两次' },
    ]);
  });

  it('refuse a seized-property declaration with the items list absent, and a team member named twice', () => {
    expect(
      issuesOf(
        ProposeTransferInput.safeParse({
          ...proposal,
          seizedProperty: true,
          absentMaterials: [{ kind: 'SEIZED_ITEMS_LIST', reason: '无' }],
          caseTeam: [
            { userId: 'u-1', name: '甲' },
            { userId: 'u-1', name: '甲' },
          ],
        }),
      ),
    ).toEqual([
      { path: 'seizedProperty', message: '申报有查封、扣押财物的，涉案物品清单必须随案移送，不能列为缺少' },
      { path: 'caseTeam.1.userId', message: '专案组成员 u-1 列了两次' },
    ]);
  });
});
