import { Space, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ChallengesPanel } from './challenges/ChallengesPanel.tsx';
import { ContractsPage } from './contracts/ContractsPage.tsx';
import { SigningKeyCard } from './contracts/SigningKeyCard.tsx';

/** /app/projects/:id/contracts — the contracts of one project. */
export function ProjectContractsPage() {
  const { id = '' } = useParams();
  return <ContractsPage projectId={id} />;
}

/** /app/projects/:id/challenges — the challenges of one project (where the alerts link). */
export function ProjectChallengesPage() {
  const { id = '' } = useParams();
  return <ChallengesPanel projectId={id} />;
}

/** /app/signing-key — the account's own contract-signing key. */
export function SigningKeyPage() {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        电子签名密钥
      </Typography.Title>
      <SigningKeyCard />
    </Space>
  );
}
