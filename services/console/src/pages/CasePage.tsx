import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Empty, Row, Space, Spin, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/apiError.ts';
import { gql } from '../api/client.ts';
import { useMe } from '../auth/me.ts';
import { AuditTimeline } from '../components/AuditTimeline.tsx';
import { CaseActions } from '../case/CaseActions.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { graphql } from '../gql/index.ts';
import {
  caseSourceLabels,
  caseStatusLabels,
  caseWarningLabels,
  evidenceKindLabels,
  label,
  penaltyKindLabels,
  subjectKindLabels,
  transferKindShortLabels,
  transferStatusLabels,
  violationLabels,
} from '../i18n/dictionary.ts';
import { useAsOf } from '../shell/timeTravel.tsx';
import { formatDateTime, formatDueAt, formatFen } from '../time/beijing.ts';

const caseDetailQuery = graphql(`
  query CaseDetail($id: ID!, $asOf: DateTime) {
    case(id: $id, asOf: $asOf) {
      id
      number
      status
      source
      summary
      amountInvolvedFen
      violations
      warnings
      version
      streamId
      agency {
        id
        name
      }
      subject {
        kind
        name
        creditCode
        idNumberMasked
      }
      evidence {
        id
        kind
        title
        description
        recordedAt
      }
      penalty {
        decidedAt
        decisionNumber
        reason
        repeatOffender
        priorViolationsInWindow
        penalties {
          kind
          amountFen
          description
        }
        personsResponsible {
          name
          role
          idNumberMasked
        }
      }
      supervision {
        dueAt
        overdue
        reason
        requirements
        supervisedAt
        liftedAt
        liftReason
        closedAt
        commission {
          name
        }
      }
      transfers {
        id
        kind
        status
        sentAt
        proposedAt
        toAgency {
          name
        }
      }
      origin {
        operationId
        findingId
      }
    }
  }
`);

