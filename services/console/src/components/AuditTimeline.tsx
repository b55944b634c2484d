import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Spin, Tag, Timeline, Tooltip } from 'antd';
import { useState } from 'react';
import { gql } from '../api/client.ts';
import { graphql } from '../gql/index.ts';
import { errorCodeOf } from '../api/apiError.ts';
import { actorLabel, errorMessage, eventTypeLabels, label } from '../i18n/dictionary.ts';
import { formatDateTime, formatNumber } from '../time/beijing.ts';

const auditTrailQuery = graphql(`
  query AuditTrail($streamId: String!) {
    auditTrail(streamId: $streamId) {
      streamId
      verification {
        valid
        checked
        brokenAt
        reason
      }
      events {
        type
        version
        occurredAt
        recordedAt
        hash
        hashAlgorithm
        actor {
          userId
          name
          roles
        }
      }
    }
  }
`);

const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;

/**
 * 留痕: the stream's events (who, what, when in Beijing time, the chain) and 校验链, the server's
 * recomputation of the hash chain. A hash withheld (the reader does not see every earlier event in
 * full) shows as 对您隐去. In a past view only the events up to that time are listed.
 */
export function AuditTimeline({ streamId, asOf }: { streamId: string; asOf: string | null }) {
  const [showVerification, setShowVerification] = useState(false);
  const trail = useQuery({ queryKey: ['auditTrail', streamId], queryFn: async () => (await gql(auditTrailQuery, { streamId })).auditTrail });
  const events = (trail.data?.events ?? []).filter((event) => !asOf || new Date(event.occurredAt) <= new Date(asOf));
  const verification = trail.data?.verification;
  return (
    <Card
      size="small"
      title="办理记录（留痕）"
      extra={
        <Button
          size="small"
          icon={<SafetyCertificateOutlined />}
          // The server recomputes the chain on every read: 校验链 asks it again, now.
          onClick={() => void trail.refetch().then(() => setShowVerification(true))}
          loading={trail.isFetching}
          disabled={!trail.data}
          data-testid="verify-chain"
        >
          校验链
        </Button>
      }
    >
      {showVerification && verification && (
        <Alert
          type={verification.valid ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setShowVerification(false) }}
          style={{ marginBottom: 12 }}
          data-testid="chain-verification"
          data-valid={String(verification.valid)}
          title={
            verification.valid
              ? `哈希链校验通过：服务器已重新计算 ${formatNumber(verification.checked)} 个事件，未发现篡改`
              : `哈希链校验失败：第 ${verification.brokenAt ?? '?'} 个事件处断裂`
          }
          description={verification.valid ? undefined : verification.reason}
        />
      )}
      {trail.isPending && <Spin />}
      {trail.isError && <Alert type="error" showIcon title={`办理记录读取失败：${errorMessage(errorCodeOf(trail.error))}`} />}
      {trail.isSuccess && !trail.data && <Empty description="无权查看办理记录" />}
      {trail.isSuccess && trail.data && (
        <Timeline
          data-testid="audit-timeline"
          items={events.map((event) => ({
            key: event.version,
            content: (
              <div>
                <strong>{label(eventTypeLabels, event.type)}</strong>
                <span style={{ marginInlineStart: 8, color: '#666' }}>{formatDateTime(event.occurredAt)}</span>
                <div style={{ fontSize: 13 }}>{actorLabel(event.actor)}</div>
                <div style={{ fontSize: 12, color: 'rgba(0, 0, 0, 0.62)' }}>
                  第 {event.version} 号事件 · 链哈希（{event.hashAlgorithm}）：
                  {event.hash ? (
                    <Tooltip title={event.hash}>
                      <code tabIndex={0}>{shortHash(event.hash)}</code>
                    </Tooltip>
                  ) : (
                    <Tag>对您隐去</Tag>
                  )}
                </div>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
