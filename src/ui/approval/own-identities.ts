/**
 * The person's own identities, so a request can say which of them it is about and mark any DID that
 * is not one of them. Reloaded when the wallet's identities change.
 */
import type { EntitySummary } from '../../shared/ui-api';
import { callBackground } from '../background-client';
import { useBackgroundData } from '../components/use-background-data';

const loadEntities = () => callBackground('ui_entities', undefined);

/** The wallet's identities by DID; null while loading (nothing is marked as foreign until it is known). */
export function useOwnIdentities(): ReadonlyMap<string, EntitySummary> | null {
  const entities = useBackgroundData(loadEntities, ['entitiesChanged'], []);
  if (!entities.data) return null;
  return new Map(entities.data.entities.map((entity) => [entity.did, entity]));
}

/** The DID part of a DID or a `did#key` reference. */
export const didOf = (reference: string): string => {
  const hash = reference.indexOf('#');
  return hash < 0 ? reference : reference.slice(0, hash);
};
