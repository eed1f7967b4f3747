import { DownloadOutlined, InboxOutlined, LineChartOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Progress, Space, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../../../api.ts';
import { reportPath } from '../api.ts';
import { historyKey, invalidOf, templateUrl, uploadLedger } from './api.ts';
import { ErrorReport, ImportSummary } from './ImportOutcome.tsx';
import { ImportsTable } from './ImportsTable.tsx';

const STEPS = ['下载模板', '选择文件', '校验', '导入'];

const GUIDE =
  '每行是一个采购人在一个项目的一个标段（包）中的份额；金额以“元”填写，最多两位小数；按合同签订日期计入统计期间。' +
  '模板的“说明”表列出每一列的格式和可选值。CSV 须为 UTF-8 编码（Excel：另存为 → “CSV UTF-8（逗号分隔）”）。' +
  '台账整份导入：任一行有错，整份都不导入。建议先“校验”，再“导入”。';

/**
 * 历史台账导入: a centre's ledgers from before the platform (docs/HISTORICAL-IMPORT.md), checked whole and imported
 * whole, so the statistics cover those years; earlier imports listed with their totals and withdrawable.
 */
export function HistoryImportPage() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const upload = useMutation({
    mutationFn: ({ dryRun }: { dryRun: boolean }) => {
      setProgress(0);
      if (!file) throw new ApiError(0, { code: 'FILE_MISSING', message: '请选择要导入的台账文件' });
      return uploadLedger(file, dryRun, setProgress);
    },
    onSuccess: async (result) => {
      if (result.dryRun) return;
      await queryClient.invalidateQueries({ queryKey: historyKey });
      await queryClient.invalidateQueries({ queryKey: [reportPath] });
    },
  });
  const result = upload.data;
  const invalid = invalidOf(upload.error);
  // A 4xx is a refusal: nothing was written. A lost connection leaves it open, so the list below is the answer.
  const refused = upload.error instanceof ApiError && upload.error.status >= 400 && upload.error.status < 500;
  const dryRun = upload.variables?.dryRun ?? true;
  const reset = () => {
    upload.reset();
    setProgress(0);
  };

  // Steps count from 0: the template is taken as done; a failure marks the step that failed.
  const imported = result !== undefined && !result.dryRun;
  const current = upload.isError ? (dryRun ? 2 : 3) : imported || result ? 3 : file ? 2 : 1;
  const stepStatus = upload.isError ? 'error' : imported ? 'finish' : 'process';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="history-page">
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
          <Space orientation="vertical" size={0}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              历史台账导入
            </Typography.Title>
            <Typography.Text type="secondary">
              导入使用平台之前的采购台账，使统计分析覆盖这些年份。
            </Typography.Text>
          </Space>
          <Link to="/app/statistics">
            <LineChartOutlined /> 统计分析
          </Link>
        </Flex>
        <Steps
          size="small"
          current={current}
          status={stepStatus}
          style={{ marginBottom: 16 }}
          items={STEPS.map((title) => ({ title }))}
        />
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {GUIDE}
          </Typography.Paragraph>
          <div>
            <Button icon={<DownloadOutlined />} href={templateUrl} download data-testid="history-template">
              下载导入模板
            </Button>
          </div>
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            disabled={upload.isPending}
            beforeUpload={(f) => {
              setFile(f);
              reset();
              return false;
            }}
            onRemove={() => {
              setFile(null);
              reset();
            }}
            fileList={file ? [{ uid: 'ledger', name: file.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">
              点击或拖拽台账文件到此处（.xlsx 或 UTF-8 CSV，最大 32 MB、50,000 行）
            </p>
          </Upload.Dragger>
          <Space>
            <Button
              data-testid="history-dry-run"
              disabled={!file || upload.isPending}
              loading={upload.isPending && dryRun}
              onClick={() => upload.mutate({ dryRun: true })}
            >
              校验
            </Button>
            <Button
              type="primary"
              data-testid="history-import"
              disabled={!file || upload.isPending || (result !== undefined && !result.dryRun)}
              loading={upload.isPending && !dryRun}
              onClick={() => upload.mutate({ dryRun: false })}
            >
              导入
            </Button>
          </Space>
          {(upload.isPending || progress > 0) && (
            <Progress
              data-testid="history-progress"
              percent={progress}
              status={upload.isPending ? 'active' : upload.isError ? 'exception' : 'success'}
              format={(p) => (upload.isPending && p === 100 ? '校验中…' : `${p ?? 0}%`)}
            />
          )}
          {result && <ImportSummary result={result} />}
          {upload.isError && !invalid && (
            <Alert
              type="error"
              showIcon
              data-testid="history-error"
              title={errorMessage(upload.error)}
              description={refused ? '本次未导入任何记录。' : undefined}
            />
          )}
          {invalid && <ErrorReport invalid={invalid} dryRun={dryRun} />}
        </Space>
      </Card>
      <ImportsTable
        onWithdrawn={(id) => {
          // The summary of a batch just withdrawn no longer describes anything in the statistics.
          if (result?.importId === id) reset();
        }}
      />
    </Space>
  );
}
