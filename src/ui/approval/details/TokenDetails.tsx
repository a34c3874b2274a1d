import { useId } from 'preact/hooks';
import type { ApprovalDetails } from '../../../shared/ui-api';
import { formatDate } from '../../components/format';
import type { ChoiceProps } from '../choice-state';
import { EntityLine } from '../EntityLine';
import { FormatRow } from './FormatRow';

type Token = Extract<ApprovalDetails, { method: 'sigil_authToken' }>;

const GRANT_OPTIONS = [
  { minutes: 5, label: '5 minutes' },
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
  { minutes: 1440, label: '24 hours' },
];

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  if (seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/** The token's claims as a verifier will read them, and the option not to be asked again for a while. */
export function TokenDetails({ details, origin, choices, onChoices, fieldErrors }: { details: Token; origin: string } & ChoiceProps) {
  const grantId = useId();
  const { claims } = details;
  const granting = choices.grantMinutes !== undefined;
  return (
    <>
      {details.audienceWarning && (
        <p class="notice warning" role="alert">
          This token is for <strong class="mono">{claims.aud}</strong>, not for {origin}. Whoever holds it can sign in as this
          user there. Approve only if you trust {origin} to act for you at that address.
        </p>
      )}
      <dl class="details">
        <FormatRow format={details.format} />
        <dt>Signs in as</dt>
        <dd>
          <EntityLine entity={details.user} />
        </dd>
        <dt>Signed by</dt>
        <dd>
          <EntityLine entity={details.agent} />
        </dd>
        <dt>Issuer (iss)</dt>
        <dd class="mono">{claims.iss}</dd>
        <dt>Subject (sub)</dt>
        <dd class="mono">{claims.sub}</dd>
        <dt>Audience (aud)</dt>
        <dd class="mono">{claims.aud}</dd>
        <dt>Expires (exp)</dt>
        <dd>
          {formatDate(claims.exp * 1000)} ({duration(details.durationSeconds)} after signing)
        </dd>
      </dl>
      {!details.audienceWarning && (
        <div class="grant">
          <label class="choice">
            <input
              type="checkbox"
              checked={granting}
              onChange={(e) => onChoices({ ...choices, grantMinutes: e.currentTarget.checked ? 15 : undefined })}
            />
            <span>Let {origin} get tokens for this user and agent without asking me</span>
          </label>
          {granting && (
            <div class="field">
              <label for={grantId}>for the next</label>
              <select
                id={grantId}
                value={String(choices.grantMinutes)}
                aria-invalid={fieldErrors.grantMinutes ? 'true' : undefined}
                onChange={(e) => onChoices({ ...choices, grantMinutes: Number(e.currentTarget.value) })}
              >
                {GRANT_OPTIONS.map((option) => (
                  <option key={option.minutes} value={String(option.minutes)}>
                    {option.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          {fieldErrors.grantMinutes && (
            <p class="field-error" role="alert">
              {fieldErrors.grantMinutes}
            </p>
          )}
        </div>
      )}
    </>
  );
}
