import { useId, useState } from 'preact/hooks';
import type { EntitySummary } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { shortDid } from '../../components/format';
import { useAction } from '../../components/use-action';
import { href } from '../route';
import { Created } from './Created';
import { checkDraft, draftToInput, emptyDraft, hasErrors, type DraftErrors, type EntityDraft } from './entity-draft';
import { EntityFields } from './EntityFields';
import { SeedPicker } from './SeedPicker';
import { labelsOfKind, type CreateContext } from './use-create-context';

/** A Twin that delegates control to one of the wallet's Agents. */
export function CreateTwin({ context }: { context: CreateContext }) {
  const agentFieldId = useId();
  const agents = (context.entities ?? []).filter((entity) => entity.kind === 'agent');
  const [draft, setDraft] = useState<EntityDraft>(emptyDraft());
  const [agentDid, setAgentDid] = useState<string>('');
  const [seedId, setSeedId] = useState<string | null>(null);
  const [errors, setErrors] = useState<DraftErrors & { agent?: string }>({});
  const [created, setCreated] = useState<EntitySummary | null>(null);
  const chosenAgent = agentDid || agents[0]?.did || '';
  const create = useAction(async () => {
    setCreated(await callBackground('ui_createTwin', { ...draftToInput(draft, seedId), agent: chosenAgent }));
    setDraft(emptyDraft());
  });

  if (context.entities && agents.length === 0)
    return (
      <div class="notice info">
        <p>A Twin delegates control to an Agent, and this wallet has no Agent yet.</p>
        <a href={href({ screen: 'create', flow: 'user-agent' })}>Create a User and an Agent first</a>
      </div>
    );

  const submit = (event: Event) => {
    event.preventDefault();
    setCreated(null);
    const next: DraftErrors & { agent?: string } = checkDraft(draft);
    if (!chosenAgent) next.agent = 'Choose the Agent that will control the Twin.';
    setErrors(next);
    if (!hasErrors(next)) void create.run();
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Create a Twin">
      <SeedPicker seeds={context.seeds} value={seedId} onChange={setSeedId} />
      <div class="field">
        <label for={agentFieldId}>Controlling Agent</label>
        <select id={agentFieldId} value={chosenAgent} onChange={(event) => setAgentDid((event.currentTarget as HTMLSelectElement).value)} aria-describedby={`${agentFieldId}-hint`}>
          {agents.map((agent) => (
            <option key={agent.did} value={agent.did}>
              {agent.label} ({shortDid(agent.did)})
            </option>
          ))}
        </select>
        <div class="hint" id={`${agentFieldId}-hint`}>
          The Twin delegates control to this Agent: the Agent may act for the Twin.
        </div>
        {errors.agent && (
          <div class="field-error" role="alert">
            {errors.agent}
          </div>
        )}
      </div>
      <EntityFields kind="twin" draft={draft} errors={errors} takenLabels={labelsOfKind(context.entities, 'twin')} onChange={setDraft} />
      <div class="actions">
        <button type="submit" class="primary" disabled={create.busy}>
          {create.busy ? 'Creating…' : 'Create Twin'}
        </button>
      </div>
      <FormError message={create.error} />
      {created && <Created entities={[created]} summary={`Created. ${created.label} delegates control to ${agents.find((a) => a.did === chosenAgent)?.label ?? 'the Agent'}.`} />}
    </form>
  );
}
