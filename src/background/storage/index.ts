export { openSigilDatabase, writeAtomically, type OpenOptions } from './database';
export { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';
export { StorageError, type StorageErrorCode } from './errors';
export * from './schema';
export { readVaultSlots, readVaultSlotIn, putVaultRecordIn, type RawVaultSlots } from './vault-slots';
export { getEntity, listEntities, putEntity } from './entities';
export { getPermission, listPermissions, putPermission, removePermission } from './permissions';
export {
  DEFAULT_SETTINGS,
  getSetting,
  putSetting,
  getAllSettings,
  isValidSetting,
  normalizeResolverUrl,
  resolverUrlProblem,
  type AutoLockSetting,
  type SettingKey,
  type SigilSettings,
} from './settings';
export { findRequestResult, putRequestResult, RequestAlreadyCompleted, REQUEST_RESULT_LIFETIME_MS } from './request-results';
