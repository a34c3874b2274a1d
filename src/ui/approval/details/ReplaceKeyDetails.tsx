import type { ApprovalDetails } from '../../../shared/ui-api';
import { PasswordField } from '../../components/PasswordField';
import type { ChoiceProps } from '../choice-state';
import { EntityLine } from '../EntityLine';

type Replace = Extract<ApprovalDetails, { method: 'sigil_replaceKey' }>;
type KeyInfo = Replace['oldKey'];

const priorityName = (priority: number): string => (priority === 0 ? 'priority 0, the master key' : `priority ${priority}`);

function KeyLine({ info }: { info: KeyInfo }) {
  return (
    <span class="entity-line">
      <span>
        <strong>{info.id}</strong> <span class="muted">({priorityName(info.priority)})</span>
      </span>
      <span class="mono muted">{info.idpub}</span>
    </span>
  );
}

export function ReplaceKeyDetails({ details, choices, onChoices, fieldErrors }: { details: Replace } & ChoiceProps) {
  return (
    <>
      <dl class="details">
        <dt>Identity</dt>
        <dd>
          <EntityLine entity={details.entity} />
        </dd>
        <dt>Old key</dt>
        <dd>
          <KeyLine info={details.oldKey} />
        </dd>
        <dt>New key</dt>
        <dd>
          {details.newKey ? <span class="mono">{details.newKey}</span> : <span>A new key that Sigil generates and keeps</span>}
        </dd>
        <dt>Signed by</dt>
        <dd>
          <KeyLine info={details.signer} />
        </dd>
      </dl>
      <p class="muted">
        The old key stops working for good. A key may be replaced only by a key of the same or a higher priority (a lower
        number); this one is signed by the key at {priorityName(details.signer.priority)}.
      </p>
      {details.requiresPassword && (
        <PasswordField
          label="Password"
          value={choices.password ?? ''}
          onInput={(value) => onChoices({ ...choices, password: value })}
          autoComplete="current-password"
          hint="The master key signs this replacement, so Sigil asks for your password again."
          error={fieldErrors.password ?? null}
        />
      )}
    </>
  );
}
