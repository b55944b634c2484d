import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Space, Table, Tag } from 'antd';
import { gql } from '../api/client.ts';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { gatewayUrl } from '../config.ts';
import { graphql } from '../gql/index.ts';
import type { OperationsQuery } from '../gql/graphql.ts';
import { label, operationStatusLabels } from '../i18n/dictionary.ts';
import { formatDate } from '../time/beijing.ts';

const operationsQuery = graphql(`
  query Operations {
    operations {
      id
      title
      status
      startsOn
      endsOn
      leadAgency {
        id
        name
      }
      participants {
        id
      }
    }
  }
`);

type OperationRow = OperationsQuery['operations'][number];

/** 专项整治: the operations the caller may read, with the .xlsx exports (the session cookie authenticates the download). */
export default function OperationsPage() {
  const list = useQuery({ queryKey: ['operations'], queryFn: async () => (await gql(operationsQuery)).operations });
  return (
    <>
      <PageHeader title="专项整治" timeTravel={false} />
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<OperationRow>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={false}
          locale={{ emptyText: '暂无可查看的专项整治' }}
          scroll={{ x: 900 }}
          data-testid="operations-table"
          columns={[
            { title: '名称', dataIndex: 'title' },
            { title: '牵头机关', key: 'lead', width: 200, render: (_, row) => row.leadAgency.name },
            { title: '参与机关', key: 'participants', width: 90, render: (_, row) => `${row.participants.length} 家` },
            {
              title: '期间',
              key: 'period',
              width: 250,
              render: (_, row) => `${formatDate(`${row.startsOn}T12:00:00+08:00`)} 至 ${formatDate(`${row.endsOn}T12:00:00+08:00`)}`,
            },
            { title: '状态', dataIndex: 'status', width: 150, render: (status: string) => <Tag>{label(operationStatusLabels, status)}</Tag> },
            {
              title: '导出',
              key: 'exports',
              width: 200,
              render: (_, row) => (
                <Space>
                  <a href={gatewayUrl(`/exports/operations/${encodeURIComponent(row.id)}/ledger.xlsx`)} download data-testid="export-ledger">
                    <DownloadOutlined /> 问题台账
                  </a>
                  <a href={gatewayUrl(`/exports/operations/${encodeURIComponent(row.id)}/coverage.xlsx`)} download data-testid="export-coverage">
                    <DownloadOutlined /> 检查覆盖
                  </a>
                </Space>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
