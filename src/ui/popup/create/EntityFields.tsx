import { useState } from 'preact/hooks';
import type { IdentityFormat } from '../../../core/types';
import type { EntityKind } from '../../../shared/page-api';
import { KIND_NAMES } from '../../components/Badge';
import { TextField } from '../../components/TextField';
import { KEY_NAME_MAX, suggestKeyName, type DraftErrors, type EntityDraft } from './entity-draft';

export interface EntityFieldsProps {
  kind: EntityKind;
  draft: EntityDraft;
  errors: DraftErrors;
  /** Labels of existing entities of this kind, so the suggested key name differs from theirs. */
  takenLabels: readonly string[];
  onChange: (draft: EntityDraft) => void;
  /** Distinguishes the fields when a form has two entities (e.g. "User label"). */
  prefix?: string;
  /** IOTICS documents have no identity chain, so no public names. */
  format?: IdentityFormat;
}

/** Label, secret key name (suggested from the label) and optional public names of one new entity. */
export function EntityFields({ kind, draft, errors, takenLabels, onChange, prefix, format = 'sigil' }: EntityFieldsProps) {
  const name = (field: string) => (prefix ? `${prefix} ${field.toLowerCase()}` : field);
  // Public names are rare: the field stays folded away until asked for.
  const [showNames, setShowNames] = useState(draft.namesText !== '');
  const setLabel = (label: string) =>
    onChange({ ...draft, label, keyName: draft.keyNameEdited ? draft.keyName : suggestKeyName(label, takenLabels) });
  return (
    <>
      <TextField label={name('Label')} value={draft.label} onInput={setLabel} error={errors.label} maxLength={64} hint={`Shown in Sigil and to sites you share this ${KIND_NAMES[kind]} with.`} />
      <TextField
        label={name('Key name')}
        value={draft.keyName}
        onInput={(keyName) => onChange({ ...draft, keyName, keyNameEdited: true })}
        error={errors.keyName}
        mono
        maxLength={KEY_NAME_MAX[format]}
        hint="Secret. With your recovery phrase it recreates this entity’s keys, so write it down next to the phrase. It cannot be changed later."
      />
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
