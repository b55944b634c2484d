import { HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { formatDateTime } from '../time/beijing.ts';

/**
 * 时点查询 (time travel): the page re-reads its record as of a past time. The chosen time lives in
 * the URL (`?asOf=2025-05-01T09:00:00+08:00`) so a past view can be shared and reloaded; in a past
 * view every action is hidden (the past cannot be changed).
 */
export const useAsOf = () => {
  const [params, setParams] = useSearchParams();
  const raw = params.get('asOf');
  const asOf = raw && !Number.isNaN(new Date(raw).getTime()) ? raw : null;
  const setAsOf = useCallback(
    (value: string | null) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set('asOf', value);
          else next.delete('asOf');
          return next;
        },
        { replace: false },
      ),
    [setParams],
  );
  return { asOf, setAsOf, isPast: asOf !== null };
};

/** The banner of a past view: 历史视图：2025年5月1日 09:00 的状态, with 回到现在. */
export function PastViewBanner() {
  const { asOf, setAsOf } = useAsOf();
  if (!asOf) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<HistoryOutlined />}
      data-testid="past-view-banner"
      style={{ marginBottom: 16 }}
      title={
        <Space wrap>
          <strong>历史视图：{formatDateTime(asOf)} 的状态</strong>
          <span>（北京时间；只读，不能办理）</span>
        </Space>
      }
      action={
        <Button size="small" type="primary" onClick={() => setAsOf(null)} data-testid="back-to-now">
          回到现在
        </Button>
      }
    />
  );
}
