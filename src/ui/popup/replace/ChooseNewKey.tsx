import { useState } from 'preact/hooks';
import { isIdpub } from '../../../core/factom-keys';
import type { ReplacementPlan } from '../../../shared/ui-api';
import { TextField } from '../../components/TextField';
import { KeySummary } from './KeySummary';

export type NewKeyChoice = { kind: 'generate' } | { kind: 'own'; idpub: string };

/** The plan (old key, signer, why allowed) and where the new key comes from. */
export function ChooseNewKey({ plan, onChosen }: { plan: ReplacementPlan; onChosen: (choice: NewKeyChoice) => void }) {
  const [kind, setKind] = useState<NewKeyChoice['kind']>('generate');
  const [idpub, setIdpub] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: Event) => {
    event.preventDefault();
    if (kind === 'generate') return onChosen({ kind });
    const value = idpub.trim();
    if (!isIdpub(value)) return setError('A public key is 55 characters and starts with "idpub".');
    if (value === plan.oldKey.idpub) return setError('The new key must differ from the key it replaces.');
    setError(null);
    onChosen({ kind, idpub: value });
  };

  return (
    <form onSubmit={submit} noValidate>
      <dl class="details">
        <dt>Replacing</dt>
        <dd>
          <KeySummary keyView={plan.oldKey} />
        </dd>
        <dt>Signed by</dt>
        <dd data-testid="signer">
          <KeySummary keyView={plan.signer} />
        </dd>
      </dl>
      <p class="notice info" data-testid="plan-reason">
        {plan.reason}
      </p>
      <fieldset>
        <legend>New key</legend>
        <label class="choice">
          <input type="radio" name="new-key" checked={kind === 'generate'} onChange={() => setKind('generate')} />
          <span>
            Generate it in Sigil <span class="muted">— derived from your seed, kept in this wallet.</span>
          </span>
        </label>
        <label class="choice">
          <input type="radio" name="new-key" checked={kind === 'own'} onChange={() => setKind('own')} />
          <span>
            Use my own key <span class="muted">— paste its public key; you keep its private key.</span>
          </span>
        </label>
      </fieldset>
      {kind === 'own' && <TextField label="New public key (idpub…)" value={idpub} onInput={setIdpub} mono error={error} autoFocus />}
      <div class="actions">
        <button type="submit" class="primary">
          Continue
        </button>
      </div>
    </form>
  );
}
