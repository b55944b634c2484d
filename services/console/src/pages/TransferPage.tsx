import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Empty, Row, Space, Spin, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/apiError.ts';
import { gql } from '../api/client.ts';
import { useMe } from '../auth/me.ts';
import { AuditTimeline } from '../components/AuditTimeline.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { graphql } from '../gql/index.ts';
import {
  clueDispositionLabels,
  declineReasonLabels,
  label,
  materialKindLabels,
  officialAllegationLabels,
  transferKindLabels,
  transferKindShortLabels,
  transferOutcomeLabels,
  transferStatusLabels,
  transferStepLabels,
} from '../i18n/dictionary.ts';
import { useAsOf } from '../shell/timeTravel.tsx';
import { formatDateTime } from '../time/beijing.ts';
import { DeadlineSteps } from '../transfer/DeadlineSteps.tsx';
import { TransferActions } from '../transfer/TransferActions.tsx';
import type { TransferDetail } from '../transfer/TransferActions.tsx';
import { sideOf } from '../transfer/transferRules.ts';

const transferDetailQuery = graphql(`
  query TransferDetail($id: ID!, $asOf: DateTime) {
    transfer(id: $id, asOf: $asOf) {
      id
      kind
      status
      reason
      caseId
      version
      streamId
      receiverStreamId
      copiedToProcuratorate
      approvalNote
      approverCapacityLabel
      seizedProperty
      caseTeam {
        userId
        name
      }
      absentMaterials {
        kind
        label
        reason
      }
      propertyHandOver {
        inventory
        handedOverAt
      }
      partyNotice {
        notifiedAt
        methodLabel
        documentNumber
      }
      proposedAt
      sentAt
      receivedAt
      handedOverAt
      fromAgency {
        id
        name
        kind
      }
      toAgency {
        id
        name
        kind
      }
      materials {
        kind
        title
      }
      handedOver {
        kind
        title
      }
      deadlines {
        step
        label
        legalBasis
        dueAt
        metAt
        metLate
        obligation
        party
        status
        extension {
          code
          reason
        }
      }
      official {
        name
        post
        employer
        managementLevel
        allegations
      }
      refusal {
        reason
        refusedAt
      }
      supplementRequest {
        reason
        requested
        requestedAt
      }
      acceptance {
        acceptedAt
        documentNumber
        reason
        propertyReceivedAt
      }
      decline {
        declinedAt
        reason
        reasonCategory
      }
      reconsideration {
        reason
        requestedAt
        decision {
          accepted
          decidedAt
          reason
        }
      }
      supervision {
        afterReconsideration
        reason
        suggestedAt
      }
      procuratorateInquiry {
        documentNumber
        receivedAt
      }
      nonFilingExplanation {
        explainedAt
        explanation
      }
      filingOrder {
        documentNumber
        receivedAt
      }
      returned {
        reason
        returnedAt
      }
      forwards {
        forwardedAt
        reason
        fromAgency {
          name
        }
        toAgency {
          name
        }
      }
      extensions {
        extendedAt
        extension
        reason
        step
      }
      dispositions {
        disposedAt
        disposition
        reason
      }
      result {
        outcome
        recordedAt
        result
      }
      closed {
        closedAt
        reason
      }
    }
  }
`);

/** A section of the record shown only when it happened (补正, 不予立案, 复议 …). */
function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} data-testid={testId} style={{ marginBottom: 12 }}>
      {children}
    </Card>
  );
}

