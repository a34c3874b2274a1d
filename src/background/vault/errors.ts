/**
 * Errors raised by the vault. Every message is plain language meant for the UI and never carries
 * secret material (no password, seed, mnemonic word, key name or key bytes).
 */
export type VaultErrorCode =
  | 'NO_VAULT'
  | 'VAULT_EXISTS'
  | 'WRONG_PASSWORD'
  | 'WEAK_PASSWORD'
  | 'VAULT_DAMAGED'
  | 'VAULT_TOO_NEW'
  | 'WRITE_NOT_VERIFIED'
  | 'VAULT_KEY_REJECTED'
  | 'CONCURRENT_WRITE'
  | 'INVALID_SECRETS'
  | 'INVALID_KDF_PARAMS'
  | 'KDF_UNAVAILABLE'
  | 'INVALID_LABEL'
  | 'INVALID_MNEMONIC'
  | 'INVALID_HEX_SEED'
  | 'INVALID_KEY'
  | 'INVALID_KEY_NAME'
  | 'SEED_EXISTS'
  | 'KEY_EXISTS'
  | 'ENTITY_EXISTS'
  | 'SEED_NOT_FOUND'
  | 'KEY_NOT_FOUND'
  | 'ENTITY_NOT_FOUND'
  | 'SEED_IN_USE'
  | 'BACKUP_INVALID'
  | 'BACKUP_TOO_LARGE'
  | 'BACKUP_UNSUPPORTED'
  | 'BACKUP_KDF_REFUSED'
  | 'BACKUP_DECRYPT_FAILED'
  | 'SESSION_INVALID'
  | 'DRAFT_MISSING'
  | 'DRAFT_NOT_CONFIRMED';

export class VaultError extends Error {
  override readonly name = 'VaultError';
  constructor(
    readonly code: VaultErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const isVaultError = (error: unknown, code?: VaultErrorCode): error is VaultError =>
  error instanceof VaultError && (code === undefined || error.code === code);

export const wrongPassword = (): VaultError => new VaultError('WRONG_PASSWORD', 'Wrong password.');

export const vaultDamaged = (): VaultError =>
  new VaultError(
    'VAULT_DAMAGED',
    'The wallet data is damaged and no intact copy was found. Restore the wallet from a backup file.',
  );

/** Told apart from damage: the data is fine, this build is too old to read it (and must not overwrite it). */
export const vaultTooNew = (): VaultError =>
  new VaultError('VAULT_TOO_NEW', 'The wallet data was written by a newer version of Sigil. Update Sigil to open it.');

export const noVault = (): VaultError => new VaultError('NO_VAULT', 'The wallet has not been set up yet.');

export const vaultKeyRejected = (): VaultError =>
  new VaultError('VAULT_KEY_REJECTED', 'The wallet is locked. Unlock it again.');
