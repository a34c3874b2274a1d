import type { SharedEntity } from '../../shared/page-api';
import { KindBadge } from '../components/Badge';

/** An entity as the person knows it: its label and kind, and its full DID to check. */
export function EntityLine({ entity }: { entity: SharedEntity }) {
  return (
    <span class="entity-line">
      <span class="row">
        <strong>{entity.label}</strong>
        <KindBadge kind={entity.kind} />
      </span>
      <span class="mono muted">{entity.did}</span>
    </span>
  );
}
