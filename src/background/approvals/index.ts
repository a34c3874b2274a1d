/**
 * Page requests waiting for the person: the controller (approvals-controller.ts), the queue rows
 * (queue.ts), the window and badge (approval-window.ts), the in-memory waiters (waiters.ts), the
 * check of the person's choices (choices.ts) and the messages (errors.ts).
 */
export { ApprovalsController, type ApprovalRequest, type Decision, type WalletLockState } from './approvals-controller';
export { ApprovalQueue } from './queue';
export { ApprovalWindow } from './approval-window';
export { PENDING_LIMIT_PER_ORIGIN, REJECTED_CONNECTION, userRejected } from './errors';
