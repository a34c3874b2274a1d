import { useId } from 'preact/hooks';
import { KIND_NAMES } from '../../components/Badge';
import type { ApprovalDetails } from '../../../shared/ui-api';
import type { ChoiceProps } from '../choice-state';
import { EntityLine } from '../EntityLine';

type Connect = Extract<ApprovalDetails, { method: 'sigil_connect' }>;

/** Which identities the site will see: only those ticked here, and only by this exact origin. */
export function ConnectDetails({ details, choices, onChoices, fieldErrors }: { details: Connect } & ChoiceProps) {
  const errorId = useId();
  const picked = new Set(choices.entities ?? []);
  const toggle = (did: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(did);
    else next.delete(did);
    onChoices({ ...choices, entities: details.choices.map((e) => e.did).filter((d) => next.has(d)) });
  };
  const kinds = details.kinds ? details.kinds.map((k) => KIND_NAMES[k]).join(', ') : null;

  if (details.choices.length === 0)
    return (
      <p class="notice info">
        {kinds ? `You have no ${kinds} identity to share.` : 'You have no identity to share yet.'} Connecting lets the
        site ask you to create one.
      </p>
    );

  return (
    <fieldset aria-describedby={fieldErrors.entities ? errorId : undefined}>
      <legend>Identities this site will see{kinds ? ` (${kinds} only, as it asked)` : ''}</legend>
      {details.choices.map((entity) => (
        <label class="choice" key={entity.did}>
          <input type="checkbox" checked={picked.has(entity.did)} onChange={(e) => toggle(entity.did, e.currentTarget.checked)} />
          <EntityLine entity={entity} />
        </label>
      ))}
      {fieldErrors.entities && (
        <p id={errorId} class="field-error" role="alert">
          {fieldErrors.entities}
        </p>
      )}
      <p class="hint muted">The site sees each identity's label, kind and DID, never a key.</p>
    </fieldset>
  );
}
