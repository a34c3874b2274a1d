import { useState } from 'preact/hooks';
import type { WalletState } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { Screen } from '../../components/Screen';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/use-action';
import { HexSeedFields } from '../forms/HexSeedFields';
import { DEFAULT_HEX_OPTIONS, parseSeedInput, type HexSeedOptions, type SeedFormat } from './seed-input';

/** Creates the wallet from an existing recovery phrase or hex seed. */
export function ImportSeed({ password, onCreated, back }: { password: string; onCreated: (state: WalletState) => void; back: () => void }) {
  const [format, setFormat] = useState<SeedFormat>('mnemonic');
  const [text, setText] = useState('');
  const [hexOptions, setHexOptions] = useState<HexSeedOptions>(DEFAULT_HEX_OPTIONS);
  const [fieldError, setFieldError] = useState<{ message: string; field: 'seed' | 'password' } | null>(null);
  const action = useAction(async () => {
    const parsed = await parseSeedInput(format, text, hexOptions);
    if (!parsed.ok) {
      setFieldError({ message: parsed.error, field: parsed.field ?? 'seed' });
      return;
    }
    setFieldError(null);
    const state = await callBackground('ui_createWallet', { password, seed: parsed.seed });
    setText('');
    setHexOptions(DEFAULT_HEX_OPTIONS);
    onCreated(state);
  });

  const submit = (event: Event) => {
    event.preventDefault();
    void action.run();
  };
  const choose = (next: SeedFormat) => {
    // The two fields hold different secrets: switching never carries one into the other.
    setText('');
    setFieldError(null);
    setFormat(next);
  };

  return (
    <Screen name="import-seed" title="Import a seed">
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>What do you have?</legend>
          <label class="choice">
            <input type="radio" name="seed-format" checked={format === 'mnemonic'} onChange={() => choose('mnemonic')} />
            <span>A recovery phrase (12 or 24 words)</span>
          </label>
          <label class="choice">
            <input type="radio" name="seed-format" checked={format === 'hex'} onChange={() => choose('hex')} />
            <span>A seed in hexadecimal (32 or 64 characters), as IOTICS writes it</span>
          </label>
        </fieldset>
        {format === 'mnemonic' ? (
          <TextField
            label="Recovery phrase"
            value={text}
            onInput={setText}
            multiline
            rows={4}
            mono
            error={fieldError?.message}
            hint="Words separated by spaces, in order."
          />
        ) : (
          <HexSeedFields
            name="import"
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
        <div class="actions">
          <button type="button" onClick={back}>
            Back
          </button>
          <button type="submit" class="primary" disabled={action.busy}>
            {action.busy ? 'Importing…' : 'Import and create wallet'}
          </button>
        </div>
        <FormError message={action.error} />
      </form>
    </Screen>
  );
}
