/** Auto-lock as pure logic; scheduling the alarm at `deadline()` is the caller's job. */
import type { AutoLockSetting } from '../storage';
import { VaultError } from './errors';

export const DEFAULT_AUTO_LOCK_MINUTES = 15;
const MINUTE_MS = 60_000;

export class AutoLockPolicy {
  readonly setting: AutoLockSetting;

  constructor(setting: AutoLockSetting = DEFAULT_AUTO_LOCK_MINUTES) {
    if (setting !== 'never' && !(Number.isSafeInteger(setting) && setting >= 1))
      throw new VaultError('SESSION_INVALID', 'Auto-lock is a whole number of minutes (at least 1) or never.');
    this.setting = setting;
  }

  /** When a session last active at `lastActivityAt` locks, or null for never. */
  deadline(lastActivityAt: number): number | null {
    return this.setting === 'never' ? null : lastActivityAt + this.setting * MINUTE_MS;
  }

  isExpired(session: { readonly lastActivityAt: number }, now: number): boolean {
    const deadline = this.deadline(session.lastActivityAt);
    return deadline !== null && now >= deadline;
  }
}
