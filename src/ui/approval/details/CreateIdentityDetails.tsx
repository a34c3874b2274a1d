import type { ApprovalDetails } from '../../../shared/ui-api';
import { KindBadge } from '../../components/Badge';
import { EntityLine } from '../EntityLine';
import { FormatRow } from './FormatRow';

type Create = Extract<ApprovalDetails, { method: 'sigil_createIdentity' }>;

export function CreateIdentityDetails({ details }: { details: Create }) {
  return (
    <>
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
      <p class="muted">Sigil derives its keys from your seed and keeps them. The new identity is shared with this site.</p>
    </>
  );
}
