import {
  ClueNoticeEvent,
  clueNoticeReplyWindow,
  defaultWorkingCalendar,
  InvalidTransitionError,
  ValidationError,
} from '@xianjie/contracts';
import type { AgencyRef } from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import {
  clueNoticeDueAt,
  decideClueNotice,
  foldClueNotice,
  isClueNoticeOverdue,
} from './clueNoticeDecider.ts';
import type { ClueNotice, ReplyClueNotice, SendClueNotice } from './clueNoticeDecider.ts';

const amr: AgencyRef = { id: 'amr-650100', kind: 'MARKET_REGULATION', regionCode: '650100' };
const police: AgencyRef = { id: 'police-650100', kind: 'POLICE', regionCode: '650100' };
const health: AgencyRef = { id: 'health-650100', kind: 'HEALTH', regionCode: '650100' };
const officer = {
  userId: 'u-amr-650100-officer',
  name: '帕丽旦·热合曼',
  agencyId: amr.id,
  roles: ['officer'],
};
const policeOfficer = {
  userId: 'u-police-650100-officer',
  name: '卡米拉·吾斯曼',
  agencyId: police.id,
  roles: ['officer'],
};

// Wed 2025-04-30 15:00: 05-01..05-05 is the May Day holiday, so the 3 working days are 05-06, 05-07, 05-08.
const sentAt = '2025-04-30T15:00:00+08:00';
const sendCommand: SendClueNotice = {
  type: 'SendClueNotice',
  noticeId: 'n-001',
  at: sentAt,
  actor: officer,
  from: amr,
  to: police,
  caseReference: null,
  facts: '巡查发现某药店无证销售自制中药制剂，疑似有毒有害成分',
  suspectedOffence: '涉嫌生产、销售有毒、有害食品罪',
  window: clueNoticeReplyWindow,
  calendar: defaultWorkingCalendar,
};
const sent = (): ClueNoticeEvent[] => decideClueNotice(sendCommand, { status: 'NONE' });
const replyBy = (at: string, over: Partial<ReplyClueNotice> = {}): ReplyClueNotice => ({
  type: 'ReplyClueNotice',
  noticeId: 'n-001',
  at,
  actor: policeOfficer,
  agencyId: police.id,
  disposition: 'INVESTIGATE',
  reply: '已受理，拟立案侦查',
  ...over,
});

