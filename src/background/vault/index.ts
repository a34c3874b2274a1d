export { VaultError, isVaultError, type VaultErrorCode } from './errors';
export {
  DEFAULT_KDF_PARAMS,
  KDF_LIMITS,
  isWeakerThan,
  kdfParamsProblem,
  type KdfDescriptor,
  type KdfParams,
  type StoredKdf,
} from './kdf';
export {
  readVaultRecord,
  encodeVaultRecord,
  VAULT_FORMAT,
  VAULT_RECORD_FORMAT,
  VAULT_VERSION,
  type StoredVaultRecord,
  type VaultRecord,
  type VaultRecordReading,
} from './record';
export {
  emptySecrets,
  keyNameOriginOf,
  keyNameProblem,
  labelProblem,
  SECRETS_FORMAT,
  SECRETS_VERSION,
  seedBytesProblem,
  type EntityKind,
  type EntitySecretRef,
  type GeneratedKeySecret,
  type IdentityFormat,
  type ImportedKeySecret,
  type KeyNameOrigin,
  type SeedMethod,
  type SeedOrigin,
  type SeedSecret,
  type VaultSecrets,
} from './secrets';
export { MIN_PASSWORD_CHARS, assertNewPassword } from './vault-crypto';
export {
  Vault,
  pickIntactRecord,
  type PublicStoreName,
  type PublicWrites,
  type UnlockResult,
  type VaultChange,
  type VaultHealth,
  type VaultOptions,
} from './vault';
export {
  addEntityRef,
  addGeneratedKey,
  addImportedKey,
  addSeed,
  findEntityRef,
  findSeed,
  hexToSeedEntropy,
  mnemonicToSeedEntropy,
  removeEntityRef,
  seedEntropyToMnemonic,
  type ImportedKeySummary,
  type NewEntityRef,
  type NewSeed,
  type SeedSummary,
} from './seed-operations';
export { SeedManager, type CreatedSeed, type RevealedSeed, type SecretsOverview } from './seeds';
export {
  backupFileName,
  exportBackup,
  importBackup,
  parseBackup,
  BACKUP_CONTENTS_FORMAT,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  MAX_BACKUP_FILE_BYTES,
  type BackupFile,
  type ExportOptions,
  type ImportOptions,
  type ImportResult,
  type ParsedBackup,
} from './backup';
export { AutoLockPolicy, DEFAULT_AUTO_LOCK_MINUTES } from './auto-lock';
export {
  VaultSession,
  SESSION_STORAGE_KEY,
  type AutoLockCheck,
  type SessionStore,
  type SessionTimes,
  type VaultSessionOptions,
} from './session';
export { SeedDrafts, SEED_DRAFT_STORAGE_KEY, MIN_CONFIRM_WORDS, type ConfirmWord } from './seed-draft';
export { vaultStateOf, type VaultStateView } from './vault-state';
export { upgradeToCurrent, type Migration, type VersionedFormat, type VersionReading } from './versioned';
