import { useId } from 'preact/hooks';
import type { SharedEntity } from '../../../shared/page-api';
import type { ApprovalDetails } from '../../../shared/ui-api';
import { KIND_NAMES } from '../../components/Badge';
import type { ChoiceProps } from '../choice-state';
import { connectChoices, type ConnectRequest } from '../connect-choices';
import { EntityLine } from '../EntityLine';

type Connect = Extract<ApprovalDetails, { method: 'sigil_connect' }>;

/**
 * Which identities the site will see: only those ticked here, and only by this exact origin. The
 * Agents that sign for a User sit under it, ticked with it: a site that gets a token from the Agent
 * must be able to read the Agent's document to check it.
 */
export function ConnectDetails({ details, origin, choices, onChoices, fieldErrors }: { details: Connect; origin: string } & ChoiceProps) {
  const errorId = useId();
  const request: ConnectRequest = details;
  const picked = new Set(choices.entities ?? []);
  const layout = connectChoices(request);
  const toggle = (entity: SharedEntity, on: boolean) => onChoices({ ...choices, entities: layout.toggle(picked, entity.did, on) });
  const kinds = details.kinds ? details.kinds.map((k) => KIND_NAMES[k]).join(', ') : null;

  if (details.choices.length === 0)
    return (
      <p class="notice info" data-testid="request-summary">
        {kinds ? `You have no ${kinds} identity to share.` : 'You have no identity to share yet.'} Connecting lets the site ask you to
        create one.
      </p>
    );

  return (
    <>
      <p data-testid="request-summary">
        <strong>{origin}</strong> will see the identities you tick: their names, kinds and DIDs, never a key. It can then ask you for
        sign-in tokens for them; each is shown here first, unless you let it get them without asking for a while. It stays connected until you disconnect it in Settings → Connected sites.
      </p>
      <fieldset aria-describedby={fieldErrors.entities ? errorId : undefined}>
        <legend>Identities this site will see{kinds ? ` (${kinds} only, as it asked)` : ''}</legend>
        {layout.rows.map(({ entity, agents }) => (
          <div key={entity.did} class="connect-row">
            <label class="choice">
              <input type="checkbox" checked={picked.has(entity.did)} onChange={(e) => toggle(entity, e.currentTarget.checked)} />
              <EntityLine entity={entity} />
            </label>
            {agents.map((agent) => (
              <label class="choice acting-agent" key={agent.did} data-testid="acting-agent">
                <input type="checkbox" checked={picked.has(agent.did)} onChange={(e) => toggle(agent, e.currentTarget.checked)} />
                <span class="entity-line">
                  <span>
                    The site will also see <strong>{agent.label}</strong>, which signs for <strong>{entity.label}</strong>.
                  </span>
                  <span class="muted small">Without it the site cannot check the tokens {agent.label} signs.</span>
                  <span class="mono muted">{agent.did}</span>
                </span>
              </label>
            ))}
          </div>
        ))}
        {fieldErrors.entities && (
          <p id={errorId} class="field-error" role="alert">
            {fieldErrors.entities}
          </p>
        )}
        <p class="hint muted">The site sees each identity's label, kind and DID, never a key.</p>
      </fieldset>
    </>
  );
}
