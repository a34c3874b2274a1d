import type { ApprovalMessages } from '../../shared/ui-api';
import type { AreaHandlers, UiHandlerDeps } from './types';

export const approvalHandlers = ({ approvals, permissions }: UiHandlerDeps): AreaHandlers<ApprovalMessages> => ({
  ui_pending: () => approvals.pendingViews(),
  ui_decide: async ({ id, decision, choices }) => ({ remaining: await approvals.decide(id, decision, choices) }),
  ui_showApprovals: async () => ({ waiting: await approvals.showApprovals() }),
  ui_sites: async () => ({ sites: await permissions.sites() }),
  ui_revokeSite: async ({ origin }) => {
    await permissions.revoke(origin);
    return true;
  },
});
