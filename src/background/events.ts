/**
 * In-background notifications between controllers: the wallet announces lock/unlock, identities
 * announce changes, approvals announce the queue. Listeners fan them out to pages and UI; a failing
 * listener never stops the others.
 */
export type WalletEvent =
  | { type: 'lock' }
  | { type: 'unlock' }
  | { type: 'entitiesChanged'; dids: string[] }
  | { type: 'pendingChanged' }
  | { type: 'stateChanged' }
  | { type: 'siteDisconnected'; origin: string };

export type WalletEventListener = (event: WalletEvent) => void;

export class WalletEvents {
  private readonly listeners = new Set<WalletEventListener>();

  on(listener: WalletEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: WalletEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken listener must not keep the event from the others.
      }
    }
  }
}
