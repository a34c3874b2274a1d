import type { ApprovalDetails } from '../../../shared/ui-api';
import { KIND_NAMES, KindBadge } from '../../components/Badge';
import { EntityLine } from '../EntityLine';
import { FormatRow } from './FormatRow';

type Create = Extract<ApprovalDetails, { method: 'sigil_createIdentity' }>;

/** What will exist afterwards and what the site may do with it, in words; then the new identity's fields. */
export function CreateIdentityDetails({ details, origin }: { details: Create; origin: string }) {
  const kind = KIND_NAMES[details.kind];
  return (
    <>
      <p data-testid="request-summary">
        <strong>{origin}</strong> asks Sigil to create a new {kind} for you, <strong>{details.label}</strong>
        {details.delegateTo ? (
          <>
            , which delegates {details.kind === 'twin' ? 'control' : 'authentication'} to your {KIND_NAMES[details.delegateTo.kind]}{' '}
            <strong>{details.delegateTo.label}</strong>
          </>
        ) : null}
        . Its keys stay in Sigil, derived from your seed. The site will see it (label, kind and DID) and can then ask you for tokens for
        it, for as long as it stays connected.
      </p>
      <dl class="details">
        <FormatRow format={details.format} />
        <dt>Kind</dt>
        <dd>
          <KindBadge kind={details.kind} />
        </dd>
        <dt>Label</dt>
        <dd>{details.label}</dd>
        <dt>Names</dt>
        <dd>
          {details.names.length === 0 ? (
            <span class="muted">None besides its DID</span>
          ) : (
            <ul class="plain-list">
              {details.names.map((name, i) => (
                <li key={i} class="mono">
                  {name}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {details.delegateTo && (
          <>
            <dt>Delegates to</dt>
            <dd>
              <EntityLine entity={details.delegateTo} />
            </dd>
          </>
        )}
      </dl>
      {details.names.length > 0 && (
        <p class="notice warning">The names are written into the identity's public chain: anyone can read them, for ever.</p>
      )}
    </>
  );
}
