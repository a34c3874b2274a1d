import { connectionHandlers } from './connection';
import { identityHandlers } from './identity';
import type { PageHandlerDeps, PageHandlers } from './types';

export type { PageHandler, PageHandlerDeps, PageHandlers, PageRequest } from './types';

/** Every page method's handler; the type makes a missing one a compile error. */
export const createPageHandlers = (deps: PageHandlerDeps): PageHandlers => ({ ...connectionHandlers(deps), ...identityHandlers(deps) });
