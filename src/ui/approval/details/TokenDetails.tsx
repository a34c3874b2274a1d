import { useId } from 'preact/hooks';
import type { ApprovalDetails } from '../../../shared/ui-api';
import { KIND_NAMES } from '../../components/Badge';
import { formatDate } from '../../components/format';
import type { ChoiceProps } from '../choice-state';
import { durationWords, grantWords } from '../describe';
import { DidMention } from '../DidMention';
import { EntityLine } from '../EntityLine';
import { FormatRow } from './FormatRow';

type Token = Extract<ApprovalDetails, { method: 'sigil_authToken' }>;

const GRANT_OPTIONS = [5, 15, 60, 240, 1440];

/** What the site gets and can do with it, in words; then the token's claims as a verifier reads them. */
export function TokenDetails({ details, origin, choices, onChoices, fieldErrors }: { details: Token; origin: string } & ChoiceProps) {
  const grantId = useId();
  const { claims, user, agent } = details;
  const granting = choices.grantMinutes !== undefined;
  const forItself = claims.aud === origin;
  return (
    <>
      <div data-testid="request-summary">
        <p>
          <strong>{origin}</strong> gets a sign-in token that says it is you, your {KIND_NAMES[user.kind]} <strong>{user.label}</strong>,
          signed by your {KIND_NAMES[agent.kind]} <strong>{agent.label}</strong>
          {agent.did === user.did ? '' : ', which acts for it'}.
        </p>
        <p>
          {forItself ? 'The site' : <strong class="mono">{claims.aud}</strong>} can use it to sign you in until{' '}
          <strong>{formatDate(claims.exp * 1000)}</strong> ({durationWords(details.durationSeconds)}); then it stops working.
          {granting && ` You also let ${origin} get new tokens for ${user.label} without asking for the next ${grantWords(choices.grantMinutes!)}.`}
        </p>
      </div>
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
          <EntityLine entity={user} />
        </dd>
        <dt>Signed by</dt>
        <dd>
          <EntityLine entity={agent} />
        </dd>
        <dt>Issuer (iss)</dt>
        <dd>
          <DidMention reference={claims.iss} />
        </dd>
        <dt>Subject (sub)</dt>
        <dd>
          <DidMention reference={claims.sub} />
        </dd>
        <dt>Audience (aud)</dt>
        <dd class="mono">{claims.aud}</dd>
        <dt>Expires (exp)</dt>
        <dd>
          {formatDate(claims.exp * 1000)} ({durationWords(details.durationSeconds)} after signing)
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
                {GRANT_OPTIONS.map((minutes) => (
                  <option key={minutes} value={String(minutes)}>
                    {grantWords(minutes)}
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
