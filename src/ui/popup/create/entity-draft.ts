/**
 * What a person fills in for one new entity, checked here by the same rules the background applies
 * (DESIGN §2.2 for Sigil's format, §2.8 for IOTICS'), so mistakes show next to their field before
 * anything is sent.
 */
import { isSafeDisplayText } from '../../../core/display-text';
import type { IdentityFormat } from '../../../core/types';
import type { EntityKind } from '../../../shared/page-api';
import type { NewEntityInput } from '../../../shared/ui-api';

export interface EntityDraft {
  label: string;
  /**
   * `default`: the wallet picks the seed's next default key name (`user-0`, `user-1`…), which the
   * recovery phrase alone finds again; `custom`: `keyName`, which the person must write down.
   */
  keyNameMode: 'default' | 'custom';
  keyName: string;
  /** Extra public names, one per line. */
  namesText: string;
}

export interface DraftErrors {
  label?: string;
  keyName?: string;
  names?: string;
}

export const emptyDraft = (label = ''): EntityDraft => ({ label, keyNameMode: 'default', keyName: '', namesText: '' });

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function draftNames(draft: EntityDraft): string[] {
  return draft.namesText
    .split('\n')
    .map((name) => name.trim())
    .filter(Boolean);
}

/** The longest key name of each format (the background's bounds). */
export const KEY_NAME_MAX: Record<IdentityFormat, number> = { sigil: 64, iotics: 256 };

/**
 * IOTICS takes any non-empty key name, used as typed (no normalisation); Sigil's own format refuses
 * "/" and control characters (DESIGN §2.2).
 */
function keyNameError(keyName: string, format: IdentityFormat): string | undefined {
  if (!keyName) return 'A key name is required.';
  if ([...keyName].length > KEY_NAME_MAX[format]) return `A key name is at most ${KEY_NAME_MAX[format]} characters.`;
  if (format === 'iotics') return undefined;
  if (keyName.normalize('NFKD').includes('/')) return 'A key name cannot contain “/”.';
  if (CONTROL.test(keyName) || CONTROL.test(keyName.normalize('NFKD'))) return 'A key name cannot contain control characters.';
  return undefined;
}

export function checkDraft(draft: EntityDraft, format: IdentityFormat = 'sigil'): DraftErrors {
  const errors: DraftErrors = {};
  const label = draft.label.trim();
  if (!label) errors.label = 'Give it a label, e.g. a person’s or a device’s name.';
  else if ([...label].length > 64) errors.label = 'A label is at most 64 characters.';
  else if (!isSafeDisplayText(label)) errors.label = 'A label cannot contain control or bidirectional override characters.';
  const keyNameProblem = draft.keyNameMode === 'custom' ? keyNameError(draft.keyName, format) : undefined;
  if (keyNameProblem) errors.keyName = keyNameProblem;
  // An IOTICS document has no identity chain to write public names into: the form hides them.
  if (format === 'iotics') return errors;
  const names = draftNames(draft);
  if (names.length > 63) errors.names = 'At most 63 extra names.';
  else if (names.some((name) => name.length > 1024)) errors.names = 'Each name is at most 1024 characters.';
  else if (!names.every(isSafeDisplayText)) errors.names = 'Names cannot contain control or bidirectional override characters.';
  return errors;
}

export const hasErrors = (errors: DraftErrors): boolean => Object.keys(errors).length > 0;

/**
 * The entity as the create messages take it; the format travels beside it (once for a pair). A
 * default key name is left out: the background picks the seed's next one.
 */
export function draftToInput(draft: EntityDraft, seedId: string | null, format: IdentityFormat = 'sigil'): NewEntityInput {
  const names = format === 'sigil' ? draftNames(draft) : [];
  return {
    label: draft.label.trim(),
    ...(draft.keyNameMode === 'custom' ? { keyName: draft.keyName } : {}),
    ...(seedId ? { seedId } : {}),
    ...(names.length > 0 ? { names } : {}),
  };
}

export const KIND_DESCRIPTIONS: Record<EntityKind, string> = {
  user: 'A person. A User lets an Agent sign in for it (authentication delegation).',
  agent: 'Software acting for Users and Twins; it signs the tokens sites receive.',
  twin: 'A thing or a data source. A Twin lets an Agent control it (control delegation).',
};
