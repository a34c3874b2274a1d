/** The person's decision from the approval window (ui_decide). */
import { ErrorCode, SigilError } from '../../shared/errors';
import type { ApprovalChoices } from '../../shared/ui-api/approvals';
import { rejectSite } from '../permissions';
import type { PendingOutcome, PendingRequestRecord } from '../storage';
import { deliverOutcome } from './await-approval';
import { acceptChoices } from './choices';
import { CANCELLED_REQUEST, noLongerWaiting, REJECTED_CONNECTION, REJECTED_REQUEST } from './errors';
import { isUnlocked } from './lock-state';
import { recordOutcome, waitingRow } from './queue';
import { pendingCount, syncQueue } from './sync';

export type Decision = 'approve' | 'reject' | 'cancel';

async function outcomeFor(row: PendingRequestRecord, decision: Decision, choices: ApprovalChoices): Promise<PendingOutcome> {
  if (decision === 'cancel') return { decision, message: CANCELLED_REQUEST };
  if (decision === 'reject')
    return { decision, message: row.details.method === 'sigil_connect' ? REJECTED_CONNECTION : REJECTED_REQUEST };
  if (!(await isUnlocked())) throw new SigilError(ErrorCode.unauthorized, 'Unlock Sigil before approving a request.');
  return { decision, choices: await acceptChoices(row.details, choices) };
}

/**
 * Records the decision (so a request whose worker was stopped gets it when re-sent), hands it to
 * the waiting request, and remembers a rejected connection. Returns how many requests still wait.
 */
export async function decide(id: string, decision: Decision, choices: ApprovalChoices = {}): Promise<number> {
  const row = await waitingRow(id);
  if (!row) throw noLongerWaiting();
  const outcome = await outcomeFor(row, decision, choices);
  const decided = await recordOutcome(id, outcome);
  if (!decided) throw noLongerWaiting();
  if (decision === 'reject' && row.details.method === 'sigil_connect') await rejectSite(row.origin);
  await deliverOutcome(decided);
  await syncQueue();
  return pendingCount();
}
