/** Requests that need the wallet unlocked and wait for the person to unlock it. In memory: a re-sent request waits again. */
import type { PageContext } from '../sender';
import { userRejected } from './errors';

interface UnlockWaiter {
  ctx: PageContext;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const waiters = new Set<UnlockWaiter>();

export function addUnlockWaiter(ctx: PageContext): Promise<void> {
  return new Promise((resolve, reject) => {
    waiters.add({ ctx, resolve, reject });
  });
}

export function resolveUnlockWaiters(): void {
  for (const waiter of waiters) waiter.resolve();
  waiters.clear();
}

export function rejectUnlockWaiters(message: string, select: (ctx: PageContext) => boolean = () => true): void {
  for (const waiter of [...waiters]) {
    if (!select(waiter.ctx)) continue;
    waiters.delete(waiter);
    waiter.reject(userRejected(message));
  }
}

export const unlockWaiterCount = (): number => waiters.size;

export const originsWaitingForUnlock = (): string[] => [...new Set([...waiters].map((waiter) => waiter.ctx.origin))];
