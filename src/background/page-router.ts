import { ErrorCode, SigilError } from '../shared/errors';
import { isPageMethod, pageParamSchemas, type PageMethod, type PageResult } from '../shared/page-api';
import type { PageHandler, PageHandlers } from './page-handlers';
import type { RateLimiter } from './permissions';
import type { PageContext } from './sender';

/**
 * Routes page requests: rate-limits per origin, validates the params against the method's schema,
 * then runs the method's handler once. The same request re-sent (its Port closed while the page
 * lived on) joins the first run instead of running twice.
 */
export class PageRouter {
  /** Requests this instance is running, by origin, frame and request id. */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly handlers: PageHandlers,
    private readonly rateLimiter: RateLimiter,
  ) {}

  route(ctx: PageContext, requestId: string, method: string, params: unknown): Promise<unknown> {
    const key = `${ctx.origin}\n${ctx.tabId}\n${ctx.frameId}\n${requestId}`;
    const inFlight = this.running.get(key);
    if (inFlight) return inFlight;
    const run = (async () => {
      this.rateLimiter.take(ctx.origin);
      if (!isPageMethod(method))
        throw new SigilError(ErrorCode.unsupportedMethod, `Sigil does not support the method ${JSON.stringify(method.slice(0, 100))}.`);
      return this.dispatch(ctx, requestId, method, params);
    })();
    this.running.set(key, run);
    const forget = () => this.running.delete(key);
    run.then(forget, forget);
    return run;
  }

  private async dispatch<M extends PageMethod>(ctx: PageContext, requestId: string, method: M, params: unknown): Promise<PageResult<M>> {
    const handler = this.handlers[method] as PageHandler<M>;
    // EIP-1193 callers leave params out when they have none to give: the same as an empty object.
    const parsed = pageParamSchemas[method].parse(params === undefined ? {} : params, 'params');
    return handler({ ctx, requestId, params: parsed });
  }
}