describe('线索通报 (clue notice decider)', () => {
  it('notifies the police without a case reference; the reply is due 24:00 Beijing of the 3rd working day after sending (local rule), May Day skipped', () => {
    const [event] = sent();
    expect(ClueNoticeEvent.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      type: 'ClueNoticeSent',
      data: {
        from: amr,
        to: police,
        caseId: null,
        caseReference: null,
        sentAt,
        dueAt: '2025-05-09T00:00:00+08:00',
        window: { amount: 3, authority: 'LOCAL_RULE' },
      },
    });
    expect(clueNoticeReplyWindow.legalBasis).toContain('地方规则（无法定依据）');
    expect(clueNoticeReplyWindow.legalBasis).toContain('中办发〔2011〕8号');
    // Sent Sun 2025-04-27 (a working day: the May Day 调休) 10:00 → 04-28, 04-29, 04-30 → due 24:00 Wed 04-30.
    expect(clueNoticeDueAt('2025-04-27T10:00:00+08:00', clueNoticeReplyWindow, defaultWorkingCalendar)).toBe(
      '2025-05-01T00:00:00+08:00',
    );
  });

  it('refuses an agency that may not be notified, the sender itself, and blank facts or offence, naming the field in Chinese', () => {
    const refused = (command: SendClueNotice) => {
      try {
        decideClueNotice(command, { status: 'NONE' });
      } catch (error) {
        return error as ValidationError;
      }
      throw new Error('not refused');
    };
    const notPolice = refused({ ...sendCommand, to: health });
    expect(notPolice).toBeInstanceOf(ValidationError);
    expect(notPolice.issues).toEqual([
      { path: 'toAgencyId', message: 'health-650100 为 HEALTH；线索只能通报给 POLICE（公安机关）' },
    ]);
    expect(refused({ ...sendCommand, from: police, to: police }).issues[0]).toMatchObject({
      path: 'toAgencyId',
      message: /通报单位本身/,
    });
    expect(refused({ ...sendCommand, facts: '  ' }).issues).toEqual([
      expect.objectContaining({ path: 'facts', message: '请填写线索事实' }),
    ]);
    expect(refused({ ...sendCommand, suspectedOffence: '' }).issues).toEqual([
      expect.objectContaining({ path: 'suspectedOffence', message: '请填写涉嫌罪名' }),
    ]);
    expect(() => decideClueNotice(sendCommand, foldClueNotice(sent()))).toThrow(InvalidTransitionError);
  });

  it('acknowledging does not stop the clock; overdue after the due time to the second; a reply after it is late', () => {
    const acknowledged = decideClueNotice(
      {
        type: 'AcknowledgeClueNotice',
        noticeId: 'n-001',
        at: '2025-05-06T09:00:00+08:00',
        actor: policeOfficer,
        agencyId: police.id,
      },
      foldClueNotice(sent()),
    );
    expect(acknowledged).toEqual([
      {
        type: 'ClueNoticeAcknowledged',
        data: { noticeId: 'n-001', acknowledgedAt: '2025-05-06T09:00:00+08:00' },
      },
    ]);
    const state = foldClueNotice([...sent(), ...acknowledged]) as ClueNotice;
    expect(state).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedAt: '2025-05-06T09:00:00+08:00' });
    expect(isClueNoticeOverdue(state, '2025-05-09T00:00:00+08:00')).toBe(false);
    expect(isClueNoticeOverdue(state, '2025-05-09T00:00:01+08:00')).toBe(true);
    expect(decideClueNotice(replyBy('2025-05-09T00:00:00+08:00'), state)).toEqual([
      {
        type: 'ClueNoticeReplied',
        data: {
          noticeId: 'n-001',
          disposition: 'INVESTIGATE',
          reply: '已受理，拟立案侦查',
          repliedAt: '2025-05-09T00:00:00+08:00',
          late: false,
        },
      },
    ]);
    const late = decideClueNotice(
      replyBy('2025-05-09T00:00:01+08:00', { disposition: 'MONITOR', reply: '继续关注' }),
      state,
    );
    expect(late[0]).toMatchObject({ data: { late: true, disposition: 'MONITOR' } });
    const replied = foldClueNotice([...sent(), ...acknowledged, ...late]) as ClueNotice;
    expect(replied).toMatchObject({ status: 'REPLIED', disposition: 'MONITOR', late: true });
    expect(isClueNoticeOverdue(replied, '2025-06-01T00:00:00+08:00')).toBe(false);
  });

  it('a reply without 签收 acknowledges at the same moment; only the notified agency acts, and replies once', () => {
    const state = foldClueNotice(sent());
    expect(() =>
      decideClueNotice(replyBy('2025-05-06T10:00:00+08:00', { actor: officer, agencyId: amr.id }), state),
    ).toThrow(InvalidTransitionError);
    const events = decideClueNotice(
      replyBy('2025-05-06T10:00:00+08:00', {
        disposition: 'NOT_IN_JURISDICTION',
        reply: '不属于本局管辖，建议通报铁路公安',
      }),
      state,
    );
    expect(events.map((e) => e.type)).toEqual(['ClueNoticeAcknowledged', 'ClueNoticeReplied']);
    const replied = foldClueNotice([...sent(), ...events]);
    expect(replied).toMatchObject({ status: 'REPLIED', acknowledgedAt: '2025-05-06T10:00:00+08:00' });
    expect(() => decideClueNotice(replyBy('2025-05-07T10:00:00+08:00'), replied)).toThrow(
      /已于 2025-05-06T10:00:00\+08:00 反馈/,
    );
    expect(() =>
      decideClueNotice(
        {
          type: 'AcknowledgeClueNotice',
          noticeId: 'n-001',
          at: '2025-05-07T10:00:00+08:00',
          actor: policeOfficer,
          agencyId: police.id,
        },
        replied,
      ),
    ).toThrow(InvalidTransitionError);
  });
});
