import { ErrorCode, SigilError } from '../shared/errors';
import { isPageMethod, pageParamSchemas, type PageMethod, type PageResult } from '../shared/page-api';
import { connectionHandlers } from './page-handlers/connection';
import { identityPageHandlers } from './page-handlers/identity';
import type { PageHandler, PageHandlers } from './page-handlers/types';
import { takeRequestAllowance } from './permissions';
import type { PageContext } from './sender';

const handlers: PageHandlers = { ...connectionHandlers, ...identityPageHandlers };

/**
 * Requests this instance is running, by origin, frame and request id: the same request re-sent
 * (its Port closed while the page lived on) joins the first run instead of running twice.
 */
const running = new Map<string, Promise<unknown>>();

/** Rate-limits per origin, validates the request against its method's schema, then runs its handler once. */
export function routePageRequest(ctx: PageContext, requestId: string, method: string, params: unknown): Promise<unknown> {
  const key = `${ctx.origin}\n${ctx.tabId}\n${ctx.frameId}\n${requestId}`;
  const inFlight = running.get(key);
  if (inFlight) return inFlight;
  const run = (async () => {
    takeRequestAllowance(ctx.origin);
    if (!isPageMethod(method))
      throw new SigilError(ErrorCode.unsupportedMethod, `Sigil does not support the method ${JSON.stringify(method.slice(0, 100))}.`);
    return dispatch(ctx, requestId, method, params);
  })();
  running.set(key, run);
  const forget = () => running.delete(key);
  run.then(forget, forget);
  return run;
}

async function dispatch<M extends PageMethod>(ctx: PageContext, requestId: string, method: M, params: unknown): Promise<PageResult<M>> {
  const handler = handlers[method] as PageHandler<M> | undefined;
  if (!handler) throw new SigilError(ErrorCode.unsupportedMethod, `Sigil does not support ${method} yet.`);
  // EIP-1193 callers leave params out when they have none to give: the same as an empty object.
  const parsed = pageParamSchemas[method].parse(params === undefined ? {} : params, 'params');
  return handler({ ctx, requestId, params: parsed });
}
