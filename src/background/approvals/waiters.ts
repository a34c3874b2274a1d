/**
 * The requests this background instance is answering, waiting for a decision. Keyed by origin and
 * the content script's request id; a re-sent request adds a second waiter under the same key, and
 * a decision settles them all.
 */
import type { PendingOutcome } from '../storage';
import type { ApprovalChoices } from '../../shared/ui-api/approvals';
import { userRejected } from './errors';

interface Waiter {
  resolve: (choices: ApprovalChoices) => void;
  reject: (error: unknown) => void;
}

const waiting = new Map<string, Set<Waiter>>();

export const waiterKey = (origin: string, requestId: string): string => `${origin}\n${requestId}`;

/** Registers a waiter synchronously, so a decision recorded after this call always reaches it. */
export function addWaiter(key: string): { promise: Promise<ApprovalChoices>; fail: (error: unknown) => void } {
  let waiter!: Waiter;
  const promise = new Promise<ApprovalChoices>((resolve, reject) => {
    waiter = { resolve, reject };
  });
  let set = waiting.get(key);
  if (!set) waiting.set(key, (set = new Set()));
  set.add(waiter);
  const remove = () => {
    set.delete(waiter);
    if (set.size === 0 && waiting.get(key) === set) waiting.delete(key);
  };
  return {
    promise,
    fail: (error) => {
      remove();
      waiter.reject(error);
    },
  };
}

/** Hands an outcome to every waiter of `key`; returns whether anyone was waiting. */
export function settleWaiters(key: string, outcome: PendingOutcome): boolean {
  const set = waiting.get(key);
  if (!set || set.size === 0) return false;
  waiting.delete(key);
  for (const waiter of set) {
    if (outcome.decision === 'approve') waiter.resolve(outcome.choices);
    else waiter.reject(userRejected(outcome.message));
  }
  return true;
}
