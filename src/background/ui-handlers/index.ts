import { approvalHandlers } from './approvals';
import { identityHandlers } from './identities';
import { registrationHandlers } from './registration';
import type { UiHandlerDeps, UiHandlers } from './types';
import { vaultHandlers } from './vault';

export type { UiCall, UiHandler, UiHandlerDeps, UiHandlers } from './types';

/** Every UI message's handler; the type makes a missing one a compile error. */
export const createUiHandlers = (deps: UiHandlerDeps): UiHandlers => ({
  ...vaultHandlers(deps),
  ...identityHandlers(deps),
  ...approvalHandlers(deps),
  ...registrationHandlers(deps),
});
