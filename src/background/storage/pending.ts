/** Page requests waiting for the user's decision; kept in IndexedDB so they survive a stopped worker. */
import type { PendingRequestRecord, SigilDatabase } from './schema';

export async function addPendingRequest(db: SigilDatabase, request: PendingRequestRecord): Promise<void> {
  await db.add('pending', request);
}

export const getPendingRequest = (db: SigilDatabase, id: string): Promise<PendingRequestRecord | undefined> =>
  db.get('pending', id);

export const listPendingRequests = (db: SigilDatabase): Promise<PendingRequestRecord[]> => db.getAll('pending');

export const listPendingRequestsForOrigin = (db: SigilDatabase, origin: string): Promise<PendingRequestRecord[]> =>
  db.getAllFromIndex('pending', 'byOrigin', origin);

export async function removePendingRequest(db: SigilDatabase, id: string): Promise<void> {
  await db.delete('pending', id);
}
