import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatTime } from '../../shared/format.ts';
import { can, useSession } from '../auth/session.ts';
import type { ProjectView } from '../tendering/api.ts';
import { fetchMyBids, myBidsKey } from './api.ts';

/** From publication on a project has an opening to go to (or, once failed at the opening, a record of it). */
const HAS_OPENING = [
  'published',
  'corrected',
  'bidsClosed',
  'opened',
  'evaluating',
  'awarded',
  'contracted',
  'failed',
];

function HallCard({ project }: { project: ProjectView }) {
  return (
    <Card size="small" title="开标" data-testid="opening-hall-link">
      <Space wrap>
        <Typography.Text type="secondary">
          开标时间 {formatTime(project.schedule.openingAt ?? project.schedule.bidDeadlineAt)}
          {project.schedule.openingPlace ? `，${project.schedule.openingPlace}` : ''}
        </Typography.Text>
        <Link to={`/app/projects/${project.id}/opening`}>
          <Button type="primary">进入开标大厅</Button>
        </Link>
      </Space>
    </Card>
  );
}

/** A supplier goes to the hall only with a bid of its own in the project: the server shows it nothing else. */
function BidderHallLink({ project }: { project: ProjectView }) {
  const bids = useQuery({ queryKey: myBidsKey(project.id), queryFn: () => fetchMyBids(project.id) });
  if (!bids.data?.items.some((b) => b.status === 'submitted')) return null;
  return <HallCard project={project} />;
}

/** The way into the 开标大厅: the centre and the supervisors on every published project, bidders with a bid. */
export function OpeningHallLink({ project }: { project: ProjectView }) {
  const session = useSession();
  const abilities = session.data?.abilities;
  if (!HAS_OPENING.includes(project.status) || !can(abilities, 'opening', 'read')) return null;
  if (can(abilities, 'bid', 'register')) return <BidderHallLink project={project} />;
  return <HallCard project={project} />;
}
