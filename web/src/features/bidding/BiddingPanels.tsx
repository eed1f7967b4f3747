import type { ProjectView } from '../tendering/api.ts';
import { BidPanel } from './BidPanel.tsx';
import { CustodiansPanel } from './CustodiansPanel.tsx';
import { OpeningHallLink } from './OpeningHallLink.tsx';

/**
 * What the project page shows of sealed bidding: the supplier's 投标 panel, or the centre's and supervisors'
 * 开标密钥保管人. Each panel decides from the session's abilities whether it applies, and renders nothing if not.
 */
export function BiddingPanels({ project }: { project: ProjectView }) {
  return (
    <>
      <OpeningHallLink project={project} />
      <BidPanel project={project} />
      <CustodiansPanel project={project} />
    </>
  );
}
