import { useState } from 'preact/hooks';
import type { IdentityFormat } from '../../../core/types';
import type { EntityKind } from '../../../shared/page-api';
import { KIND_NAMES } from '../../components/Badge';
import { TextField } from '../../components/TextField';
import { KEY_NAME_MAX, type DraftErrors, type EntityDraft } from './entity-draft';

export interface EntityFieldsProps {
  kind: EntityKind;
  draft: EntityDraft;
  errors: DraftErrors;
  onChange: (draft: EntityDraft) => void;
  /** Distinguishes the fields when a form has two entities (e.g. "User label"). */
  prefix?: string;
  /** IOTICS documents have no identity chain, so no public names. */
  format?: IdentityFormat;
}

/**
 * Label, secret key name and optional public names of one new entity. The key name is the wallet's
 * default (found again from the recovery phrase alone) unless the person chooses one, which they are
 * told to write down.
 */
export function EntityFields({ kind, draft, errors, onChange, prefix, format = 'sigil' }: EntityFieldsProps) {
  const name = (field: string) => (prefix ? `${prefix} ${field.toLowerCase()}` : field);
  // Public names are rare: the field stays folded away until asked for.
  const [showNames, setShowNames] = useState(draft.namesText !== '');
  const setLabel = (label: string) => onChange({ ...draft, label });
  const custom = draft.keyNameMode === 'custom';
  return (
    <>
      <TextField label={name('Label')} value={draft.label} onInput={setLabel} error={errors.label} maxLength={64} hint={`Shown in Sigil and to sites you share this ${KIND_NAMES[kind]} with.`} />
      {custom ? (
        <>
          <TextField
            label={name('Key name')}
            value={draft.keyName}
            onInput={(keyName) => onChange({ ...draft, keyName })}
            error={errors.keyName}
            mono
            maxLength={KEY_NAME_MAX[format]}
            autoFocus
            hint="Secret. With your recovery phrase it recreates this entity’s keys. It cannot be changed later."
          />
          <p class="notice warning" role="alert" data-testid="custom-key-name-warning">
            Write this key name down next to your recovery phrase. Restoring the phrase alone will not find this {KIND_NAMES[kind]}: only the phrase
            and this name together bring it back.
          </p>
          <p>
            <button type="button" class="link" onClick={() => onChange({ ...draft, keyNameMode: 'default', keyName: '' })}>
              {prefix ? `Use the default key name for the ${prefix}` : 'Use the default key name'}
            </button>
          </p>
        </>
      ) : (
        <p class="muted" data-testid="default-key-name">
          Key name: the wallet’s next default name. Your recovery phrase alone finds this {KIND_NAMES[kind]} again.{' '}
          <button type="button" class="link" onClick={() => onChange({ ...draft, keyNameMode: 'custom' })}>
            {prefix ? `Choose the ${prefix} key name` : 'Choose a key name'}
          </button>
        </p>
      )}
      {format === 'sigil' && !showNames && !errors.names && (
        <p>
          <button type="button" class="link" aria-expanded="false" onClick={() => setShowNames(true)}>
            {prefix ? `Add public names to the ${prefix}` : 'Add public names'}
          </button>
        </p>
      )}
      {format === 'sigil' && (showNames || errors.names) && (
        <TextField
          label={name('Extra names (optional)')}
          value={draft.namesText}
          onInput={(namesText) => onChange({ ...draft, namesText })}
          error={errors.names}
          multiline
          rows={2}
          hint={
            <>
              One per line. <strong>Names are public:</strong> they are written into the identity chain for anyone to read, and cannot be removed.
            </>
          }
          autoFocus={showNames && draft.namesText === ''}
        />
      )}
    </>
  );
}
