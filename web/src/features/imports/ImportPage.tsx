import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Progress,
  Radio,
  Space,
  Table,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { rowError } from '../../../../src/modules/orgs/import/contract.ts';
import {
  IMPORT_KINDS,
  importInvalidBody,
  importResult,
  KIND_LABELS,
} from '../../../../src/modules/orgs/import/contract.ts';
import { ApiError, apiUploadWithProgress, errorMessage } from '../../api.ts';
import { monospace, shortHash } from '../../shared/format.ts';

type Kind = z.infer<typeof importResult>['kind'];
type RowError = z.infer<typeof rowError>;
type Invalid = z.infer<typeof importInvalidBody>;

const errorColumns: TableColumnsType<RowError> = [
  { title: '行号', dataIndex: 'row', key: 'row', width: 80 },
  { title: '列', dataIndex: 'column', key: 'column', width: 160 },
  { title: '错误原因', dataIndex: 'message', key: 'message' },
];

/** Bulk import of a register from the centre's template: a dry run first, then the import itself. */
export function ImportPage() {
  const [kind, setKind] = useState<Kind>('experts');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const mutation = useMutation({
    mutationFn: ({ dryRun }: { dryRun: boolean }) => {
      setProgress(0);
      if (!file) throw new ApiError(0, { code: 'FILE_MISSING', message: '请选择要导入的文件' });
      return apiUploadWithProgress(`/api/imports/${kind}`, importResult, file, {
        query: { dryRun },
        onProgress: setProgress,
      });
    },
  });
  const invalid: Invalid | null = (() => {
    const e = mutation.error;
    if (!(e instanceof ApiError) || e.status !== 422) return null;
    const parsed = importInvalidBody.safeParse(e.details);
    return parsed.success ? parsed.data : null;
  })();
  const result = mutation.data;
  const reset = () => {
    mutation.reset();
    setProgress(0);
  };

  return (
    <Card title="数据导入">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          先下载模板、按说明填写，再上传。建议先“试导入”：只校验不写入；文件中任一行有错，整批都不会导入。
        </Typography.Paragraph>
        <Space wrap>
          <span>名单类别</span>
          <Radio.Group
            optionType="button"
            value={kind}
            disabled={mutation.isPending}
            options={IMPORT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            onChange={(e) => {
              setKind(e.target.value as Kind);
              reset();
            }}
          />
          <Button icon={<DownloadOutlined />} href={`/api/imports/${kind}/template`} download>
            下载{KIND_LABELS[kind]}导入模板
          </Button>
        </Space>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          disabled={mutation.isPending}
          beforeUpload={(f) => {
            setFile(f);
            reset();
            return false;
          }}
          onRemove={() => {
            setFile(null);
            reset();
          }}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或拖拽文件到此处（.xlsx 或 CSV）</p>
        </Upload.Dragger>
        <Space>
          <Button
            data-testid="import-dry-run"
            disabled={!file || mutation.isPending}
            onClick={() => mutation.mutate({ dryRun: true })}
          >
            试导入
          </Button>
          <Button
            type="primary"
            data-testid="import-run"
            disabled={!file || mutation.isPending}
            onClick={() => mutation.mutate({ dryRun: false })}
          >
            正式导入
          </Button>
        </Space>
        {(mutation.isPending || progress > 0) && (
          <Progress
            percent={progress}
            status={mutation.isPending ? 'active' : mutation.isError ? 'exception' : 'success'}
            format={(p) => (mutation.isPending && p === 100 ? '校验中…' : `${p ?? 0}%`)}
          />
        )}
        {result && (
          <Alert
            type="success"
            showIcon
            data-testid="import-result"
            title={
              result.dryRun
                ? `试导入通过：共 ${result.rowCount} 行，将新建 ${result.created} 条记录（尚未写入）`
                : `导入完成：共 ${result.rowCount} 行，新建 ${result.created} 条记录`
            }
            description={
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="文件 SHA-256">
                  <span style={monospace} title={result.fileHash}>
                    {shortHash(result.fileHash, 16)}
                  </span>
                </Descriptions.Item>
                {result.importId && (
                  <Descriptions.Item label="审计编号">
                    <span style={monospace}>{result.importId}</span>
                  </Descriptions.Item>
                )}
              </Descriptions>
            }
          />
        )}
        {mutation.isError && !invalid && <Alert type="error" showIcon title={errorMessage(mutation.error)} />}
        {invalid && (
          <>
            <Alert
              type="error"
              showIcon
              data-testid="import-invalid"
              title={invalid.message}
              description={
                invalid.truncated
                  ? `共 ${invalid.errorCount} 处错误，下表列出前 ${invalid.errors.length} 处。`
                  : undefined
              }
            />
            <Table<RowError>
              rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
              size="small"
              columns={errorColumns}
              dataSource={invalid.errors}
              pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 条` }}
            />
          </>
        )}
      </Space>
    </Card>
  );
}
