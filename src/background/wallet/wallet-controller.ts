/**
 * The vault and its session: whether the wallet exists and is unlocked, the vault key for those who
 * need it, unlocking and locking (with the auto-lock alarm and the lock/unlock events), and every
 * write of the secrets, after which cached keys are forgotten.
 */
import { ErrorCode, SigilError } from '../../shared/errors';
import type { WalletEvents } from '../events';
import type { AlarmApi } from '../platform';
import { getSetting, type SigilDatabase } from '../storage';
import { AutoLockPolicy, type SeedDrafts, type Vault, type VaultChange, type VaultSecrets, type VaultSession } from '../vault';

export const AUTO_LOCK_ALARM = 'sigil.autoLock';

/** What holds keys derived from the secrets (the keyring): told when they may have changed. */
export interface SecretsCache {
  forget(): void;
}

export interface WalletControllerDeps {
  db: SigilDatabase;
  vault: Vault;
  session: VaultSession;
  drafts: SeedDrafts;
  alarms: AlarmApi;
  events: WalletEvents;
  keys: SecretsCache;
}

export class WalletController {
  readonly vault: Vault;
  readonly drafts: SeedDrafts;
  private readonly db: SigilDatabase;
  private readonly session: VaultSession;
  private readonly alarms: AlarmApi;
  private readonly events: WalletEvents;
  private readonly keys: SecretsCache;

  constructor(deps: WalletControllerDeps) {
    this.db = deps.db;
    this.vault = deps.vault;
    this.session = deps.session;
    this.drafts = deps.drafts;
    this.alarms = deps.alarms;
    this.events = deps.events;
    this.keys = deps.keys;
  }

  async hasWallet(): Promise<boolean> {
    return (await this.vault.health()).state !== 'empty';
  }

  /** Whether the session holds a vault key right now. Reads no secret out. */
  async isUnlocked(): Promise<boolean> {
    return (await this.session.times()) !== null;
  }

  times() {
    return this.session.times();
  }

  currentVaultKey(): Promise<Uint8Array | null> {
    return this.session.currentVaultKey();
  }

  /** The vault key, or a 4100 error when the wallet is locked. */
  async requireVaultKey(): Promise<Uint8Array> {
    const key = await this.session.currentVaultKey();
    if (!key) throw new SigilError(ErrorCode.unauthorized, 'Sigil is locked. Unlock it and try again.');
    return key;
  }

  /** Moves the auto-lock deadline; call when the person does something. The alarm re-arms itself. */
  recordActivity(): Promise<void> {
    return this.session.recordActivity();
  }

  /** Checks the password against the vault (WRONG_PASSWORD otherwise); keeps nothing. */
  async verifyPassword(password: string): Promise<void> {
    await this.vault.openWithPassword(password);
  }

  /** Every write of the secrets goes here, so that no cached key outlives the secrets it came from. */
  async writeSecrets<Result>(
    change: (secrets: VaultSecrets) => VaultChange<Result> | Promise<VaultChange<Result>>,
  ): Promise<Result> {
    const vaultKey = await this.requireVaultKey();
    try {
      return await this.vault.update(vaultKey, change);
    } finally {
      this.keys.forget();
    }
  }

  /** After the recovery screen: the intact copy replaces the damaged primary. */
  async restoreCopy(): Promise<void> {
    await this.vault.restoreCopyAsPrimary();
    this.keys.forget();
    this.announce();
  }

  /** Tells Sigil's pages that the wallet's state changed (settings, seeds). */
  announce(): void {
    this.events.emit({ type: 'stateChanged' });
  }

  /** After a backup replaced the wallet: every entity before and after may have changed, and the queue too. */
  announceReplaced(dids: string[]): void {
    this.events.emit({ type: 'entitiesChanged', dids });
    this.events.emit({ type: 'pendingChanged' });
  }

  async unlock(vaultKey: Uint8Array): Promise<void> {
    await this.session.unlockSession(vaultKey);
    await this.armAutoLock();
    this.events.emit({ type: 'unlock' });
  }

  /** Forgets the vault key, the cached keys and any seed draft. */
  async lock(): Promise<void> {
    await this.session.lock();
    this.keys.forget();
    await this.drafts.discard();
    await this.scheduleAutoLock(null);
    this.events.emit({ type: 'lock' });
  }

  /** The session found itself past its deadline and locked: the same consequences as an alarm lock. */
  onSessionExpired(): void {
    this.keys.forget();
    void this.drafts.discard();
    this.events.emit({ type: 'lock' });
  }

  /** The auto-lock alarm fired: expire the session if due (which announces the lock), else re-arm. */
  async onAlarm(name: string): Promise<void> {
    if (name !== AUTO_LOCK_ALARM) return;
    const check = await this.session.expireIfDue();
    await this.scheduleAutoLock(check.state === 'unlocked' ? check.deadline : null);
  }

  /** Takes the stored auto-lock setting into the session and re-arms the alarm. */
  async applyAutoLockSetting(): Promise<void> {
    this.session.setAutoLock(new AutoLockPolicy(await getSetting(this.db, 'autoLock')));
    await this.armAutoLock();
  }

  private async armAutoLock(): Promise<void> {
    await this.scheduleAutoLock(await this.session.lockDeadline());
  }

  private async scheduleAutoLock(deadline: number | null): Promise<void> {
    if (deadline === null) await this.alarms.clear(AUTO_LOCK_ALARM);
    else await this.alarms.create(AUTO_LOCK_ALARM, { when: deadline });
  }
}
