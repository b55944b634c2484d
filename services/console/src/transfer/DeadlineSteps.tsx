import { Space, Steps, Tag } from 'antd';
import { DueTag, LegalBasis } from '../components/DueTag.tsx';
import { deadlineObligationLabels, deadlineStatusLabels, label, transferPartyLabels } from '../i18n/dictionary.ts';
import { formatDateTime } from '../time/beijing.ts';
import type { TransferDetail } from './TransferActions.tsx';

const stepStatus = { MET: 'finish', OVERDUE: 'error', PENDING: 'process', LAPSED: 'wait' } as const;

/** The transfer's steps (期限) in order: done with its time, due with a countdown, overdue in red. */
export function DeadlineSteps({ deadlines, now }: { deadlines: TransferDetail['deadlines']; now: Date | undefined }) {
  return (
    <Steps
      orientation="vertical"
      size="small"
      // The first step not yet met is the current one (each item also carries its own status).
      current={Math.max(0, deadlines.findIndex((deadline) => !deadline.metAt))}
      data-testid="deadline-steps"
      items={deadlines.map((deadline) => ({
        status: stepStatus[deadline.status as keyof typeof stepStatus] ?? 'wait',
        title: (
          <Space size={4} wrap data-testid={`deadline-${deadline.step}`} data-status={deadline.status}>
            <LegalBasis legalBasis={deadline.legalBasis}>{deadline.label}</LegalBasis>
            <Tag>{label(transferPartyLabels, deadline.party)}</Tag>
            {deadline.obligation !== 'DUTY' && <Tag>{label(deadlineObligationLabels, deadline.obligation)}</Tag>}
          </Space>
        ),
        content: deadline.metAt ? (
          <span>
            完成于 {formatDateTime(deadline.metAt)}
            {deadline.metLate && (
              <Tag color="#ad4e00" style={{ marginInlineStart: 6 }}>
                逾期完成
              </Tag>
            )}
          </span>
        ) : (
          <Space orientation="vertical" size={0}>
            <span>
              截止 <DueTag dueAt={deadline.dueAt} now={now} done={deadline.status === 'LAPSED'} />
            </span>
            {deadline.status === 'LAPSED' && <Tag>{label(deadlineStatusLabels, 'LAPSED')}</Tag>}
            {deadline.extension && (
              <span style={{ fontSize: 12 }}>已延长：{deadline.extension.reason}</span>
            )}
          </Space>
        ),
      }))}
    />
  );
}
