import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin, Table, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../../api.ts';
import { fetchAcceptanceReport, reportKey, type AcceptanceReport } from './api.ts';

type Block = AcceptanceReport['document']['blocks'][number];

function BlockView({ block, n }: { block: Block; n: number }) {
  if (block.kind === 'heading')
    return (
      <Typography.Title level={block.level === 1 ? 3 : block.level === 2 ? 4 : 5}>
        {block.text}
      </Typography.Title>
    );
  if (block.kind === 'paragraph') return <Typography.Paragraph>{block.text}</Typography.Paragraph>;
  return (
    <Table
      size="small"
      bordered
      pagination={false}
      rowKey={(_, i) => `${n}-${i}`}
      dataSource={block.rows.map((r) => Object.fromEntries(r.map((c, i) => [String(i), c])))}
      columns={block.header.map((h, i) => ({ title: h, dataIndex: String(i) }))}
      style={{ marginBottom: 16 }}
    />
  );
}

/** 验收书 to print (URL /app/acceptances/:id/report): the document, its SHA-256, and the JSON to download. */
export function AcceptanceReportPage({ acceptanceId }: { acceptanceId?: string }) {
  const params = useParams();
  const id = acceptanceId ?? params.id ?? '';
  const q = useQuery({ queryKey: reportKey(id), queryFn: () => fetchAcceptanceReport(id) });
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  const r = q.data;
  const download = () => {
    const blob = new Blob([JSON.stringify({ report: r.report, reportHash: r.reportHash }, null, 2)], {
      type: 'application/json',
    });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `验收书-${r.reportHash.slice(0, 12)}.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <div data-testid="acceptance-report" style={{ maxWidth: 960, margin: '0 auto' }}>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => window.print()}>
          打印
        </Button>
        <Button href={`/api/acceptances/${encodeURIComponent(id)}/report/docx`}>下载（Word）</Button>
        <Button onClick={download}>下载（JSON）</Button>
        {!r.hashMatches && <Alert type="error" showIcon title="验收书内容与记录的摘要不一致" />}
      </Space>
      <Typography.Title level={2} style={{ textAlign: 'center' }}>
        {r.document.title}
      </Typography.Title>
      {r.document.blocks.map((b, n) => (
        <BlockView key={n} block={b} n={n} />
      ))}
    </div>
  );
}
