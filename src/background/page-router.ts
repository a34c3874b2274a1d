import { ErrorCode, SigilError } from '../shared/errors';
import { isPageMethod, pageParamSchemas, type PageMethod, type PageResult } from '../shared/page-api';
import { connectionHandlers } from './page-handlers/connection';
import { identityPageHandlers } from './page-handlers/identity';
import type { PageHandler, PageHandlers } from './page-handlers/types';
import type { PageContext } from './sender';

const handlers: PageHandlers = { ...connectionHandlers, ...identityPageHandlers };

/** Validates a page request against its method's schema, then runs its handler. */
export async function routePageRequest(ctx: PageContext, requestId: string, method: string, params: unknown): Promise<unknown> {
  if (!isPageMethod(method))
    throw new SigilError(ErrorCode.unsupportedMethod, `Sigil does not support the method ${JSON.stringify(method.slice(0, 100))}.`);
  return dispatch(ctx, requestId, method, params);
}

async function dispatch<M extends PageMethod>(ctx: PageContext, requestId: string, method: M, params: unknown): Promise<PageResult<M>> {
  const handler = handlers[method] as PageHandler<M> | undefined;
  if (!handler) throw new SigilError(ErrorCode.unsupportedMethod, `Sigil does not support ${method} yet.`);
  const parsed = pageParamSchemas[method].parse(params, 'params');
  return handler({ ctx, requestId, params: parsed });
}
