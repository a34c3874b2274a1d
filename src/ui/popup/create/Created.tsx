import type { EntitySummary } from '../../../shared/ui-api';
import { FormatBadge, KindBadge } from '../../components/Badge';
import { formatOf } from '../../components/identity-format';
import { href } from '../route';

/** Confirms what was created, with a link to each new entity. */
export function Created({ entities, summary }: { entities: readonly EntitySummary[]; summary: string }) {
  return (
    <div class="notice success" role="status" data-testid="created">
      <p>
        <strong>{summary}</strong>
      </p>
      <ul>
        {entities.map((entity) => (
          <li key={entity.did}>
            <a href={href({ screen: 'entity', did: entity.did })}>{entity.label}</a> <KindBadge kind={entity.kind} /> <FormatBadge format={formatOf(entity)} />
          </li>
        ))}
      </ul>
      <p class="muted">Write the key names down next to your recovery phrase.</p>
    </div>
  );
}
