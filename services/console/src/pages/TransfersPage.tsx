import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Flex, Form, Select, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { gql } from '../api/client.ts';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { graphql } from '../gql/index.ts';
import type { TransferDirection, TransferKind, TransferStatus, TransfersQuery } from '../gql/graphql.ts';
import { label, transferDirectionLabels, transferKindShortLabels, transferStatusLabels } from '../i18n/dictionary.ts';
import { formatDateTime } from '../time/beijing.ts';

const transfersQuery = graphql(`
  query Transfers($filter: TransferFilter!, $first: Int, $after: String) {
    transfers(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          kind
          status
          reason
          sentAt
          proposedAt
          caseId
          fromAgency {
            id
            name
          }
          toAgency {
            id
            name
          }
          deadlines {
            step
            status
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type TransferRow = TransfersQuery['transfers']['edges'][number]['node'];

const pageSize = 20;
const directions: TransferDirection[] = ['INCOMING', 'OUTGOING'];

export default function TransfersPage() {
  const [params, setParams] = useSearchParams();
  const direction: TransferDirection = params.get('direction') === 'OUTGOING' ? 'OUTGOING' : 'INCOMING';
  const kind = (params.get('kind') as TransferKind | null) || null;
  const statuses = params.getAll('status') as TransferStatus[];

  const setParam = (name: string, values: string[]) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.delete(name);
      for (const value of values) next.append(name, value);
      return next;
    });

  const filter = { direction, ...(kind ? { kind } : {}), ...(statuses.length ? { status: statuses } : {}) };
  const list = useInfiniteQuery({
    queryKey: ['transfers', filter],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => (await gql(transfersQuery, { filter, first: pageSize, after: pageParam })).transfers,
    getNextPageParam: (page) => (page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null),
  });
  const rows = list.data?.pages.flatMap((page) => page.edges.map((edge) => edge.node)) ?? [];

  const columns: TableColumnsType<TransferRow> = [
    {
      title: '类型',
      dataIndex: 'kind',
      width: 72,
      render: (value: string) => <Tag color="geekblue">{label(transferKindShortLabels, value)}</Tag>,
    },
    {
      title: '移送事由',
      key: 'reason',
      ellipsis: true,
      render: (_, row) => (
        <Link to={`/transfers/${row.id}`} data-testid="transfer-link">
          {row.reason || row.id}
        </Link>
      ),
    },
    {
      title: direction === 'INCOMING' ? '移送机关' : '接收机关',
      key: 'counterpart',
      width: 220,
      render: (_, row) => (direction === 'INCOMING' ? row.fromAgency.name : row.toAgency.name),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 170,
      render: (value: string, row) => (
        <Flex gap={4} wrap>
          <Tag>{label(transferStatusLabels, value)}</Tag>
          {row.deadlines.some((deadline) => deadline.status === 'OVERDUE') && <Tag color="red">有超期环节</Tag>}
        </Flex>
      ),
    },
    { title: '移送时间（北京时间）', key: 'sentAt', width: 190, render: (_, row) => formatDateTime(row.sentAt ?? row.proposedAt) },
  ];

  return (
    <>
      {/* The list query has no asOf (only its rows' pages have): time travel is on each transfer's page. */}
      <PageHeader title="移送" timeTravel={false} />
      <Tabs
        activeKey={direction}
        onChange={(key) => setParam('direction', [key])}
        items={directions.map((value) => ({ key: value, label: <span data-testid={`tab-${value.toLowerCase()}`}>{label(transferDirectionLabels, value)}</span> }))}
      />
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }} aria-label="筛选移送">
        <Form.Item label="类型" htmlFor="transfer-kind-filter">
          <Select
            id="transfer-kind-filter"
            allowClear
            placeholder="全部类型"
            style={{ width: 140 }}
            value={kind}
            onChange={(value: string | undefined) => setParam('kind', value ? [value] : [])}
            options={Object.entries(transferKindShortLabels).map(([value, text]) => ({ value, label: text }))}
            data-testid="filter-kind"
          />
        </Form.Item>
        <Form.Item label="状态" htmlFor="transfer-status-filter">
          <Select
            id="transfer-status-filter"
            mode="multiple"
            allowClear
            placeholder="全部状态"
            style={{ minWidth: 240 }}
            maxTagCount="responsive"
            value={statuses}
            onChange={(values: string[]) => setParam('status', values)}
            options={Object.entries(transferStatusLabels).map(([value, text]) => ({ value, label: text }))}
            data-testid="filter-status"
          />
        </Form.Item>
      </Form>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Table<TransferRow>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={list.isPending}
            pagination={false}
            scroll={{ x: 860 }}
            data-testid="transfers-table"
          />
          {list.hasNextPage && (
            <Flex justify="center" style={{ marginTop: 12 }}>
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="load-more">
                加载更多
              </Button>
            </Flex>
          )}
        </>
      )}
    </>
  );
}
