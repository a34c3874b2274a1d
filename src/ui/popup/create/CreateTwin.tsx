import { useId, useState } from 'preact/hooks';
import type { IdentityFormat } from '../../../core/types';
import { callBackground } from '../../background-client';
import { FormatPicker } from '../../components/FormatPicker';
import { FormError } from '../../components/FormError';
import { shortDid } from '../../components/format';
import { FORMAT_NAMES, formatOf } from '../../components/identity-format';
import { useAction } from '../../components/use-action';
import { href } from '../route';
import type { CreatedResult } from './Created';
import { checkDraft, draftToInput, emptyDraft, hasErrors, type DraftErrors, type EntityDraft } from './entity-draft';
import { EntityFields } from './EntityFields';
import { SeedPicker } from './SeedPicker';
import type { CreateContext } from './use-create-context';

/** A Twin that delegates control to one of the wallet's Agents of the same format. */
export function CreateTwin({ context, onCreated }: { context: CreateContext; onCreated: (result: CreatedResult) => void }) {
  const agentFieldId = useId();
  const [format, setFormat] = useState<IdentityFormat>('sigil');
  // A delegation names a key of the Agent's document: both must be in the same format.
  const agents = (context.entities ?? []).filter((entity) => entity.kind === 'agent' && formatOf(entity) === format);
  const [draft, setDraft] = useState<EntityDraft>(emptyDraft());
  const [agentDid, setAgentDid] = useState<string>('');
  const [seedId, setSeedId] = useState<string | null>(null);
  const [errors, setErrors] = useState<DraftErrors & { agent?: string }>({});
  const chosenAgent = agents.some((agent) => agent.did === agentDid) ? agentDid : (agents[0]?.did ?? '');
  const create = useAction(async () => {
    onCreated({ entities: [await callBackground('ui_createTwin', { ...draftToInput(draft, seedId, format), format, agent: chosenAgent })] });
  });

  const submit = (event: Event) => {
    event.preventDefault();
    const next: DraftErrors & { agent?: string } = checkDraft(draft, format);
    if (!chosenAgent) next.agent = 'Choose the Agent that will control the Twin.';
    setErrors(next);
    if (!hasErrors(next)) void create.run();
  };

  const noAgent = context.entities !== null && agents.length === 0;
  return (
    <form onSubmit={submit} noValidate aria-label="Create a Twin">
      <FormatPicker value={format} onChange={setFormat} />
      {noAgent ? (
        <div class="notice info">
          <p>
            A Twin delegates control to an Agent, and this wallet has no {format === 'iotics' ? `${FORMAT_NAMES[format]} ` : ''}Agent yet.
          </p>
          <a href={href({ screen: 'create', flow: 'user-agent' })}>Create a User and an Agent first</a>
        </div>
      ) : (
        <>
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
          <EntityFields kind="twin" format={format} draft={draft} errors={errors} onChange={setDraft} />
          <div class="actions">
            <button type="submit" class="primary" disabled={create.busy}>
              {create.busy ? 'Creating…' : 'Create Twin'}
            </button>
          </div>
          <FormError message={create.error} />
        </>
      )}
    </form>
  );
}
