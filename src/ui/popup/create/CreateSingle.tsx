import { useState } from 'preact/hooks';
import { ENTITY_KINDS as KINDS, type EntityKind, type IdentityFormat } from '../../../core/types';
import { callBackground } from '../../background-client';
import { KIND_NAMES } from '../../components/Badge';
import { FormatPicker } from '../../components/FormatPicker';
import { FormError } from '../../components/FormError';
import { useAction } from '../../components/use-action';
import type { CreatedResult } from './Created';
import { checkDraft, draftToInput, emptyDraft, hasErrors, KIND_DESCRIPTIONS, type DraftErrors, type EntityDraft } from './entity-draft';
import { EntityFields } from './EntityFields';
import { SeedPicker } from './SeedPicker';
import type { CreateContext } from './use-create-context';

/** One entity of any kind, without delegations. */
export function CreateSingle({ context, onCreated }: { context: CreateContext; onCreated: (result: CreatedResult) => void }) {
  const [kind, setKind] = useState<EntityKind>('user');
  const [format, setFormat] = useState<IdentityFormat>('sigil');
  const [draft, setDraft] = useState<EntityDraft>(emptyDraft());
  const [seedId, setSeedId] = useState<string | null>(null);
  const [errors, setErrors] = useState<DraftErrors>({});
  const create = useAction(async () => {
    onCreated({ entities: [await callBackground('ui_createEntity', { ...draftToInput(draft, seedId, format), format, kind })] });
  });

  const submit = (event: Event) => {
    event.preventDefault();
    const next = checkDraft(draft, format);
    setErrors(next);
    if (!hasErrors(next)) void create.run();
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Create a single entity">
      <fieldset>
        <legend>Kind</legend>
        {KINDS.map((each) => (
          <label class="choice" key={each}>
            <input type="radio" name="kind" value={each} checked={kind === each} onChange={() => setKind(each)} />
            <span>
              <strong>{KIND_NAMES[each]}</strong> <span class="muted">— {KIND_DESCRIPTIONS[each]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <FormatPicker value={format} onChange={setFormat} />
      <SeedPicker seeds={context.seeds} value={seedId} onChange={setSeedId} />
      <EntityFields kind={kind} format={format} draft={draft} errors={errors} onChange={setDraft} />
      <div class="actions">
        <button type="submit" class="primary" disabled={create.busy}>
          {create.busy ? 'Creating…' : `Create ${KIND_NAMES[kind]}`}
        </button>
      </div>
      <FormError message={create.error} />
    </form>
  );
}
