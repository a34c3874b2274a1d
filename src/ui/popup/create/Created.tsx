import type { EntitySummary } from '../../../shared/ui-api';
import { FormatBadge, KIND_NAMES, KindBadge, StageBadge } from '../../components/Badge';
import { formatOf } from '../../components/identity-format';
import { Screen } from '../../components/Screen';
import { href } from '../route';
import { DelegationLines } from '../../components/DelegationLines';

export interface CreatedResult {
  /** What was just made, in the order the person reads it (a User before its Agent). */
  entities: EntitySummary[];
}

/**
 * The result of a create flow, on its own screen: what exists now, who delegates to whom (and what
 * that lets the delegate do), what "Local" means for them, and the way home.
 */
export function CreatedScreen({ result, known, onCreateAnother }: { result: CreatedResult; known: readonly EntitySummary[]; onCreateAnother: () => void }) {
  const { entities } = result;
  const title = entities.length === 1 ? `${KIND_NAMES[entities[0]!.kind]} created` : 'Identities created';
  const labels = new Map([...known, ...entities].map((entity) => [entity.did, entity]));
  const local = entities.some((entity) => entity.stage !== 'registered');
  return (
    <Screen name="created" title={title}>
      <div role="status" data-testid="created">
        <p>
          {entities.length === 1 && !entities[0]!.delegatesTo?.length
            ? `Created ${KIND_NAMES[entities[0]!.kind]} ${entities[0]!.label}.`
            : 'These identities are in your wallet now, with their keys:'}
        </p>
        <ul class="entity-list" aria-label="Created identities">
          {entities.map((entity) => (
            <li key={entity.did} class="created-item">
              <span class="row">
                <a class="label" href={href({ screen: 'entity', did: entity.did })}>
                  {entity.label}
                </a>
                <KindBadge kind={entity.kind} />
                <FormatBadge format={formatOf(entity)} />
                <StageBadge stage={entity.stage} />
              </span>
              <span class="mono muted">{entity.did}</span>
            </li>
          ))}
        </ul>
        <DelegationLines entities={entities} labels={labels} />
        {local && (
          <p class="muted" data-testid="created-stage">
            “Local” means signed and kept in this wallet, not yet accepted by a resolver: until Sigil registers them, sites cannot look
            them up nor verify the tokens they sign. Sigil registers them with your resolver on its own.
          </p>
        )}
      </div>
      <div class="actions">
        <button type="button" onClick={onCreateAnother}>
          Create another
        </button>
        <a class="button-link primary" href={href({ screen: 'home' })}>
          Go to my identities
        </a>
      </div>
    </Screen>
  );
}
