/**
 * Standing sigil_authToken grants: "allow this site for N minutes" for one (user, agent) pair.
 * While one lasts, tokens for that pair are issued without a prompt.
 */
import { invalidParams } from '../../shared/errors';
import { database } from '../services';
import { writeAtomically } from '../storage';
import { notConnected } from './errors';
import { isConnectedRecord, siteRecord } from './sites';

export const MAX_GRANT_MINUTES = 24 * 60;

export async function hasStandingGrant(origin: string, user: string, agent: string, now = Date.now()): Promise<boolean> {
  const record = await siteRecord(origin);
  if (!isConnectedRecord(record)) return false;
  return record.authTokenGrants.some((grant) => grant.user === user && grant.agent === agent && grant.expiresAt > now);
}

/** Grants (or extends) the pair for `minutes` from now; expired grants of the origin are dropped. */
export async function addStandingGrant(
  origin: string,
  user: string,
  agent: string,
  minutes: number,
  now = Date.now(),
): Promise<void> {
  if (!Number.isSafeInteger(minutes) || minutes < 1 || minutes > MAX_GRANT_MINUTES)
    throw invalidParams(`A standing grant lasts from 1 to ${MAX_GRANT_MINUTES} minutes.`);
  const db = await database();
  await writeAtomically(db, ['permissions'], async (tx) => {
    const store = tx.objectStore('permissions');
    const record = await store.get(origin);
    if (!isConnectedRecord(record)) throw notConnected();
    const others = record.authTokenGrants.filter(
      (grant) => grant.expiresAt > now && !(grant.user === user && grant.agent === agent),
    );
    const grant = { user, agent, grantedAt: now, expiresAt: now + minutes * 60_000 };
    await store.put({ ...record, authTokenGrants: [...others, grant] });
  });
}
