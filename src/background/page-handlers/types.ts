import type { PageMethod, PageParams, PageResult } from '../../shared/page-api';
import type { PageContext } from '../sender';

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
export type PageHandlers = { [M in PageMethod]?: PageHandler<M> };
