export type StorageErrorCode = 'DB_TOO_NEW' | 'DB_BLOCKED' | 'DB_OPEN_FAILED';

/** Storage failures, with a plain message for the UI. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    message: string,
  ) {
    super(message);
  }
}
