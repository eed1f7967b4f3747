import { Table, Typography } from 'antd';
import { z } from 'zod';

const block = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), level: z.number(), text: z.string() }),
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
  z.object({ kind: z.literal('table'), header: z.array(z.string()), rows: z.array(z.array(z.string())) }),
]);
const documentShape = z.object({ title: z.string(), subtitle: z.string(), blocks: z.array(block) });

/** The contract text as generated (the document model the .docx is written from, and whose hash is signed). */
export function ContractDocument({ document }: { document: Record<string, unknown> }) {
  const parsed = documentShape.safeParse(document);
  if (!parsed.success)
    return <Typography.Text type="secondary">合同文本格式无法显示，请下载 Word 文件查看。</Typography.Text>;
  const doc = parsed.data;
  return (
    <Typography>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {doc.title}
      </Typography.Title>
      {doc.blocks.map((b, i) => {
        if (b.kind === 'heading')
          return (
            <Typography.Title
              key={i}
              level={b.level <= 1 ? 4 : 5}
              style={b.level <= 1 ? { textAlign: 'center' } : {}}
            >
              {b.text}
            </Typography.Title>
          );
        if (b.kind === 'paragraph')
          return (
            <Typography.Paragraph key={i} style={{ textIndent: '2em' }}>
              {b.text}
            </Typography.Paragraph>
          );
        return (
          <Table
            key={i}
            size="small"
            bordered
            pagination={false}
            style={{ marginBottom: 16 }}
            rowKey={(r) => r.key}
            dataSource={b.rows.map((r, n) => ({ key: String(n), cells: r }))}
            columns={b.header.map((h, c) => ({
              title: h,
              key: String(c),
              render: (_: unknown, r: { cells: string[] }) => r.cells[c] ?? '',
            }))}
          />
        );
      })}
    </Typography>
  );
}
