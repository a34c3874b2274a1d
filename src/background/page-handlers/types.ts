import type { PageMethod, PageParams, PageResult } from '../../shared/page-api';
import type { ApprovalsController } from '../approvals';
import type { IdentitiesController } from '../identities';
import type { PermissionsController, SiteEvents } from '../permissions';
import type { PageContext } from '../sender';
import type { SigilDatabase } from '../storage';

/** One page request as a handler sees it: the browser-reported context, the request id, parsed params. */
export interface PageRequest<M extends PageMethod> {
  ctx: PageContext;
  /**
   * Unique per request and stable across re-sends after a worker restart (the content script
   * keeps it), so a handler can find the approval it already queued instead of queueing another.
   */
  requestId: string;
  params: PageParams<M>;
}

export type PageHandler<M extends PageMethod> = (request: PageRequest<M>) => Promise<PageResult<M>>;

/** One handler for every page method: a method without one does not compile. */
export type PageHandlers = { [M in PageMethod]: PageHandler<M> };

export interface PageHandlerDeps {
  db: SigilDatabase;
  identities: IdentitiesController;
  permissions: PermissionsController;
  approvals: ApprovalsController;
  siteEvents: SiteEvents;
  walletVersion: string;
  now: () => number;
}
