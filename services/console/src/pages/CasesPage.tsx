import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Form, Input, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { gql } from '../api/client.ts';
import { hasRole, useMe } from '../auth/me.ts';
import { RegisterCase } from '../case/RegisterCase.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { graphql } from '../gql/index.ts';
import type { CaseStatus, CasesQuery } from '../gql/graphql.ts';
import { caseStatusLabels, label, violationLabels } from '../i18n/dictionary.ts';
import { useAsOf } from '../shell/timeTravel.tsx';
import { formatDueAt } from '../time/beijing.ts';

const casesQuery = graphql(`
  query Cases($filter: CaseFilter, $first: Int, $after: String) {
    cases(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          number
          status
          summary
          violations
          warnings
          agency {
            id
            name
          }
          subject {
            name
          }
          supervision {
            dueAt
            overdue
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

type CaseRow = CasesQuery['cases']['edges'][number]['node'];

export default function CasesPage() {
  const [params, setParams] = useSearchParams();
  const { isPast } = useAsOf();
  const me = useMe();
  const queryClient = useQueryClient();
  const statuses = params.getAll('status') as CaseStatus[];
  const violation = params.get('violation');
  const search = params.get('q') ?? '';

  const setParam = (name: string, values: string[]) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.delete(name);
      for (const value of values) if (value) next.append(name, value);
      return next;
    });

  const filter = { ...(statuses.length ? { status: statuses } : {}), ...(violation ? { violation } : {}), ...(search ? { search } : {}) };
  const list = useInfiniteQuery({
    queryKey: ['cases', filter],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => (await gql(casesQuery, { filter, first: 20, after: pageParam })).cases,
    getNextPageParam: (page) => (page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null),
  });
  const rows = list.data?.pages.flatMap((page) => page.edges.map((edge) => edge.node)) ?? [];

  const columns: TableColumnsType<CaseRow> = [
    {
      title: '案件编号',
      dataIndex: 'number',
      width: 230,
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (number: string, row) => (
        <Link to={`/cases/${row.id}`} data-testid="case-link">
          {number}
        </Link>
      ),
    },
    { title: '当事人', key: 'subject', width: 200, ellipsis: true, render: (_, row) => row.subject.name },
    { title: '案情摘要', dataIndex: 'summary', ellipsis: true },
    {
      title: '状态',
      key: 'status',
      width: 200,
      render: (_, row) => (
        <Flex gap={4} wrap>
          <Tag>{label(caseStatusLabels, row.status)}</Tag>
          {row.supervision && (
            // Text one shade darker than antd's preset tags: AA contrast on their light fill.
            <Tag color={row.supervision.overdue ? 'red' : 'volcano'} style={{ color: row.supervision.overdue ? '#a8071a' : '#ad2102' }}>
              挂牌督办 {formatDueAt(row.supervision.dueAt)}
            </Tag>
          )}
          {row.warnings.length > 0 && <Tag color="red">预警</Tag>}
        </Flex>
      ),
    },
    { title: '承办机关', key: 'agency', width: 180, ellipsis: true, render: (_, row) => row.agency.name },
  ];

  return (
    <>
      <PageHeader
        title="案件"
        timeTravel={false}
        extra={
          !isPast &&
          hasRole(me.data, 'officer', 'supervisor') && <RegisterCase onDone={() => void queryClient.invalidateQueries({ queryKey: ['cases'] })} />
        }
      />
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }} aria-label="筛选案件">
        <Form.Item label="搜索" htmlFor="case-search">
          <Input.Search
            id="case-search"
            allowClear
            defaultValue={search}
            placeholder="案件编号、当事人或案情"
            onSearch={(value) => setParam('q', [value.trim()])}
            style={{ width: 260 }}
            data-testid="case-search"
          />
        </Form.Item>
        <Form.Item label="状态" htmlFor="case-status-filter">
          <Select
            id="case-status-filter"
            mode="multiple"
            allowClear
            placeholder="全部状态"
            style={{ minWidth: 200 }}
            maxTagCount="responsive"
            value={statuses}
            onChange={(values: string[]) => setParam('status', values)}
            options={Object.entries(caseStatusLabels).map(([value, text]) => ({ value, label: text }))}
            data-testid="filter-case-status"
          />
        </Form.Item>
        <Form.Item label="违法行为" htmlFor="case-violation-filter">
          <Select
            id="case-violation-filter"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部"
            style={{ width: 200 }}
            value={violation}
            onChange={(value: string | undefined) => setParam('violation', value ? [value] : [])}
            options={Object.entries(violationLabels).map(([value, text]) => ({ value, label: text }))}
            data-testid="filter-violation"
          />
        </Form.Item>
      </Form>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Table<CaseRow>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={list.isPending}
            pagination={false}
            scroll={{ x: 900 }}
            data-testid="cases-table"
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
