import type { ApprovalMessages } from '../../shared/ui-api';
import { decide, pendingViews, showApprovals } from '../approvals';
import { listSites, revokeSite } from '../permissions';
import type { AreaHandlers } from './types';

export const approvalHandlers: AreaHandlers<ApprovalMessages> = {
  ui_pending: () => pendingViews(),
  ui_decide: async ({ id, decision, choices }) => ({ remaining: await decide(id, decision, choices) }),
  ui_showApprovals: async () => ({ waiting: await showApprovals() }),
  ui_sites: async () => ({ sites: await listSites() }),
  ui_revokeSite: async ({ origin }) => {
    await revokeSite(origin);
    return true;
  },
};
