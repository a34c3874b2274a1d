/**
 * Checks what the person chose in the approval window against the request it answers, before the
 * approval is recorded. The password of a key replacement is verified here and then dropped.
 */
import { ErrorCode, SigilError } from '../../shared/errors';
import type { ApprovalChoices, ApprovalDetails } from '../../shared/ui-api/approvals';
import { isVaultError } from '../vault';

/** Checks the password against the vault; a wrong one throws the vault's WRONG_PASSWORD. */
export type VerifyPassword = (password: string) => Promise<void>;

type ChoiceField = keyof ApprovalChoices;

/** An error the approval page shows next to the control named by `data.field`. */
const fieldError = (field: ChoiceField, message: string): SigilError =>
  new SigilError(ErrorCode.invalidParams, message, { field });

function allowOnly(choices: ApprovalChoices, allowed: readonly ChoiceField[]): void {
  for (const field of Object.keys(choices) as ChoiceField[]) {
    if (choices[field] !== undefined && !allowed.includes(field))
      throw fieldError(field, `${field} does not apply to this request.`);
  }
}

async function checkPassword(verify: VerifyPassword, password: string | undefined): Promise<void> {
  if (!password) throw fieldError('password', 'Type your password to approve this key replacement.');
  try {
    await verify(password);
  } catch (error) {
    if (isVaultError(error, 'WRONG_PASSWORD')) throw fieldError('password', 'Wrong password.');
    if (isVaultError(error)) throw new SigilError(ErrorCode.internal, error.message);
    throw error;
  }
}

/** The choices to hand to the waiting request; never includes the password. */
export async function acceptChoices(
  details: ApprovalDetails,
  choices: ApprovalChoices,
  verifyPassword: VerifyPassword,
): Promise<ApprovalChoices> {
  switch (details.method) {
    case 'sigil_connect': {
      allowOnly(choices, ['entities']);
      const offered = new Set(details.choices.map((entity) => entity.did));
      const picked = [...new Set(choices.entities ?? [])];
      // An Agent that signs for a picked User may go along with it, even when the site asked for Users only.
      const actingForPicked = new Set(
        (details.actingAgents ?? []).filter((acting) => picked.includes(acting.user)).flatMap((acting) => acting.agents.map((a) => a.did)),
      );
      if (picked.some((did) => !offered.has(did) && !actingForPicked.has(did)))
        throw fieldError('entities', 'Choose only among the identities offered to this site.');
      if (picked.length > 0 && picked.every((did) => !offered.has(did)))
        throw fieldError('entities', 'Choose at least one identity to share, or reject the request.');
      if (offered.size > 0 && picked.length === 0)
        throw fieldError('entities', 'Choose at least one identity to share, or reject the request.');
      return { entities: picked };
    }
    case 'sigil_authToken':
      allowOnly(choices, ['grantMinutes']);
      if (choices.grantMinutes === undefined) return {};
      if (details.audienceWarning)
        throw fieldError('grantMinutes', 'A standing grant covers only tokens for this site itself, not another audience.');
      return { grantMinutes: choices.grantMinutes };
    case 'sigil_replaceKey': {
      // Sigil format: the person may pick another signer within the rule; a priority-0 one needs the password.
      const options = details.format === 'sigil' ? (details.signerOptions ?? []) : [];
      const picked = choices.signer === undefined ? null : options.find((option) => option.idpub === choices.signer);
      if (choices.signer !== undefined && !picked) throw fieldError('signer', 'Choose the signer among the keys offered.');
      const requiresPassword = picked ? picked.priority === 0 : details.requiresPassword;
      allowOnly(choices, requiresPassword ? ['password', 'signer'] : ['signer']);
      if (requiresPassword) await checkPassword(verifyPassword, choices.password);
      return picked ? { signer: picked.idpub } : {};
    }
    default:
      allowOnly(choices, []);
      return {};
  }
}
