import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { templateBody } from '../../../../src/modules/tendering/contract.ts';
import { errorMessage } from '../../api.ts';
import { zodRule } from '../../shared/forms.ts';
import { formatTime } from '../../shared/format.ts';
import { fetchTemplates, reviseTemplate, templatesPath, type TemplateView } from './api.ts';
import { showFieldErrors } from './fields.tsx';

interface Values {
  title?: string;
  sections?: { heading?: string; body?: string }[];
  note?: string;
}
const fields = ['title', 'sections', 'note'];

function ReviseDrawer({ template, onClose }: { template: TemplateView | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      reviseTemplate(template?.kind ?? '', {
        title: v.title ?? '',
        sections: (v.sections ?? []).map((s) => ({ heading: s.heading ?? '', body: s.body ?? '' })),
        note: v.note?.trim() ? v.note : null,
      }),
    onSuccess: (saved) => {
      void message.success(`已生成第 ${saved.version} 版`);
      void queryClient.invalidateQueries({ queryKey: [templatesPath] });
      onClose();
    },
    onError: (error) => {
      if (!showFieldErrors(form, fields, error)) void message.error(errorMessage(error));
    },
  });
  return (
    <Drawer
      title={template ? `修订范本：${template.kindLabel}` : ''}
      open={template !== null}
      size="large"
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => form.submit()}>
            保存为新版本
          </Button>
        </Space>
      }
    >
      {template && (
        <Form<Values>
          form={form}
          layout="vertical"
          disabled={mutation.isPending}
          initialValues={{ title: template.title, sections: template.sections, note: '' }}
          onFinish={(v) => mutation.mutate(v)}
        >
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="正文可使用 {{占位符}}（如 {{project.name}}、{{lots}}），每行一段；已使用旧版本的项目不受影响。"
          />
          <Form.Item label="范本标题" name="title" required rules={[zodRule(templateBody.shape.title)]}>
            <Input />
          </Form.Item>
          <Form.List name="sections">
            {(items, { add, remove }) => (
              <>
                {items.map((item, index) => (
                  <Card
                    key={item.key}
                    size="small"
                    style={{ marginBottom: 12 }}
                    title={`第 ${index + 1} 节`}
                    extra={
                      <Button
                        size="small"
                        icon={<DeleteOutlined />}
                        disabled={items.length === 1}
                        onClick={() => remove(item.name)}
                        aria-label="删除此节"
                      />
                    }
                  >
                    <Form.Item
                      label="标题"
                      name={[item.name, 'heading']}
                      rules={[{ required: true, whitespace: true, message: '请填写标题' }]}
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item label="正文" name={[item.name, 'body']}>
                      <Input.TextArea autoSize={{ minRows: 3, maxRows: 16 }} />
                    </Form.Item>
                  </Card>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ heading: '', body: '' })}
                  style={{ marginBottom: 16 }}
                >
                  添加一节
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item label="修订说明" name="note">
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}

function KindPanel({
  versions,
  canRevise,
  onRevise,
}: {
  versions: TemplateView[];
  canRevise: boolean;
  onRevise: (t: TemplateView) => void;
}) {
  const current = versions.find((v) => v.current) ?? versions[0];
  if (!current) return <Empty />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 3 }}
        title={current.title}
        extra={
          canRevise && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => onRevise(current)}>
              修订
            </Button>
          )
        }
      >
        <Descriptions.Item label="当前版本">第 {current.version} 版</Descriptions.Item>
        <Descriptions.Item label="发布时间">{formatTime(current.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="修订说明">{current.note ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Collapse
        items={current.sections.map((s, i) => ({
          key: String(i),
          label: s.heading,
          children: (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {s.body}
            </Typography.Paragraph>
          ),
        }))}
      />
      <Table<TemplateView>
        rowKey="id"
        size="small"
        pagination={false}
        title={() => <Typography.Text strong>版本历史</Typography.Text>}
        dataSource={[...versions].sort((a, b) => b.version - a.version)}
        columns={[
          {
            title: '版本',
            dataIndex: 'version',
            key: 'version',
            render: (v: number, r) => (
              <Space>
                第 {v} 版{r.current && <Tag color="green">当前</Tag>}
              </Space>
            ),
          },
          { title: '标题', dataIndex: 'title', key: 'title' },
          { title: '节数', key: 'sections', render: (_: unknown, r) => r.sections.length },
          { title: '修订说明', dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? '—' },
          { title: '时间', dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatTime(v) },
        ]}
      />
    </Space>
  );
}

/** 招标文件范本: the current version of each kind with its history; a revision is a new version. */
export function TemplatesPage() {
  const query = useQuery({ queryKey: [templatesPath], queryFn: fetchTemplates });
  const [revising, setRevising] = useState<TemplateView | null>(null);
  const byKind = new Map<string, TemplateView[]>();
  for (const t of query.data?.items ?? []) byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), t]);
  const canRevise = query.data?.abilities.includes('revise') ?? false;
  return (
    <Card title="招标文件范本">
      {query.isError && <Alert type="error" showIcon title={errorMessage(query.error)} />}
      {query.isPending ? (
        <Spin />
      ) : (
        <Tabs
          items={[...byKind.entries()].map(([kind, versions]) => ({
            key: kind,
            label: versions[0]?.kindLabel ?? kind,
            children: <KindPanel versions={versions} canRevise={canRevise} onRevise={setRevising} />,
          }))}
        />
      )}
      <ReviseDrawer template={revising} onClose={() => setRevising(null)} />
    </Card>
  );
}
