/** What the UI shows about the vault, from its health and whether the session holds a key. */
import type { VaultState } from '../../shared/ui-api';
import { vaultDamaged, vaultTooNew } from './errors';
import type { VaultHealth } from './vault';

export interface VaultStateView {
  readonly vault: VaultState;
  /** Plain words for the recovery screen ('recovery' and 'damaged' only). */
  readonly problem?: string;
}

/**
 * A damaged primary record wins over the lock state: the user sees the recovery screen until the
 * copy is restored (unlocking from the copy works meanwhile).
 */
export function vaultStateOf(health: VaultHealth, unlocked: boolean): VaultStateView {
  switch (health.state) {
    case 'empty':
      return { vault: 'empty' };
    case 'ok':
      return { vault: unlocked ? 'unlocked' : 'locked' };
    case 'recovered': {
      const what = health.reason === 'missing' ? 'is missing' : `is damaged (${health.reason})`;
      return {
        vault: 'recovery',
        problem: `The main copy of your wallet data ${what}. Sigil keeps a second copy, which is intact: restore it to go on.`,
      };
    }
    case 'damaged':
      return { vault: 'damaged', problem: vaultDamaged().message };
    case 'too-new':
      // Shown on the same screen as damage, with words that say it is not damage.
      return { vault: 'damaged', problem: vaultTooNew().message };
  }
}
