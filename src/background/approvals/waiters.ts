/**
 * The requests this background instance is answering, in memory: those waiting for a decision
 * (keyed by origin and the content script's request id; a re-sent request adds a second waiter
 * under the same key and a decision settles them all), and those waiting for the wallet to unlock
 * (a re-sent one simply waits again).
 */
import type { ApprovalChoices } from '../../shared/ui-api/approvals';
import type { PageContext } from '../sender';
import type { PendingOutcome } from '../storage';
import { userRejected } from './errors';

interface Waiter {
  resolve: (choices: ApprovalChoices) => void;
  reject: (error: unknown) => void;
}

export const waiterKey = (origin: string, requestId: string): string => `${origin}\n${requestId}`;

export class DecisionWaiters {
  private readonly waiting = new Map<string, Set<Waiter>>();

  /** Registers a waiter synchronously, so a decision recorded after this call always reaches it. */
  add(key: string): { promise: Promise<ApprovalChoices>; fail: (error: unknown) => void } {
    let waiter!: Waiter;
    const promise = new Promise<ApprovalChoices>((resolve, reject) => {
      waiter = { resolve, reject };
    });
    let set = this.waiting.get(key);
    if (!set) this.waiting.set(key, (set = new Set()));
    set.add(waiter);
    const remove = () => {
      set.delete(waiter);
      if (set.size === 0 && this.waiting.get(key) === set) this.waiting.delete(key);
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
  settle(key: string, outcome: PendingOutcome): boolean {
    const set = this.waiting.get(key);
    if (!set || set.size === 0) return false;
    this.waiting.delete(key);
    for (const waiter of set) {
      if (outcome.decision === 'approve') waiter.resolve(outcome.choices);
      else waiter.reject(userRejected(outcome.message));
    }
    return true;
  }
}

interface UnlockWaiter {
  ctx: PageContext;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class UnlockWaiters {
  private readonly waiters = new Set<UnlockWaiter>();

  add(ctx: PageContext): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.add({ ctx, resolve, reject });
    });
  }

  resolveAll(): void {
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters.clear();
  }

  reject(message: string, select: (ctx: PageContext) => boolean = () => true): void {
    for (const waiter of [...this.waiters]) {
      if (!select(waiter.ctx)) continue;
      this.waiters.delete(waiter);
      waiter.reject(userRejected(message));
    }
  }

  get size(): number {
    return this.waiters.size;
  }

  countOf(origin: string): number {
    return [...this.waiters].filter((waiter) => waiter.ctx.origin === origin).length;
  }

    origins(): string[] {
    return [...new Set([...this.waiters].map((waiter) => waiter.ctx.origin))];
  }
}
