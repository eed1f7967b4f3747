import type { ProjectView } from '../tendering/api.ts';
import { BidPanel } from './BidPanel.tsx';
import { CustodiansPanel } from './CustodiansPanel.tsx';
import { DepositPanel } from './DepositPanel.tsx';
import { OpeningHallLink } from './OpeningHallLink.tsx';

/**
 * What the project page shows of sealed bidding: the supplier's 投标 and 投标保证金 panels, or the centre's and
 * supervisors' 开标密钥保管人 and the bidders' deposits. Each panel decides from the session's abilities whether
 * it applies, and renders nothing if not.
 */
export function BiddingPanels({ project }: { project: ProjectView }) {
  return (
    <>
      <OpeningHallLink project={project} />
      <BidPanel project={project} />
      <DepositPanel project={project} />
      <CustodiansPanel project={project} />
    </>
  );
}
