import { ErrorCode, SigilError } from '../shared/errors';
import { isPageMethod, pageParamSchemas, type PageMethod, type PageParams, type PageResult } from '../shared/page-api';
import type { PageContext } from './sender';
import { walletVersion } from './wallet-info';

type PageHandler<M extends PageMethod> = (ctx: PageContext, params: PageParams<M>) => Promise<PageResult<M>>;
type PageHandlers = { [M in PageMethod]?: PageHandler<M> };

const handlers: PageHandlers = {
  sigil_ping: async (ctx) => ({ origin: ctx.origin, version: walletVersion() }),
};

/** Validates a page request against its method's schema, then runs its handler. */
export async function routePageRequest(ctx: PageContext, method: string, params: unknown): Promise<unknown> {
  if (!isPageMethod(method)) throw new SigilError(ErrorCode.unsupportedMethod, `Sigil does not support the method ${JSON.stringify(method.slice(0, 100))}.`);
  return dispatch(ctx, method, params);
}

async function dispatch<M extends PageMethod>(ctx: PageContext, method: M, params: unknown): Promise<PageResult<M>> {
  const handler = handlers[method] as PageHandler<M> | undefined;
  if (!handler) throw new SigilError(ErrorCode.unsupportedMethod, `Sigil does not support ${method} yet.`);
  const parsed = pageParamSchemas[method].parse(params, 'params');
  return handler(ctx, parsed);
}
