/** Per-origin permissions (connected entities, standing auth-token grants). */
import type { PermissionRecord, SigilDatabase } from './schema';

export const getPermission = (db: SigilDatabase, origin: string): Promise<PermissionRecord | undefined> =>
  db.get('permissions', origin);

export const listPermissions = (db: SigilDatabase): Promise<PermissionRecord[]> => db.getAll('permissions');

export async function putPermission(db: SigilDatabase, permission: PermissionRecord): Promise<void> {
  await db.put('permissions', permission);
}

export async function removePermission(db: SigilDatabase, origin: string): Promise<void> {
  await db.delete('permissions', origin);
}
