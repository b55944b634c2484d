import { Space, Tag, Tooltip } from 'antd';
import { countdown } from '../time/beijing.ts';
import { formatDueAt } from '../time/beijing.ts';

// 'soon' is a dark orange (#ad4e00, white text 6:1): antd's orange tag is 3.3:1 on its own background (axe: color-contrast).
const toneColor = { overdue: 'red', soon: '#ad4e00', normal: 'blue' } as const;

/** 截止时间 in Beijing time with its countdown: red when overdue, orange under 24 hours. */
export function DueTag({ dueAt, now, done }: { dueAt: string; now?: Date | undefined; done?: boolean }) {
  const left = countdown(dueAt, now ?? new Date());
  return (
    <Space size={4} wrap>
      <span>{formatDueAt(dueAt)}</span>
      {!done && (
        <Tag color={toneColor[left.tone]} data-testid="countdown" data-tone={left.tone}>
          {left.text}
        </Tag>
      )}
    </Space>
  );
}

/** A label whose legal basis shows on hover and on keyboard focus. */
export function LegalBasis({ legalBasis, children }: { legalBasis: string; children: React.ReactNode }) {
  return (
    <Tooltip title={`依据：${legalBasis}`} trigger={['hover', 'focus']}>
      <span tabIndex={0} style={{ borderBottom: '1px dashed #999', cursor: 'help' }} aria-description={`依据：${legalBasis}`}>
        {children}
      </span>
    </Tooltip>
  );
}
