import type { ApprovalChoices } from '../../shared/ui-api';

/** What a details view edits: the choices so far, and errors keyed by the choice they are about. */
export interface ChoiceProps {
  choices: ApprovalChoices;
  onChoices: (next: ApprovalChoices) => void;
  fieldErrors: Partial<Record<keyof ApprovalChoices, string>>;
}
