/** The public portal: its routes, and the search index every published notice gets (ADR 0008). */
import { onDomainEvent } from '../../../platform/domain-events.ts';
import { onNoticePublished } from './search-index.ts';

// Every notice is indexed in the transaction that publishes it, whichever stage publishes.
onDomainEvent('tendering.noticePublished', onNoticePublished);

export { portalRoutes } from './routes.ts';
