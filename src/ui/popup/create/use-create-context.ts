import { callBackground } from '../../background-client';
import { useBackgroundData } from '../../components/use-background-data';
import type { EntitySummary, SeedView } from '../../../shared/ui-api';

export interface CreateContext {
  entities: EntitySummary[] | null;
  entitiesError: string | null;
  seeds: SeedView[];
}

/** What the create forms need to know: existing entities (agents, labels) and the seeds to pick from. */
export function useCreateContext(): CreateContext {
  const entities = useBackgroundData(() => callBackground('ui_entities', undefined), ['entitiesChanged'], []);
  const seeds = useBackgroundData(() => callBackground('ui_seeds', undefined), ['stateChanged'], []);
  return { entities: entities.data?.entities ?? null, entitiesError: entities.error, seeds: seeds.data?.seeds ?? [] };
}
