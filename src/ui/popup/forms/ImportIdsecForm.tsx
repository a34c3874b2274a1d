import { useState } from 'preact/hooks';
import { isIdsec } from '../../../core/factom-keys';
import type { ImportedKeyView } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { PasswordField } from '../../components/PasswordField';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/use-action';

/** Imports a Factom private key (idsec…) into the vault; only its public idpub comes back. */
export function ImportIdsecForm({ onImported }: { onImported?: (key: ImportedKeyView) => void }) {
  const [idsec, setIdsec] = useState('');
  const [label, setLabel] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [imported, setImported] = useState<ImportedKeyView | null>(null);
  const action = useAction(async () => {
    const key = await callBackground('ui_importIdsec', { idsec: idsec.trim(), ...(label.trim() ? { label: label.trim() } : {}) });
    setIdsec('');
    setLabel('');
    setImported(key);
    onImported?.(key);
  });

  const submit = (event: Event) => {
    event.preventDefault();
    setImported(null);
    if (!isIdsec(idsec.trim())) {
      setFieldError('An idsec key is 55 characters and starts with "idsec".');
      return;
    }
    setFieldError(null);
    void action.run();
  };

  return (
    <form onSubmit={submit} aria-label="Import a Factom idsec key" noValidate>
      <PasswordField
        label="Factom private key (idsec…)"
        value={idsec}
        onInput={setIdsec}
        autoComplete="new-password"
        error={fieldError}
        hint="It is stored encrypted in this wallet and never shown again."
      />
      <TextField label="Label (optional)" value={label} onInput={setLabel} maxLength={64} />
      <div class="actions">
        <button type="submit" disabled={action.busy}>
          {action.busy ? 'Importing…' : 'Import key'}
        </button>
      </div>
      <FormError message={action.error} />
      {imported && (
        <p class="notice success" role="status">
          Imported “{imported.label}”: <span class="mono">{imported.idpub}</span>
        </p>
      )}
    </form>
  );
}
