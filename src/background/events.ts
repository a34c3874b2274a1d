/**
 * In-background notifications between modules: the vault announces lock/unlock, identities announce
 * changes, approvals announce the queue. Listeners fan them out to pages and UI; a failing listener
 * never stops the others.
 */
export type WalletEvent =
  | { type: 'lock' }
  | { type: 'unlock' }
  | { type: 'entitiesChanged'; dids: string[] }
  | { type: 'pendingChanged' }
  | { type: 'stateChanged' }
  | { type: 'siteDisconnected'; origin: string };

type Listener = (event: WalletEvent) => void;

const listeners = new Set<Listener>();

export function onWalletEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitWalletEvent(event: WalletEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch {
      // A broken listener must not keep the event from the others.
    }
  }
}
