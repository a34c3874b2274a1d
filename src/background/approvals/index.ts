/**
 * Page requests waiting for the person (DESIGN §1, §3): the queue in IndexedDB, the one approval
 * window, the toolbar badge, and the wait for unlock. Page handlers call awaitApproval and
 * awaitUnlocked; the approval window answers through decide.
 */
export { awaitApproval, awaitUnlocked, type ApprovalRequest } from './await-approval';
export { decide, type Decision } from './decide';
export { onPageGone, onUnlocked, onWindowRemoved } from './lifecycle';
export { pendingCount, showApprovals } from './sync';
export { pendingViews } from './views';
export { PENDING_LIMIT_PER_ORIGIN } from './errors';
export { REJECTED_CONNECTION, userRejected } from './errors';
export { registerApprovalListeners } from './listeners';