export default function CasePage() {
  const { id = '' } = useParams();
  const { asOf, isPast } = useAsOf();
  const me = useMe();
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: ['case', id, asOf],
    queryFn: async () => {
      const found = (await gql(caseDetailQuery, { id, asOf })).case;
      if (!found) throw new ApiError('NOT_FOUND', 'case absent or not readable');
      return found;
    },
  });
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['case', id] });
    void queryClient.invalidateQueries({ queryKey: ['auditTrail'] });
    void queryClient.invalidateQueries({ queryKey: ['cases'] });
    void queryClient.invalidateQueries({ queryKey: ['myWork'] });
  };

  if (detail.isPending) {
    return (
      <>
        <PageHeader title="案件详情" />
        <Spin description="正在加载…">
          <div style={{ height: 160 }} />
        </Spin>
      </>
    );
  }
  if (detail.isError) {
    return (
      <>
        {/* In a past view the record may not have existed yet: keep the way back to now. */}
        <PageHeader title="案件详情" timeTravel={isPast} />
        <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />
      </>
    );
  }
  const c = detail.data;
  const supervision = c.supervision;

  return (
    <>
      <PageHeader
        title={`案件 ${c.number}`}
        extra={!isPast && me.data && <CaseActions caseFacts={c} caller={{ userId: me.data.userId, name: me.data.name, agencyId: me.data.agency.id, roles: me.data.roles }} onChanged={reload} />}
      >
        <Space wrap>
          <Tag color="blue" data-testid="case-status" data-status={c.status}>
            {label(caseStatusLabels, c.status)}
          </Tag>
          <Tag>{c.agency.name}</Tag>
        </Space>
      </PageHeader>
      {supervision && !supervision.liftedAt && (
        <Alert
          type={supervision.overdue ? 'error' : 'warning'}
          showIcon
          banner
          data-testid="supervision-banner"
          style={{ marginBottom: 12 }}
          title={`挂牌督办：${supervision.commission.name}督办，期限 ${formatDueAt(supervision.dueAt)}${supervision.overdue ? '（已逾期）' : ''}`}
          description={`督办事由：${supervision.reason}${supervision.requirements ? `；督办要求：${supervision.requirements}` : ''}`}
        />
      )}
      {c.warnings.map((warning) => (
        <Alert key={warning} type="error" showIcon style={{ marginBottom: 12 }} title={label(caseWarningLabels, warning)} data-testid={`warning-${warning}`} />
      ))}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small" title="案件信息" style={{ marginBottom: 12 }}>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} styles={{ label: { whiteSpace: "nowrap" } }}>
              <Descriptions.Item label="案件编号">{c.number}</Descriptions.Item>
              <Descriptions.Item label="案件来源">{label(caseSourceLabels, c.source)}</Descriptions.Item>
              <Descriptions.Item label="当事人">
                {c.subject.name}（{label(subjectKindLabels, c.subject.kind)}）
              </Descriptions.Item>
              <Descriptions.Item label={c.subject.kind === 'PERSON' ? '身份证号' : '统一社会信用代码'}>
                {c.subject.kind === 'PERSON' ? (c.subject.idNumberMasked ?? '—') : (c.subject.creditCode ?? '—')}
              </Descriptions.Item>
              <Descriptions.Item label="涉案金额">{formatFen(c.amountInvolvedFen)}</Descriptions.Item>
              <Descriptions.Item label="违法行为">
                {c.violations.map((v) => (
                  <Tag key={v}>{label(violationLabels, v)}</Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label="案情摘要" span="filled">
                {c.summary}
              </Descriptions.Item>
              {c.origin && (
                <Descriptions.Item label="来源于专项整治" span="filled">
                  问题 {c.origin.findingId}（<Link to="/operations">专项整治</Link>）
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card size="small" title={`证据（${c.evidence.length}）`} style={{ marginBottom: 12 }} data-testid="evidence">
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.evidence}
              locale={{ emptyText: '尚无证据' }}
              columns={[
                { title: '种类', dataIndex: 'kind', width: 130, render: (kind: string) => label(evidenceKindLabels, kind) },
                { title: '名称', dataIndex: 'title' },
                { title: '说明', dataIndex: 'description', ellipsis: true, render: (text: string | null) => text ?? '—' },
                { title: '取证时间', dataIndex: 'recordedAt', width: 170, render: (at: string) => formatDateTime(at) },
              ]}
            />
          </Card>
          <Card size="small" title="行政处罚决定" style={{ marginBottom: 12 }} data-testid="penalty">
            {c.penalty ? (
              <>
                <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                  <Descriptions.Item label="决定书文号">{c.penalty.decisionNumber}</Descriptions.Item>
                  <Descriptions.Item label="决定时间">{formatDateTime(c.penalty.decidedAt)}</Descriptions.Item>
                  <Descriptions.Item label="处罚" span="filled">
                    {c.penalty.penalties.map((p, i) => (
                      <Tag key={i}>
                        {label(penaltyKindLabels, p.kind)}
                        {p.amountFen != null && ` ${formatFen(p.amountFen)}`}
                        {p.description && `（${p.description}）`}
                      </Tag>
                    ))}
                  </Descriptions.Item>
                  {c.penalty.reason && (
                    <Descriptions.Item label="理由" span="filled">
                      {c.penalty.reason}
                    </Descriptions.Item>
                  )}
                  <Descriptions.Item label="期限内既往违法次数" span="filled">{c.penalty.priorViolationsInWindow}</Descriptions.Item>
                </Descriptions>
                <h3 style={{ fontSize: 14 }}>处罚到人</h3>
                {c.penalty.personsResponsible.length === 0 ? (
                  <span>—</span>
                ) : (
                  <ul>
                    {c.penalty.personsResponsible.map((person, i) => (
                      <li key={i}>
                        {person.name}（{person.role}）{person.idNumberMasked && `身份证号 ${person.idNumberMasked}`}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未作出处罚决定" />
            )}
          </Card>
          <Card size="small" title={`移送（${c.transfers.length}）`} style={{ marginBottom: 12 }} data-testid="case-transfers">
            {c.transfers.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无移送" />
            ) : (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {c.transfers.map((t) => (
                  <li key={t.id}>
                    <Tag color="geekblue">{label(transferKindShortLabels, t.kind)}</Tag>
                    <Link to={`/transfers/${t.id}`} data-testid="case-transfer-link">
                      移送{t.toAgency.name}
                    </Link>{' '}
                    <Tag>{label(transferStatusLabels, t.status)}</Tag>
                    {formatDateTime(t.sentAt ?? t.proposedAt)}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <AuditTimeline streamId={c.streamId} asOf={asOf} />
        </Col>
      </Row>
    </>
  );
}
