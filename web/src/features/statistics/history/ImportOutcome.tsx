import { Alert, Descriptions, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { formatYuan } from '../../../shared/money.ts';
import { exactAmount } from '../units.ts';
import {
  statisticsLink,
  type HistoryImportResult,
  type HistoryInvalid,
  type HistoryRowError,
} from './api.ts';

/** An amount exactly, with its 元 and fen beside it: nothing rounded. */
export function Amount({ fen, testId }: { fen: string; testId?: string }) {
  return (
    <span data-testid={testId} title={`${formatYuan(fen)} 元`}>
      {exactAmount(fen)}
    </span>
  );
}

/** What a ledger holds (dry run) or what it added (import): rows, projects, period and the three totals. */
export function ImportSummary({ result }: { result: HistoryImportResult }) {
  const title = result.dryRun
    ? `校验通过：${result.fileName} 共 ${result.rows} 行，可以导入（尚未写入）`
    : `导入完成：${result.fileName} 共 ${result.rows} 行已计入统计`;
  return (
    <Alert
      type="success"
      showIcon
      data-testid="history-result"
      title={title}
      description={
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'rows', label: '行数（采购人份额）', children: result.rows },
              {
                key: 'procurements',
                label: '项目数',
                children: <span data-testid="history-result-procurements">{result.procurements}</span>,
              },
              { key: 'lots', label: '标段（包）数', children: result.lots },
              {
                key: 'period',
                label: '合同签订日期',
                children: (
                  <span data-testid="history-result-period">
                    {result.from} 至 {result.to}
                  </span>
                ),
              },
              {
                key: 'budget',
                label: '采购预算',
                children: <Amount fen={result.budgetFen} testId="history-result-budget" />,
              },
              { key: 'contract', label: '合同金额', children: <Amount fen={result.contractFen} /> },
              { key: 'paid', label: '实际支付金额', children: <Amount fen={result.paidFen} /> },
              {
                key: 'sheet',
                label: '读取',
                children: result.sheet ? `工作表“${result.sheet}”` : 'CSV 文件',
              },
            ]}
          />
          {result.dryRun ? (
            <Typography.Text type="secondary">
              以上为校验结果，尚未写入；确认无误后点击“导入”。
            </Typography.Text>
          ) : (
            <Space wrap>
              <Link to={statisticsLink(result.from, result.to)} data-testid="history-result-statistics">
                查看 {result.from} 至 {result.to} 的统计
              </Link>
              <Link to={statisticsLink(result.from, result.to, 'historical')}>只看历史导入数据</Link>
            </Space>
          )}
        </Space>
      }
    />
  );
}

const errorColumns: TableColumnsType<HistoryRowError> = [
  { title: '行号', dataIndex: 'row', key: 'row', width: 80 },
  { title: '列', dataIndex: 'column', key: 'column', width: 160 },
  { title: '问题', dataIndex: 'message', key: 'message' },
];

/** A refused ledger: every row error the server listed, with the total; nothing of the file was written. */
export function ErrorReport({ invalid, dryRun }: { invalid: HistoryInvalid; dryRun: boolean }) {
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="history-invalid">
      <Alert
        type="error"
        showIcon
        title={`${dryRun ? '校验未通过' : '导入未完成'}：共 ${invalid.errorCount} 处错误`}
        description={
          <>
            <div>{invalid.message}</div>
            <div>
              本次未导入任何记录（台账整份导入，任一行有错则整份不导入）。
              {invalid.truncated && `下表列出前 ${invalid.errors.length} 处，改正后重新校验可看到其余错误。`}
            </div>
          </>
        }
      />
      <Table<HistoryRowError>
        rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
        size="small"
        data-testid="history-errors"
        columns={errorColumns}
        dataSource={invalid.errors}
        pagination={{
          pageSize: 20,
          showSizeChanger: true,
          showTotal: (n) => (invalid.truncated ? `列出 ${n} 处，共 ${invalid.errorCount} 处` : `共 ${n} 处`),
        }}
      />
    </Space>
  );
}
