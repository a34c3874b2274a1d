import { useState } from 'preact/hooks';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { formatDate } from '../../components/format';
import { seedLongText } from '../../components/seed-text';
import { SkeletonRows } from '../../components/Skeleton';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/use-action';
import { useBackgroundData } from '../../components/use-background-data';
import { ImportIdsecForm } from '../forms/ImportIdsecForm';
import { IdentitySearch } from '../recovery/RestoreIdentities';
import { href } from '../route';
import { HexSeedFields } from '../forms/HexSeedFields';
import { DEFAULT_HEX_OPTIONS, parseSeedInput, type HexSeedOptions, type SeedFormat } from '../onboarding/seed-input';

/** Adds another seed from a phrase or hex (e.g. an Agent's own seed, or an IOTICS seed). */
function AddSeedForm({ onAdded }: { onAdded: (seedId: string) => void }) {
  const [format, setFormat] = useState<SeedFormat>('mnemonic');
  const [text, setText] = useState('');
  const [hexOptions, setHexOptions] = useState<HexSeedOptions>(DEFAULT_HEX_OPTIONS);
  const [label, setLabel] = useState('');
  const [fieldError, setFieldError] = useState<{ message: string; field: 'seed' | 'password' } | null>(null);
  const add = useAction(async () => {
    const parsed = await parseSeedInput(format, text, hexOptions);
    if (!parsed.ok) return setFieldError({ message: parsed.error, field: parsed.field ?? 'seed' });
    setFieldError(null);
    const seed = await callBackground('ui_addSeed', { seed: parsed.seed, ...(label.trim() ? { label: label.trim() } : {}) });
    setText('');
    setHexOptions(DEFAULT_HEX_OPTIONS);
    setLabel('');
    onAdded(seed.id);
  });
  const submit = (event: Event) => {
    event.preventDefault();
    void add.run();
  };
  const choose = (next: SeedFormat) => {
    setText('');
    setFieldError(null);
    setFormat(next);
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Add a seed">
      <fieldset>
        <legend>Format</legend>
        <label class="choice">
          <input type="radio" name="add-seed-format" checked={format === 'mnemonic'} onChange={() => choose('mnemonic')} />
          <span>12 or 24 words</span>
        </label>
        <label class="choice">
          <input type="radio" name="add-seed-format" checked={format === 'hex'} onChange={() => choose('hex')} />
          <span>Hexadecimal (an IOTICS seed)</span>
        </label>
      </fieldset>
      {format === 'mnemonic' ? (
        <TextField label="Recovery phrase" value={text} onInput={setText} multiline mono error={fieldError?.message} />
      ) : (
        <HexSeedFields
          name="add-seed"
          hex={text}
          onHex={(value) => {
            setText(value);
            setFieldError(null);
          }}
          options={hexOptions}
          onOptions={setHexOptions}
          hexError={fieldError?.field === 'seed' ? fieldError.message : null}
          passwordError={fieldError?.field === 'password' ? fieldError.message : null}
        />
      )}
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
  /** The seed just added, whose identities are being looked for on the resolver. */
  const [restoring, setRestoring] = useState<string | null>(null);
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
                  {seedLongText(seed)}, {formatDate(seed.createdAt)}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {seeds.data && seeds.data.customKeyNames.length > 0 && (
        <>
          <h3>Key names you chose</h3>
          <p class="muted">
            These identities have a key name you typed yourself: keep each name written down next to the recovery phrase. The phrase alone brings back
            only identities with Sigil’s default key names.
          </p>
          <ul class="entity-list" data-testid="custom-key-names">
            {seeds.data.customKeyNames.map((did) => (
              <li key={did}>
                <a class="entity-link" href={href({ screen: 'entity', did })}>
                  <span class="did">{did}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
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
      <h2>Create a new seed</h2>
      <p class="muted">New recovery words, shown and checked like at set-up.</p>
      <a class="button-link" href={href({ screen: 'settings', section: 'new-seed' })}>
        Create a new seed
      </a>
      <h2>Add a seed</h2>
      <p class="muted">For example an Agent’s own seed. New identities can then be created from it.</p>
      {restoring === null ? (
        <AddSeedForm
          onAdded={(seedId) => {
            seeds.reload();
            setRestoring(seedId);
          }}
        />
      ) : (
        <IdentitySearch seedId={restoring} onDone={() => setRestoring(null)} doneLabel="Done" />
      )}
    </>
  );
}
