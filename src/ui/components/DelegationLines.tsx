import type { EntitySummary } from '../../shared/ui-api';
import { KIND_NAMES } from './Badge';
import { shortDid } from './format';

/** What a delegation lets the delegate do, in words. */
function meaning(type: 'authentication' | 'control', from: EntitySummary, to: EntitySummary | undefined): string {
  const delegate = to ? `${KIND_NAMES[to.kind]} ${to.label}` : 'an identity not in this wallet';
  return type === 'authentication'
    ? `${delegate} signs the sign-in tokens sites get for ${KIND_NAMES[from.kind]} ${from.label}.`
    : `${delegate} may act for ${KIND_NAMES[from.kind]} ${from.label}.`;
}

/**
 * "Alice delegates authentication to Alice agent", one line per delegation of `entities`, with what
 * it means. `labels` names the other side when the wallet holds it; otherwise its DID is shown.
 */
export function DelegationLines({ entities, labels }: { entities: readonly EntitySummary[]; labels: ReadonlyMap<string, EntitySummary> }) {
  const lines = entities.flatMap((entity) => (entity.delegatesTo ?? []).map((link) => ({ from: entity, link, to: labels.get(link.did) })));
  if (lines.length === 0) return null;
  return (
    <ul class="delegation-lines" aria-label="Delegations" data-testid="delegation-lines">
      {lines.map(({ from, link, to }) => (
        <li key={`${from.did} ${link.type} ${link.did}`}>
          <span>
            {from.label} delegates {link.type} to {to ? to.label : shortDid(link.did)}
          </span>
          <span class="muted">
            {' '}
            — {meaning(link.type, from, to)}
          </span>
        </li>
      ))}
    </ul>
  );
}
