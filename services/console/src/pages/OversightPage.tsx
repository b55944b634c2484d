import { useQuery } from '@tanstack/react-query';
import { Table, Tabs, Tag } from 'antd';
import { Link } from 'react-router';
import { gql } from '../api/client.ts';
import { DueTag, LegalBasis } from '../components/DueTag.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { graphql } from '../gql/index.ts';
import type { OversightQuery } from '../gql/graphql.ts';
import { caseStatusLabels, label, transferKindShortLabels, transferPartyLabels } from '../i18n/dictionary.ts';
import { useAsOf } from '../shell/timeTravel.tsx';
import { formatDateTime } from '../time/beijing.ts';

const oversightQuery = graphql(`
  query Oversight($asOf: DateTime) {
    oversight {
      overdueTransfers(asOf: $asOf) {
        step
        label
        legalBasis
        dueAt
        party
        agency {
          name
        }
        transfer {
          id
          kind
          fromAgency {
            name
          }
          toAgency {
            name
          }
        }
      }
      supervisedCases(asOf: $asOf) {
        caseId
        number
        dueAt
        overdue
        status
        reason
        agency {
          name
        }
      }
      awaitingFeedback(asOf: $asOf) {
        daysWaiting
        sentAt
        stageLabel
        transfer {
          id
          kind
          fromAgency {
            name
          }
          toAgency {
            name
          }
        }
      }
    }
  }
`);

type Overdue = OversightQuery['oversight']['overdueTransfers'][number];
type Awaiting = OversightQuery['oversight']['awaitingFeedback'][number];
type Supervised = OversightQuery['oversight']['supervisedCases'][number];

/** 监督 (纪委监委): overdue transfer steps and transfers awaiting feedback in the region, as of now or a past time. */
export default function OversightPage() {
  const { asOf } = useAsOf();
  const data = useQuery({ queryKey: ['oversight', asOf], queryFn: async () => (await gql(oversightQuery, { asOf })).oversight });
  const now = asOf ? new Date(asOf) : undefined;
  if (data.isError) {
    return (
      <>
        <PageHeader title="监督" />
        <ErrorResult error={data.error} onRetry={() => void data.refetch()} />
      </>
    );
  }
  const route = (t: { kind: string; fromAgency: { name: string }; toAgency: { name: string } }) =>
    `${label(transferKindShortLabels, t.kind)}：${t.fromAgency.name} → ${t.toAgency.name}`;
  return (
    <>
      <PageHeader title="监督" />
      <Tabs
        items={[
          {
            key: 'overdue',
            label: `超期环节（${data.data?.overdueTransfers.length ?? '…'}）`,
            children: (
              <Table<Overdue>
                rowKey={(row) => `${row.transfer.id}-${row.step}-${row.party}`}
                size="middle"
                loading={data.isPending}
                dataSource={data.data?.overdueTransfers ?? []}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                scroll={{ x: 900 }}
                columns={[
                  { title: '环节', key: 'step', render: (_, row) => <LegalBasis legalBasis={row.legalBasis}>{row.label}</LegalBasis> },
                  { title: '责任机关', key: 'agency', width: 220, render: (_, row) => `${row.agency.name}（${label(transferPartyLabels, row.party)}）` },
                  { title: '移送', key: 'transfer', render: (_, row) => route(row.transfer) },
                  { title: '截止时间', key: 'dueAt', width: 260, render: (_, row) => <DueTag dueAt={row.dueAt} now={now} /> },
                ]}
              />
            ),
          },
          {
            key: 'awaiting',
            label: `待反馈移送（${data.data?.awaitingFeedback.length ?? '…'}）`,
            children: (
              <Table<Awaiting>
                rowKey={(row) => row.transfer.id}
                size="middle"
                loading={data.isPending}
                dataSource={data.data?.awaitingFeedback ?? []}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                scroll={{ x: 900 }}
                columns={[
                  { title: '移送', key: 'transfer', render: (_, row) => route(row.transfer) },
                  { title: '阶段', dataIndex: 'stageLabel', width: 260, render: (text: string) => <Tag>{text}</Tag> },
                  { title: '移送时间', dataIndex: 'sentAt', width: 180, render: (at: string) => formatDateTime(at) },
                  { title: '已等待', dataIndex: 'daysWaiting', width: 100, render: (days: number) => `${days} 天` },
                ]}
              />
            ),
          },
          {
            key: 'supervised',
            label: `挂牌督办（${data.data?.supervisedCases.length ?? '…'}）`,
            children: (
              <Table<Supervised>
                rowKey="caseId"
                size="middle"
                loading={data.isPending}
                dataSource={data.data?.supervisedCases ?? []}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                scroll={{ x: 900 }}
                columns={[
                  { title: '案件编号', key: 'number', width: 230, render: (_, row) => <Link to={`/cases/${row.caseId}`}>{row.number}</Link> },
                  { title: '承办机关', key: 'agency', width: 220, render: (_, row) => row.agency.name },
                  { title: '督办事由', dataIndex: 'reason', ellipsis: true },
                  { title: '案件状态', dataIndex: 'status', width: 140, render: (status: string) => <Tag>{label(caseStatusLabels, status)}</Tag> },
                  { title: '督办期限', key: 'dueAt', width: 260, render: (_, row) => <DueTag dueAt={row.dueAt} now={now} /> },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}
