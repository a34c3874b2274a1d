import { useState } from 'preact/hooks';
import type { IdentityFormat } from '../../../core/types';
import { callBackground } from '../../background-client';
import { FormatPicker } from '../../components/FormatPicker';
import { FormError } from '../../components/FormError';
import { useAction } from '../../components/use-action';
import type { CreatedResult } from './Created';
import { checkDraft, draftToInput, emptyDraft, hasErrors, type DraftErrors, type EntityDraft } from './entity-draft';
import { EntityFields } from './EntityFields';
import { SeedPicker } from './SeedPicker';
import type { CreateContext } from './use-create-context';

const agentLabelFor = (userLabel: string): string => (userLabel.trim() ? `${userLabel.trim()} agent`.slice(0, 64) : '');

/** IOTICS' usual start: a User, an Agent, and the User's authentication delegated to the Agent. */
export function CreateUserAndAgent({ context, onCreated }: { context: CreateContext; onCreated: (result: CreatedResult) => void }) {
  const [user, setUser] = useState<EntityDraft>(emptyDraft());
  const [agent, setAgent] = useState<EntityDraft>(emptyDraft());
  const [agentLabelEdited, setAgentLabelEdited] = useState(false);
  const [seedId, setSeedId] = useState<string | null>(null);
  const [format, setFormat] = useState<IdentityFormat>('sigil');
  const [errors, setErrors] = useState<{ user: DraftErrors; agent: DraftErrors }>({ user: {}, agent: {} });
  const create = useAction(async () => {
    const result = await callBackground('ui_createUserAndAgent', { user: draftToInput(user, seedId, format), agent: draftToInput(agent, seedId, format), format });
    onCreated({ entities: [result.user, result.agent] });
  });

  const changeUser = (next: EntityDraft) => {
    setUser(next);
    if (!agentLabelEdited) {
      const label = agentLabelFor(next.label);
      setAgent({ ...agent, label });
    }
  };
  const changeAgent = (next: EntityDraft) => {
    if (next.label !== agent.label) setAgentLabelEdited(true);
    setAgent(next);
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const next = { user: checkDraft(user, format), agent: checkDraft(agent, format) };
    setErrors(next);
    if (!hasErrors(next.user) && !hasErrors(next.agent)) void create.run();
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Create a User and an Agent">
      <p class="muted">The User delegates authentication to the Agent: sites can then ask the Agent for tokens that name the User.</p>
      <FormatPicker value={format} onChange={setFormat} />
      <SeedPicker seeds={context.seeds} value={seedId} onChange={setSeedId} />
      <fieldset>
        <legend>User</legend>
        <EntityFields kind="user" format={format} prefix="User" draft={user} errors={errors.user} onChange={changeUser} />
      </fieldset>
      <fieldset>
        <legend>Agent</legend>
        <EntityFields kind="agent" format={format} prefix="Agent" draft={agent} errors={errors.agent} onChange={changeAgent} />
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" disabled={create.busy}>
          {create.busy ? 'Creating…' : 'Create User and Agent'}
        </button>
      </div>
      <FormError message={create.error} />
    </form>
  );
}
