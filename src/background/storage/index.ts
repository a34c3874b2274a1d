export { openSigilDatabase, writeAtomically, clearAllStores, type OpenOptions } from './database';
export { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';
export { StorageError, type StorageErrorCode } from './errors';
export * from './schema';
export { readVaultSlots, readVaultSlotIn, putVaultRecordInBothSlots, type RawVaultSlots } from './vault-slots';
export { getEntity, listEntities, putEntity } from './entities';
export { getPermission, listPermissions, putPermission, removePermission } from './permissions';
export {
  addPendingRequest,
  getPendingRequest,
  listPendingRequests,
  listPendingRequestsForOrigin,
  removePendingRequest,
} from './pending';
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
