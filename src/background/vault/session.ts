/**
 * The unlocked state. The vault key lives in `storage.session` (injected as `SessionStore`), so a
 * worker the browser stopped answers the next request without asking for the password again, and
 * a browser restart locks the wallet because the browser empties `storage.session` itself.
 * The extension must keep `storage.session` to trusted contexts (the default access level).
 *
 * Every operation runs through one queue: an operation that reads the session and writes it back
 * (recordActivity) must not interleave with lock(), or the lock would be undone.
 *
 * The session is read from `storage.session` once per worker and then kept in memory (every page
 * request asks for it; one read costs about 0.1–0.3 ms). Each write of this class updates the copy,
 * and a change event for the key (a write from anywhere, this class's own included) drops it, so the
 * copy is the stored session; the deadline is still checked on every read.
 */
import { AutoLockPolicy } from './auto-lock';
import { fromBase64, hasExactKeys, isPlainObject, toBase64 } from './encoding';
import { VaultError } from './errors';
import { SerialQueue } from './serial-queue';

/** The subset of `browser.storage.session` the session needs. */
export interface SessionStore {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
  /** The browser's change events for this area (StorageArea.onChanged), when it has them. */
  onChanged?: { addListener(listener: (changes: Record<string, unknown>) => void): void };
}

export const SESSION_STORAGE_KEY = 'sigil.vaultSession';
const VAULT_KEY_BYTES = 32;

interface StoredSession {
  vaultKey: string;
  unlockedAt: number;
  lastActivityAt: number;
}

export interface SessionTimes {
  readonly unlockedAt: number;
  readonly lastActivityAt: number;
}

interface SessionState extends SessionTimes {
  readonly vaultKey: Uint8Array;
}

function readStoredSession(value: unknown): SessionState | null {
  if (!isPlainObject(value) || !hasExactKeys(value, ['vaultKey', 'unlockedAt', 'lastActivityAt'])) return null;
  const vaultKey = typeof value.vaultKey === 'string' ? fromBase64(value.vaultKey) : null;
  if (!vaultKey || vaultKey.length !== VAULT_KEY_BYTES) return null;
  if (!Number.isSafeInteger(value.unlockedAt) || !Number.isSafeInteger(value.lastActivityAt)) return null;
  return { vaultKey, unlockedAt: value.unlockedAt as number, lastActivityAt: value.lastActivityAt as number };
}

export type AutoLockCheck =
  | { readonly state: 'locked' }
  | { readonly state: 'expired' }
  | { readonly state: 'unlocked'; readonly deadline: number | null };

export interface VaultSessionOptions {
  autoLock?: AutoLockPolicy;
  now?: () => number;
  /** Called when a read finds the session past its deadline and locks it. */
  onExpired?: () => void;
}

export class VaultSession {
  private autoLock: AutoLockPolicy;
  private readonly now: () => number;
  private readonly onExpired: () => void;
  private readonly queue = new SerialQueue();
  /** The stored session as last read or written by this worker; undefined until first read. */
  private known: SessionState | null | undefined = undefined;

  constructor(
    private readonly store: SessionStore,
    options: VaultSessionOptions = {},
  ) {
    this.autoLock = options.autoLock ?? new AutoLockPolicy();
    this.now = options.now ?? Date.now;
    this.onExpired = options.onExpired ?? (() => undefined);
    // Another of Sigil's contexts may write the session (tests age it that way): read it again then.
    store.onChanged?.addListener((changes) => {
      if (SESSION_STORAGE_KEY in changes) this.known = undefined;
    });
  }

  get autoLockPolicy(): AutoLockPolicy {
    return this.autoLock;
  }

  setAutoLock(policy: AutoLockPolicy): void {
    this.autoLock = policy;
  }

  unlockSession(vaultKey: Uint8Array): Promise<void> {
    if (vaultKey.length !== VAULT_KEY_BYTES)
      return Promise.reject(new VaultError('SESSION_INVALID', 'The vault key has a wrong size.'));
    return this.queue.run(async () => {
      const now = this.now();
      const stored: StoredSession = { vaultKey: toBase64(vaultKey), unlockedAt: now, lastActivityAt: now };
      await this.write(stored, { vaultKey: Uint8Array.from(vaultKey), unlockedAt: now, lastActivityAt: now });
    });
  }

  /** The vault key while unlocked; null when locked. An expired or malformed session is locked on the spot. */
  currentVaultKey(): Promise<Uint8Array | null> {
    // A copy: whoever gets it may wipe it without wiping the session's.
    return this.queue.run(async () => {
      const state = await this.readState();
      return state ? Uint8Array.from(state.vaultKey) : null;
    });
  }

  /** Unlock and last-activity times (no key), or null when locked. */
  times(): Promise<SessionTimes | null> {
    return this.queue.run(async () => {
      const state = await this.readState();
      return state ? { unlockedAt: state.unlockedAt, lastActivityAt: state.lastActivityAt } : null;
    });
  }

  /** Moves the auto-lock deadline; call on user activity. Does nothing while locked. */
  recordActivity(): Promise<void> {
    return this.queue.run(async () => {
      const state = await this.readState();
      if (!state) return;
      const lastActivityAt = this.now();
      const stored: StoredSession = { vaultKey: toBase64(state.vaultKey), unlockedAt: state.unlockedAt, lastActivityAt };
      await this.write(stored, { ...state, lastActivityAt });
    });
  }

  /** When the session will lock (for the alarm), or null if locked or never. */
  lockDeadline(): Promise<number | null> {
    return this.queue.run(async () => {
      const state = await this.readState();
      return state ? this.autoLock.deadline(state.lastActivityAt) : null;
    });
  }

  /**
   * For the auto-lock alarm: locks the session if its deadline has passed. Says whether this call
   * locked it ('expired'), it was locked already, or it stays unlocked until `deadline`.
   */
  expireIfDue(): Promise<AutoLockCheck> {
    return this.queue.run(async () => {
      if ((await this.stored()) === null) return { state: 'locked' };
      const state = await this.readState();
      if (!state) return { state: 'expired' };
      return { state: 'unlocked', deadline: this.autoLock.deadline(state.lastActivityAt) };
    });
  }

  lock(): Promise<void> {
    return this.queue.run(() => this.removeSession());
  }

  private async removeSession(): Promise<void> {
    // Forgotten before the write: a failed remove must not leave the key usable in memory.
    this.known = null;
    await this.store.remove(SESSION_STORAGE_KEY);
  }

  private async write(stored: StoredSession, state: SessionState): Promise<void> {
    // Unknown while the write is under way: if it fails, the next read asks the store again.
    this.known = undefined;
    await this.store.set({ [SESSION_STORAGE_KEY]: stored });
    this.known = state;
  }

  /** Only inside a queued operation: the stored session (null when none), read once per worker. */
  private async stored(): Promise<SessionState | 'malformed' | null> {
    if (this.known !== undefined) return this.known;
    const raw = (await this.store.get(SESSION_STORAGE_KEY))[SESSION_STORAGE_KEY];
    if (raw === undefined) return (this.known = null);
    const state = readStoredSession(raw);
    if (!state) return 'malformed';
    return (this.known = state);
  }

  /** Only inside a queued operation. */
  private async readState(): Promise<SessionState | null> {
    const state = await this.stored();
    if (state === null) return null;
    if (state === 'malformed') {
      await this.removeSession();
      return null;
    }
    if (this.autoLock.isExpired(state, this.now())) {
      await this.removeSession();
      this.onExpired();
      return null;
    }
    return state;
  }
}