function Sections({ t }: { t: TransferDetail }) {
  return (
    <>
      {t.official && (
        <Section title="被反映的公职人员" testId="section-official">
          <Descriptions size="small" column={2}>
            <Descriptions.Item label="姓名">{t.official.name}</Descriptions.Item>
            <Descriptions.Item label="职务">{t.official.post}</Descriptions.Item>
            <Descriptions.Item label="工作单位">{t.official.employer}</Descriptions.Item>
            <Descriptions.Item label="干部管理权限">{t.official.managementLevel ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="问题类型">{t.official.allegations.map((a) => label(officialAllegationLabels, a)).join('、')}</Descriptions.Item>
          </Descriptions>
        </Section>
      )}
      {t.refusal && (
        <Section title="不批准移送" testId="section-refusal">
          {formatDateTime(t.refusal.refusedAt)}：{t.refusal.reason}
        </Section>
      )}
      {t.supplementRequest && (
        <Section title="通知补正材料（待补正）" testId="section-supplement">
          <p>
            {formatDateTime(t.supplementRequest.requestedAt)}：{t.supplementRequest.reason}
          </p>
          需补正：{t.supplementRequest.requested.map((kind) => <Tag key={kind}>{label(materialKindLabels, kind)}</Tag>)}
        </Section>
      )}
      {t.forwards.length > 0 && (
        <Section title="转送" testId="section-forwards">
          {t.forwards.map((f) => (
            <p key={f.forwardedAt}>
              {formatDateTime(f.forwardedAt)}：{f.fromAgency.name} → {f.toAgency.name}（{f.reason}）
            </p>
          ))}
        </Section>
      )}
      {t.extensions.length > 0 && (
        <Section title="延长期限" testId="section-extensions">
          {t.extensions.map((e) => (
            <p key={e.extendedAt}>
              {formatDateTime(e.extendedAt)}：{label(transferStepLabels, e.step)}（{e.reason}）
            </p>
          ))}
        </Section>
      )}
      {t.acceptance && (
        <Section title="立案/受理" testId="section-acceptance">
          {formatDateTime(t.acceptance.acceptedAt)}
          {t.acceptance.documentNumber && `，文号 ${t.acceptance.documentNumber}`}
          {t.acceptance.reason && `：${t.acceptance.reason}`}
          {t.acceptance.propertyReceivedAt && `；随案财物接收于 ${formatDateTime(t.acceptance.propertyReceivedAt)}`}
        </Section>
      )}
      {t.decline && (
        <Section title="不予立案/不予受理" testId="section-decline">
          <p>
            {formatDateTime(t.decline.declinedAt)}：<Tag color="red">{label(declineReasonLabels, t.decline.reasonCategory)}</Tag>
          </p>
          {t.decline.reason}
        </Section>
      )}
      {t.reconsideration && (
        <Section title="复议" testId="section-reconsideration">
          <p>
            提请复议 {formatDateTime(t.reconsideration.requestedAt)}：{t.reconsideration.reason}
          </p>
          {t.reconsideration.decision ? (
            <p>
              复议决定 {formatDateTime(t.reconsideration.decision.decidedAt)}：
              <Tag color={t.reconsideration.decision.accepted ? 'green' : 'red'}>
                {t.reconsideration.decision.accepted ? '撤销原决定，予以立案' : '维持不予立案决定'}
              </Tag>
              {t.reconsideration.decision.reason}
            </p>
          ) : (
            <p>尚未作出复议决定。</p>
          )}
        </Section>
      )}
      {t.supervision && (
        <Section title="建议检察院立案监督" testId="section-supervision">
          {formatDateTime(t.supervision.suggestedAt)}
          {t.supervision.afterReconsideration && '（复议后）'}：{t.supervision.reason}
        </Section>
      )}
      {t.procuratorateInquiry && (
        <Section title="检察院要求说明不立案理由" testId="section-inquiry">
          {formatDateTime(t.procuratorateInquiry.receivedAt)} 收到，文号 {t.procuratorateInquiry.documentNumber}
        </Section>
      )}
      {t.nonFilingExplanation && (
        <Section title="不立案理由说明" testId="section-non-filing">
          {formatDateTime(t.nonFilingExplanation.explainedAt)}：{t.nonFilingExplanation.explanation}
        </Section>
      )}
      {t.filingOrder && (
        <Section title="检察院通知立案" testId="section-filing-order">
          {formatDateTime(t.filingOrder.receivedAt)} 收到，文号 {t.filingOrder.documentNumber}
        </Section>
      )}
      {t.returned && (
        <Section title="退回" testId="section-returned">
          {formatDateTime(t.returned.returnedAt)}：{t.returned.reason}
        </Section>
      )}
      {t.handedOver.length > 0 && (
        <Section title="移交涉案物品及材料" testId="section-handover">
          <p>移交时间：{formatDateTime(t.handedOverAt)}</p>
          {t.handedOver.map((item, i) => (
            <Tag key={i}>
              {label(materialKindLabels, item.kind)}：{item.title}
            </Tag>
          ))}
        </Section>
      )}
      {t.dispositions.length > 0 && (
        <Section title="线索处置" testId="section-dispositions">
          {t.dispositions.map((d) => (
            <p key={d.disposedAt}>
              {formatDateTime(d.disposedAt)}：<Tag>{label(clueDispositionLabels, d.disposition)}</Tag>
              {d.reason}
            </p>
          ))}
        </Section>
      )}
      {t.result && (
        <Section title="结果反馈" testId="section-result">
          {formatDateTime(t.result.recordedAt)}：<Tag color="green">{label(transferOutcomeLabels, t.result.outcome)}</Tag>
          {t.result.result}
        </Section>
      )}
      {t.closed && (
        <Section title="办结" testId="section-closed">
          {formatDateTime(t.closed.closedAt)}
          {t.closed.reason && `：${t.closed.reason}`}
        </Section>
      )}
    </>
  );
}

export default function TransferPage() {
  const { id = '' } = useParams();
  const { asOf, isPast } = useAsOf();
  const me = useMe();
  const queryClient = useQueryClient();
  const key = ['transfer', id, asOf];
  const detail = useQuery({
    queryKey: key,
    queryFn: async () => {
      const transfer = (await gql(transferDetailQuery, { id, asOf })).transfer;
      // Null: absent or not a party: shown as 无权访问 like FORBIDDEN, nothing of it revealed.
      if (!transfer) throw new ApiError('NOT_FOUND', 'transfer absent or not a party');
      return transfer;
    },
  });
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['transfer', id] });
    void queryClient.invalidateQueries({ queryKey: ['myWork'] });
    void queryClient.invalidateQueries({ queryKey: ['transfers'] });
  };

  if (detail.isPending) {
    return (
      <>
        <PageHeader title="移送详情" />
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
        <PageHeader title="移送详情" timeTravel={isPast} />
        <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />
      </>
    );
  }
  const t = detail.data;
  const side = me.data ? sideOf(t, me.data.agency.id) : null;
  const now = asOf ? new Date(asOf) : undefined;

  return (
    <>
      <PageHeader
        title={`移送：${t.fromAgency.name} → ${t.toAgency.name}`}
        extra={
          !isPast &&
          me.data && <TransferActions transfer={t} caller={{ agencyId: me.data.agency.id, roles: me.data.roles }} onChanged={reload} />
        }
      >
        <Space wrap>
          <Tag color="geekblue">{label(transferKindShortLabels, t.kind)}</Tag>
          <Tag color="blue" data-testid="transfer-status" data-status={t.status}>
            {label(transferStatusLabels, t.status)}
          </Tag>
          {side && <Tag>{side === 'sender' ? '本机关为移送方' : '本机关为接收方'}</Tag>}
          {t.copiedToProcuratorate && <Tag color="purple">已抄送同级人民检察院</Tag>}
        </Space>
      </PageHeader>
      {t.deadlines.some((d) => d.status === 'OVERDUE') && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title="有环节已超过法定期限" data-testid="overdue-alert" />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small" title="移送信息" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered styles={{ label: { whiteSpace: "nowrap" } }}>
              <Descriptions.Item label="衔接类型" span="filled">
                {label(transferKindLabels, t.kind)}
              </Descriptions.Item>
              <Descriptions.Item label="移送机关">{t.fromAgency.name}</Descriptions.Item>
              <Descriptions.Item label="接收机关">{t.toAgency.name}</Descriptions.Item>
              {/* The case is the sender's: a link for the sender, its id only for the receiver. */}
              <Descriptions.Item label="案件">
                {side === 'sender' ? <Link to={`/cases/${t.caseId}`} data-testid="case-link">{t.caseId}</Link> : t.caseId}
              </Descriptions.Item>
              <Descriptions.Item label="状态">{label(transferStatusLabels, t.status)}</Descriptions.Item>
              <Descriptions.Item label="提出移送">{formatDateTime(t.proposedAt)}</Descriptions.Item>
              <Descriptions.Item label="移送">{formatDateTime(t.sentAt)}</Descriptions.Item>
              <Descriptions.Item label="签收">{formatDateTime(t.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label="审批意见">{t.approvalNote ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="决定人身份">
                <span data-testid="approver-capacity">{t.approverCapacityLabel ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label="专案组">
                <span data-testid="case-team">{t.caseTeam.map((member) => member.name).join('、') || '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label="查封、扣押财物" span="filled">
                <span data-testid="seized-property">
                  {!t.seizedProperty
                    ? '未申报'
                    : t.propertyHandOver
                      ? `已随案移送：${t.propertyHandOver.inventory}（${formatDateTime(t.propertyHandOver.handedOverAt)}）` +
                        (t.partyNotice
                          ? `；已书面告知当事人（${formatDateTime(t.partyNotice.notifiedAt)}，${t.partyNotice.methodLabel}${t.partyNotice.documentNumber ? `，${t.partyNotice.documentNumber}` : ''}）`
                          : '')
                      : '已申报，批准移送时一并移送并书面告知当事人'}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label="移送事由" span="filled">
                {t.reason}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {t.absentMaterials.length > 0 && (
            <Card size="small" title="未随案移送的有关材料及理由" style={{ marginBottom: 12 }} data-testid="absent-materials">
              {t.absentMaterials.map((m) => (
                <p key={m.kind} style={{ margin: 0 }}>
                  {m.label}：{m.reason}
                </p>
              ))}
            </Card>
          )}
          <Card size="small" title={`移送材料清单（${t.materials.length}）`} style={{ marginBottom: 12 }} data-testid="materials">
            {t.materials.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无材料" />
            ) : (
              <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                {t.materials.map((item, i) => (
                  <li key={i}>
                    <Tag>{label(materialKindLabels, item.kind)}</Tag>
                    {item.title}
                  </li>
                ))}
              </ol>
            )}
          </Card>
          <Sections t={t} />
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="办理环节与期限（北京时间）" style={{ marginBottom: 12 }}>
            {t.deadlines.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无环节" /> : <DeadlineSteps deadlines={t.deadlines} now={now} />}
          </Card>
          {/* Each side keeps its own stream of the transfer: show the caller's. */}
          <AuditTimeline streamId={side === 'receiver' && t.receiverStreamId ? t.receiverStreamId : t.streamId} asOf={asOf} />
        </Col>
      </Row>
    </>
  );
}
