import { KIND_NAMES } from '../components/Badge';
import { didOf, useOwnIdentities } from './own-identities';

/**
 * A DID (or `did#key`) as the person can check it: which of their identities it is, in words, then
 * the identifier; one that is not theirs is marked so.
 */
export function DidMention({ reference }: { reference: string }) {
  const own = useOwnIdentities();
  const entity = own?.get(didOf(reference));
  return (
    <span class="entity-line">
      {entity && (
        <span>
          Your {KIND_NAMES[entity.kind]} <strong>{entity.label}</strong>
        </span>
      )}
      {own && !entity && (
        <span>
          <span class="badge warn" data-testid="not-yours">
            not one of your identities
          </span>
        </span>
      )}
      <span class="mono muted">{reference}</span>
    </span>
  );
}
