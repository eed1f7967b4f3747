import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Space, Typography } from 'antd';
import { formatTime, monospace } from '../../shared/format.ts';
import { downloadReceipt, fetchReceiptKey, receiptKeyKey, type Receipt } from './api.ts';

export function ReceiptDownload({ receipt, size }: { receipt: Receipt; size?: 'small' }) {
  return (
    <Button size={size} icon={<DownloadOutlined />} onClick={() => downloadReceipt(receipt)}>
      下载回执
    </Button>
  );
}

/** The platform-signed receipt of a sealed bid, and how to check it without the platform. */
export function ReceiptView({ receipt }: { receipt: Receipt }) {
  const key = useQuery({ queryKey: receiptKeyKey, queryFn: fetchReceiptKey, staleTime: Infinity });
  const s = receipt.statement;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="bid-receipt">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="接收时间（北京时间）">
          <span data-testid="receipt-received-at">{formatTime(s.receivedAt)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="投标文件编号">
          <Typography.Text style={monospace}>{s.bidId}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="所投包">{s.lots.map((n) => `第 ${n} 包`).join('、')}</Descriptions.Item>
        <Descriptions.Item label="投标文件摘要（SHA-256）">
          <Typography.Text
            style={{ ...monospace, wordBreak: 'break-all' }}
            data-testid="receipt-hash"
            copyable
          >
            {s.envelopeHash}
          </Typography.Text>
        </Descriptions.Item>
        {s.replaces && (
          <Descriptions.Item label="替换">
            <Typography.Text style={monospace}>{s.replaces}</Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      <ReceiptDownload receipt={receipt} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        回执由平台以 Ed25519 签名。离线验证：
        <Typography.Text code>zhengcai receipt verify 回执文件 --public-key &lt;平台公钥&gt;</Typography.Text>
        ，平台回执公钥：
        <Typography.Text
          style={{ ...monospace, wordBreak: 'break-all' }}
          copyable
          data-testid="receipt-public-key"
        >
          {key.data?.publicKey ?? '…'}
        </Typography.Text>
      </Typography.Paragraph>
    </Space>
  );
}
