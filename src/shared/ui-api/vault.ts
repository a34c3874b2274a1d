/** UI ⇄ background messages for the wallet itself: set-up, lock state, seeds, backup, settings. */
import { anyOf, array, boolean, choose, displayText, integer, literal, none, object, oneOf, optional, string, type Schema } from '../schema';

export type VaultState = 'empty' | 'locked' | 'unlocked' | 'recovery' | 'damaged';

export interface WalletState {
  vault: VaultState;
  version: string;
  browser: 'chrome' | 'firefox';
  /** When this background instance started (ms since epoch): tells a restarted worker apart. */
  backgroundStartedAt: number;
  pendingCount: number;
  autoLockMinutes: number | 'never';
  resolverUrl: string;
  /** Plain words for the recovery screen when vault is 'recovery' or 'damaged'. */
  problem?: string;
}

/** How a seed becomes a master secret (DESIGN §2.8): BIP39 (the default) or IOTICS' legacy HMAC (`none`). */
export type SeedMethod = 'bip39' | 'none';
export const SEED_METHODS = ['bip39', 'none'] as const satisfies readonly SeedMethod[];

/**
 * Where a seed comes from. A 'draft' is the mnemonic the background generated and showed once. A
 * 'hex' seed (as the IOTICS libraries take one) is 16, 20, 24, 28 or 32 bytes for `bip39` (the default),
 * 16 to 64 bytes for `none`; `password` is the seed password (empty by default, at most 256 characters).
 */
export type SeedSource =
  | { source: 'draft'; confirm: { index: number; word: string }[] }
  | { source: 'mnemonic'; words: string }
  | { source: 'hex'; hex: string; method?: SeedMethod; password?: string };

export interface SeedView {
  id: string;
  label: string;
  createdAt: number;
  /** The recovery phrase's length; null for a `none` seed, which has no recovery phrase (only its hex). */
  words: 12 | 15 | 18 | 21 | 24 | null;
  origin: 'created' | 'mnemonic' | 'hex';
  method: SeedMethod;
  /** True when the seed has a (secret) seed password. */
  hasPassword: boolean;
}

export interface ImportedKeyView {
  id: string;
  label: string;
  idpub: string;
}

/**
 * Errors: 4100 wrong password or locked; 4900 wallet not set up or its data damaged (the message says
 * what to do); -32602 anything typed or chosen that is refused (the message says why); -32603 retry.
 * Messages that need an unlocked wallet: ui_draftSeed (once set up), ui_changePassword, the settings,
 * ui_seeds, ui_addSeed, ui_importIdsec, ui_revealMnemonic, ui_exportBackup.
 */
export interface VaultMessages {
  /** 'recovery' (primary record damaged, copy intact) wins over locked/unlocked until ui_restoreCopy. */
  ui_state: { request: undefined; response: WalletState };
  /**
   * Generates a new 32-byte seed held as a draft in the session and returns its 24 words, once;
   * a new call replaces the draft. A lock or a browser restart discards it.
   */
  ui_draftSeed: { request: undefined; response: { words: string[] } };
  /** A 'draft' source needs at least 3 distinct confirmed words. Creates the vault with its first seed and unlocks. */
  ui_createWallet: { request: { password: string; seed: SeedSource; label?: string }; response: WalletState };
  /** Works in 'recovery' too (from the intact copy). */
  ui_unlock: { request: { password: string }; response: WalletState };
  ui_lock: { request: undefined; response: WalletState };
  /** Writes the intact copy over the damaged primary record; no password needed. */
  ui_restoreCopy: { request: undefined; response: WalletState };
  /** Re-wraps the vault key only; the session stays unlocked. */
  ui_changePassword: { request: { current: string; next: string }; response: true };
  ui_setAutoLock: { request: { minutes: number | 'never' }; response: WalletState };
  /** Empty (no resolver) or an http(s) URL without credentials, query or fragment; stored without trailing '/'. */
  ui_setResolverUrl: { request: { url: string }; response: WalletState };
  /**
   * `customKeyNames`: DIDs of the identities whose key name the person chose, which restoring the
   * phrase alone does not bring back (the names themselves never leave the background).
   */
  ui_seeds: { request: undefined; response: { seeds: SeedView[]; importedKeys: ImportedKeyView[]; customKeyNames: string[] } };
  /** A blank label means the default one ("Seed N"). */
  ui_addSeed: { request: { seed: SeedSource; label?: string }; response: SeedView };
  ui_importIdsec: { request: { idsec: string; label?: string }; response: ImportedKeyView };
  /** `words` is empty for a `none` seed (no recovery phrase); `hex` is the seed as the IOTICS libraries take it. */
  ui_revealMnemonic: { request: { seedId: string; password: string }; response: { words: string[]; hex: string } };
  /** `contents` is the encrypted file (nothing readable in clear); fileName is sigil-backup-YYYY-MM-DD.json. */
  ui_exportBackup: { request: { password: string }; response: { fileName: string; contents: string } };
  /**
   * Replaces the whole wallet (vault, identities, sites, settings; pending requests dropped) and
   * unlocks it with the backup's password. `replaceExisting` is required when any wallet data exists.
   */
  ui_importBackup: {
    request: { contents: string; password: string; replaceExisting?: boolean };
    response: WalletState;
  };
}

