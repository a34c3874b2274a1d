import type { ApprovalDetails } from '../../../shared/ui-api';
import { shortDid, shortKey } from '../../components/format';
import { PasswordField } from '../../components/PasswordField';
import { rotationSteps } from '../../components/rotation-words';
import type { ChoiceProps } from '../choice-state';
import { EntityLine } from '../EntityLine';
import { FormatRow } from './FormatRow';

type Replace = Extract<ApprovalDetails, { method: 'sigil_replaceKey' }>;
type SigilReplace = Extract<Replace, { format: 'sigil' }>;
type IoticsRotation = Extract<Replace, { format: 'iotics' }>;
type KeyInfo = SigilReplace['oldKey'];

const priorityName = (priority: number): string => (priority === 0 ? 'priority 0, the master key' : `priority ${priority}`);

function KeyLine({ info }: { info: KeyInfo }) {
  return (
    <span class="entity-line">
      <span>
        <strong>{info.id}</strong> <span class="muted">({priorityName(info.priority)})</span>
      </span>
      <span class="mono muted">{info.idpub}</span>
    </span>
  );
}

function IoticsKeyLine({ info }: { info: IoticsRotation['oldKey'] }) {
  return (
    <span class="entity-line">
      <strong>{info.id}</strong>
      <span class="mono muted" title={info.publicKeyBase58}>
        {shortKey(info.publicKeyBase58)}
      </span>
    </span>
  );
}

export function ReplaceKeyDetails({ details, ...choiceProps }: { details: Replace } & ChoiceProps) {
  if (details.format === 'iotics')
    return (
      <>
        <IoticsRotationDetails details={details} />
        {details.requiresPassword && (
          <PasswordRow {...choiceProps} hint="Rotating a key changes who may sign for this identity, so Sigil asks for your password again." />
        )}
      </>
    );
  const signer = chosenSigner(details, choiceProps.choices.signer);
  return (
    <>
      <SigilReplaceDetails details={details} signer={signer} {...choiceProps} />
      {signer.priority === 0 && <PasswordRow {...choiceProps} hint="The master key signs this replacement, so Sigil asks for your password again." />}
    </>
  );
}

/** The signer the person picked among the options, or the one the request came with. */
function chosenSigner(details: SigilReplace, picked: string | undefined): KeyInfo {
  return (picked === undefined ? undefined : details.signerOptions?.find((option) => option.idpub === picked)) ?? details.signer;
}

/** What the replacement does, in words: the old key's tokens stop working; the delegations naming it are renewed. */
export function replacementConsequences(details: SigilReplace): string[] {
  const oldId = details.oldKey.id;
  const renews = details.renews ?? [];
  return [
    `Tokens already issued with ${oldId} stop working: whoever checks them against the updated document refuses them.`,
    renews.length > 0
      ? `The delegations that name ${oldId} will be renewed with the new key: ${renews.map((entity) => entity.label || shortDid(entity.did)).join(', ')}.`
      : `No delegation in this wallet names ${oldId}, so none needs renewing.`,
  ];
}

function SignerPicker({ details, signer, choices, onChoices }: { details: SigilReplace; signer: KeyInfo } & ChoiceProps) {
  const options = details.signerOptions ?? [];
  if (options.length < 2) return <KeyLine info={signer} />;
  return (
    <fieldset class="signer-choice" data-testid="signer-choice">
      <legend class="muted">Keys that may sign (the same or a higher priority than the old key):</legend>
      {options.map((option) => (
        <label class="choice" key={option.idpub}>
          <input
            type="radio"
            name="signer"
            value={option.idpub}
            checked={option.idpub === signer.idpub}
            onChange={() => onChoices({ ...choices, signer: option.idpub, ...(option.priority === 0 ? {} : { password: undefined }) })}
          />
          <span>
            <strong>{option.id}</strong> <span class="muted">({priorityName(option.priority)})</span>{' '}
            <span class="mono muted" title={option.idpub}>
              {shortKey(option.idpub)}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function SigilReplaceDetails({ details, signer, ...choiceProps }: { details: SigilReplace; signer: KeyInfo } & ChoiceProps) {
  return (
    <>
      <dl class="details">
        <FormatRow format="sigil" />
        <dt>Identity</dt>
        <dd>
          <EntityLine entity={details.entity} />
        </dd>
        <dt>Old key</dt>
        <dd>
          <KeyLine info={details.oldKey} />
        </dd>
        <dt>New key</dt>
        <dd>
          {details.newKey ? <span class="mono">{details.newKey}</span> : <span>A new key that Sigil generates and keeps</span>}
        </dd>
        <dt>Signed by</dt>
        <dd data-testid="replacement-signer">
          <SignerPicker details={details} signer={signer} {...choiceProps} />
        </dd>
      </dl>
      {details.newKey && (
        <p class="notice warning" role="alert" data-testid="site-supplied-key">
          This site chose the new key. Sigil does not hold its private key: whoever does (the site, or anyone it gave it
          to) will be able to sign for {details.entity.label || 'this identity'} with it at{' '}
          {priorityName(details.oldKey.priority)}. Approve only if you made this key yourself.
        </p>
      )}
      <ul class="rotation-steps" data-testid="replacement-consequences">
        {replacementConsequences(details).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ul>
      <p class="muted">
        The old key stops working for good. A key may be replaced only by a key of the same or a higher priority (a lower
        number); this one is signed by {signer.id}, the key at {priorityName(signer.priority)}.
      </p>
    </>
  );
}

/** An IOTICS rotation: the new key is added and the old one removed from the document (DESIGN §2.8). */
function IoticsRotationDetails({ details }: { details: IoticsRotation }) {
  return (
    <>
      <dl class="details">
        <FormatRow format="iotics" />
        <dt>Identity</dt>
        <dd>
          <EntityLine entity={details.entity} />
        </dd>
        <dt>Old key</dt>
        <dd>
          <IoticsKeyLine info={details.oldKey} />
        </dd>
        <dt>New key</dt>
        <dd>
          <span class="mono">{details.newKeyId}</span> <span class="muted">— derived by Sigil from your seed</span>
        </dd>
        <dt>Signed by</dt>
        <dd>
          <IoticsKeyLine info={details.signer} />
        </dd>
      </dl>
      <ul class="rotation-steps">
        {rotationSteps(details, shortDid).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ul>
    </>
  );
}

function PasswordRow({ choices, onChoices, fieldErrors, hint }: ChoiceProps & { hint: string }) {
  return (
    <PasswordField
      label="Password"
      value={choices.password ?? ''}
      onInput={(value) => onChoices({ ...choices, password: value })}
      autoComplete="current-password"
      hint={hint}
      error={fieldErrors.password ?? null}
    />
  );
}
