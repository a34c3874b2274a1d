import { useState } from 'preact/hooks';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { formatDate } from '../../components/format';
import { SkeletonRows } from '../../components/Skeleton';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/use-action';
import { useBackgroundData } from '../../components/use-background-data';
import { ImportIdsecForm } from '../forms/ImportIdsecForm';
import { parseSeedInput, type SeedFormat } from '../onboarding/seed-input';

const ORIGIN_TEXT = { created: 'created in Sigil', mnemonic: 'imported phrase', hex: 'imported hex seed' } as const;

/** Adds another seed from a phrase or hex (e.g. an Agent's own seed). */
function AddSeedForm({ onAdded }: { onAdded: () => void }) {
  const [format, setFormat] = useState<SeedFormat>('mnemonic');
  const [text, setText] = useState('');
  const [label, setLabel] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const add = useAction(async () => {
    const parsed = await parseSeedInput(format, text);
    if (!parsed.ok) return setFieldError(parsed.error);
    setFieldError(null);
    await callBackground('ui_addSeed', { seed: parsed.seed, ...(label.trim() ? { label: label.trim() } : {}) });
    setText('');
    setLabel('');
    onAdded();
  });
  const submit = (event: Event) => {
    event.preventDefault();
    void add.run();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Add a seed">
      <fieldset>
        <legend>Format</legend>
        <label class="choice">
          <input type="radio" name="add-seed-format" checked={format === 'mnemonic'} onChange={() => setFormat('mnemonic')} />
          <span>12 or 24 words</span>
        </label>
        <label class="choice">
          <input type="radio" name="add-seed-format" checked={format === 'hex'} onChange={() => setFormat('hex')} />
          <span>Hexadecimal</span>
        </label>
      </fieldset>
      <TextField label={format === 'mnemonic' ? 'Recovery phrase' : 'Hex seed'} value={text} onInput={setText} multiline mono error={fieldError} />
      <TextField label="Seed label (optional)" value={label} onInput={setLabel} maxLength={64} />
      <div class="actions">
        <button type="submit" class="primary" disabled={add.busy}>
          {add.busy ? 'Adding…' : 'Add seed'}
        </button>
      </div>
      <FormError message={add.error} />
    </form>
  );
}

/** The wallet's seeds and imported Factom keys (public facts only), and ways to add to them. */
export function SeedsAndKeys() {
  const seeds = useBackgroundData(() => callBackground('ui_seeds', undefined), ['stateChanged'], []);
  return (
    <>
      <h2>Seeds</h2>
      {!seeds.data && (seeds.error ? <FormError message={seeds.error} /> : <SkeletonRows rows={1} />)}
      {seeds.data && (
        <ul class="entity-list" data-testid="seed-list">
          {seeds.data.seeds.map((seed) => (
            <li key={seed.id} class="entity-link">
              <span class="text">
                <span class="label">{seed.label}</span>
                <span class="muted">
                  {seed.words} words, {ORIGIN_TEXT[seed.origin]}, {formatDate(seed.createdAt)}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>Imported Factom keys</h2>
      {seeds.data && seeds.data.importedKeys.length === 0 && <p class="muted">None yet.</p>}
      {seeds.data && seeds.data.importedKeys.length > 0 && (
        <ul class="entity-list" data-testid="imported-keys">
          {seeds.data.importedKeys.map((key) => (
            <li key={key.id} class="entity-link">
              <span class="text">
                <span class="label">{key.label}</span>
                <span class="did">{key.idpub}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>Import a Factom key</h3>
      <ImportIdsecForm onImported={seeds.reload} />
      <h2>Add a seed</h2>
      <p class="muted">For example an Agent’s own seed. New identities can then be created from it.</p>
      <AddSeedForm onAdded={seeds.reload} />
    </>
  );
}
