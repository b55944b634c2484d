import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Spin, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { gql } from '../api/client.ts';
import { hasRole, useMe } from '../auth/me.ts';
import { DueTag, LegalBasis } from '../components/DueTag.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { graphql } from '../gql/index.ts';
import type { MyWorkQuery } from '../gql/graphql.ts';
import { deadlineStatusLabels, label, transferKindShortLabels, workItemKindLabels } from '../i18n/dictionary.ts';
import { useAsOf } from '../shell/timeTravel.tsx';

const myWorkQuery = graphql(`
  query MyWork($asOf: DateTime) {
    myWork(asOf: $asOf) {
      key
      kind
      step
      stepLabel
      legalBasis
      dueAt
      status
      title
      transfer {
        id
        kind
        fromAgency {
          id
          name
        }
        toAgency {
          id
          name
        }
      }
      case {
        id
        number
      }
    }
  }
`);

type WorkItem = MyWorkQuery['myWork'][number];

const statusColor: Record<string, string> = { OVERDUE: 'red', PENDING: 'processing', MET: 'green', LAPSED: 'default' };

/** Earliest due first (the server's order; kept if it ever arrives otherwise). */
const byUrgency = (a: WorkItem, b: WorkItem) => new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime();

export default function WorkPage() {
  const { asOf } = useAsOf();
  const me = useMe();
  const work = useQuery({ queryKey: ['myWork', asOf], queryFn: async () => (await gql(myWorkQuery, { asOf })).myWork });
  const now = asOf ? new Date(asOf) : undefined;

  // A plain semantic table: the 待办 page is the first after sign-in and stays light (no antd Table).
  const columns: Array<{ title: string; width?: number; cell: (item: WorkItem) => ReactNode }> = [
    {
      title: '事项',
      cell: (item) => (
        <Space size={4} wrap>
          <Tag>{label(workItemKindLabels, item.kind)}</Tag>
          <LegalBasis legalBasis={item.legalBasis}>{item.stepLabel}</LegalBasis>
        </Space>
      ),
    },
    {
      title: '案件/移送',
      cell: (item) => (
        <Space orientation="vertical" size={0}>
          {item.transfer ? (
            <Link to={`/transfers/${item.transfer.id}`} data-testid="work-item-link">
              {item.title}
            </Link>
          ) : item.case ? (
            <Link to={`/cases/${item.case.id}`} data-testid="work-item-link">
              {item.title}
            </Link>
          ) : (
            item.title
          )}
          {item.transfer && (
            <span style={{ fontSize: 12, color: '#666' }}>
              {label(transferKindShortLabels, item.transfer.kind)}：{item.transfer.fromAgency.name} → {item.transfer.toAgency.name}
            </span>
          )}
        </Space>
      ),
    },
    {
      title: '截止时间（北京时间）',
      width: 270,
      cell: (item) => <DueTag dueAt={item.dueAt} now={now} done={item.status === 'MET'} />,
    },
    {
      title: '状态',
      width: 96,
      cell: (item) => <Tag color={statusColor[item.status]}>{label(deadlineStatusLabels, item.status)}</Tag>,
    },
  ];

  const items = [...(work.data ?? [])].sort(byUrgency);
  const isHead = hasRole(me.data, 'supervisor');
  const approvals = isHead ? items.filter((item) => item.kind === 'APPROVAL') : [];
  const rest = isHead ? items.filter((item) => item.kind !== 'APPROVAL') : items;

  const cellStyle = { padding: '10px 8px', borderBottom: '1px solid #f0f0f0', textAlign: 'left', verticalAlign: 'top' } as const;
  const table = (rows: WorkItem[], testId: string, caption: string) =>
    rows.length === 0 ? (
      <Empty description="暂无待办" image={Empty.PRESENTED_IMAGE_SIMPLE} />
    ) : (
      <div style={{ overflowX: 'auto' }}>
        <table data-testid={testId} style={{ width: '100%', minWidth: 720, borderCollapse: 'collapse' }}>
          <caption style={{ position: 'absolute', left: -9999 }}>{caption}</caption>
          <thead>
            <tr style={{ background: '#fafafa' }}>
              {columns.map((column) => (
                <th key={column.title} scope="col" style={{ ...cellStyle, width: column.width, fontWeight: 600 }}>
                  {column.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.key} data-testid="work-item" data-kind={item.kind} data-status={item.status}>
                {columns.map((column) => (
                  <td key={column.title} style={cellStyle}>
                    {column.cell(item)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );

  return (
    <>
      <PageHeader title="待办" />
      {work.isError ? (
        <ErrorResult error={work.error} onRetry={() => void work.refetch()} />
      ) : work.isPending ? (
        <Spin description="正在加载待办…">
          <div style={{ height: 120 }} />
        </Spin>
      ) : (
        // data-state="ready": the list is on screen (pnpm bench times the first render to it).
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="work-list" data-state="ready">
          {isHead && (
            <Card title={`待审批（${approvals.length}）`} size="small" data-testid="approvals-section">
              {table(approvals, 'approvals-table', '待审批事项，按截止时间排序')}
            </Card>
          )}
          <Card title={isHead ? `其他待办（${rest.length}）` : `待办事项（${rest.length}）`} size="small">
            {table(rest, 'work-table', '待办事项，按截止时间排序')}
          </Card>
        </Space>
      )}
    </>
  );
}