const password = (field: string) => string({ min: 1, max: 1024, message: `${field} is required.` });

const seedSources = {
  draft: object({
    source: oneOf(['draft'] as const),
    confirm: array(object({ index: integer({ min: 0, max: 23 }), word: string({ min: 1, max: 16 }) }), { min: 1, max: 24 }),
  }),
  mnemonic: object({ source: oneOf(['mnemonic'] as const), words: string({ min: 1, max: 1000 }) }),
  hex: object({
    source: oneOf(['hex'] as const),
    hex: string({ min: 1, max: 200 }),
    method: optional(oneOf(SEED_METHODS)),
    password: optional(string({ max: 256, message: 'A seed password must be at most 256 characters.' })),
  }),
};
const seedSource: Schema<SeedSource> = choose<SeedSource>((value) => {
  const source = (value as { source?: unknown } | null)?.source;
  return source === 'draft' ? seedSources.draft : source === 'mnemonic' ? seedSources.mnemonic : seedSources.hex;
});

const label = optional(displayText({ max: 64 }));

const AUTO_LOCK_MESSAGE = 'Auto-lock must be from 1 to 1440 minutes, or never.';
const autoLockMinutes: Schema<number | 'never'> = anyOf<number | 'never'>(
  [literal('never'), integer({ min: 1, max: 24 * 60, message: AUTO_LOCK_MESSAGE })],
  AUTO_LOCK_MESSAGE,
);

export const vaultSchemas: { [M in keyof VaultMessages]: Schema<VaultMessages[M]['request']> } = {
  ui_state: none(),
  ui_draftSeed: none(),
  ui_createWallet: object({ password: password('password'), seed: seedSource, label }),
  ui_unlock: object({ password: password('password') }),
  ui_lock: none(),
  ui_restoreCopy: none(),
  ui_changePassword: object({ current: password('current password'), next: password('new password') }),
  ui_setAutoLock: object({ minutes: autoLockMinutes }),
  ui_setResolverUrl: object({ url: string({ max: 2048 }) }),
  ui_seeds: none(),
  ui_addSeed: object({ seed: seedSource, label }),
  ui_importIdsec: object({ idsec: string({ min: 1, max: 100, message: 'The key must be an idsec… string.' }), label }),
  ui_revealMnemonic: object({ seedId: string({ min: 1, max: 100 }), password: password('password') }),
  ui_exportBackup: object({ password: password('password') }),
  ui_importBackup: object({
    contents: string({ min: 1, max: 16 * 1024 * 1024, message: 'The backup file is empty or too large.' }),
    password: password('password'),
    replaceExisting: optional(boolean()),
  }),
};
