import { useState } from 'preact/hooks';
import type { EntitySummary, IoticsKeyView, IoticsRotationPlan } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { shortDid, shortKey } from '../../components/format';
import { PasswordField } from '../../components/PasswordField';
import { Screen } from '../../components/Screen';
import { SkeletonLines } from '../../components/Skeleton';
import { useAction } from '../../components/use-action';
import { useBackgroundData } from '../../components/use-background-data';
import { setFlash } from '../flash';
import { href, navigate } from '../route';
import { rotationResult, rotationSteps } from '../../components/rotation-words';

interface Review {
  plan: IoticsRotationPlan;
  entities: readonly EntitySummary[];
}

const nameIn = (entities: readonly EntitySummary[]) => (did: string) => entities.find((entity) => entity.did === did)?.label ?? shortDid(did);

function KeySummary({ keyView }: { keyView: IoticsKeyView }) {
  return (
    <>
      <span class="mono">{keyView.id}</span>
      <div class="mono muted" title={keyView.publicKeyBase58}>
        {shortKey(keyView.publicKeyBase58)}
      </div>
    </>
  );
}

/**
 * Rotating an owner key of an IOTICS entity, reviewed like a Factom key replacement: the background
 * plans it (new key id, signer, delegations to renew), this screen says what will happen, and only
 * the button below does it.
 */
export function RotateIoticsKey({ did, keyId }: { did: string; keyId: string }) {
  const review = useBackgroundData<Review>(
    async () => {
      const [plan, { entities }] = await Promise.all([callBackground('ui_planIoticsRotation', { did, keyId }), callBackground('ui_entities', undefined)]);
      return { plan, entities };
    },
    [],
    [did, keyId],
  );
  const current = review.data;
  return (
    <Screen name="rotate-key" title={`Rotate key ${keyId}`} back={href({ screen: 'entity', did })}>
      {!current && review.error && <FormError message={review.error} />}
      {!current && !review.error && (
        <div aria-busy="true" aria-label="Planning the rotation">
          <SkeletonLines lines={5} />
        </div>
      )}
      {current && <ConfirmRotation plan={current.plan} nameOf={nameIn(current.entities)} />}
    </Screen>
  );
}

function ConfirmRotation({ plan, nameOf }: { plan: IoticsRotationPlan; nameOf: (did: string) => string }) {
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const rotate = useAction(async () => {
    const result = await callBackground('ui_rotateIoticsKey', { did: plan.did, keyId: plan.oldKey.id, ...(plan.requiresPassword ? { password } : {}) });
    setPassword('');
    setFlash(rotationResult(plan.oldKey.id, result, nameOf));
    navigate({ screen: 'entity', did: plan.did });
  });

  const submit = (event: Event) => {
    event.preventDefault();
    if (plan.requiresPassword && !password) {
      setPasswordError('Enter your password: rotating a key changes who may sign for this identity.');
      return;
    }
    setPasswordError(null);
    void rotate.run();
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Confirm the rotation">
      <dl class="details" data-testid="rotation-summary">
        <dt>Old key</dt>
        <dd>
          <KeySummary keyView={plan.oldKey} />
        </dd>
        <dt>New key</dt>
        <dd>
          <span class="mono">{plan.newKeyId}</span>
          <div class="muted">Derived by Sigil from your seed</div>
        </dd>
        <dt>Signed by</dt>
        <dd data-testid="signer">
          <KeySummary keyView={plan.signer} />
        </dd>
      </dl>
      <p class="notice info" data-testid="plan-reason">
        {plan.reason}
      </p>
      <h2>What will happen</h2>
      <ul class="rotation-steps" data-testid="rotation-steps">
        {rotationSteps(plan, nameOf).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ul>
      {plan.requiresPassword && (
        <PasswordField
          label="Password"
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
          error={passwordError}
          hint="Rotating a key changes who may sign for this identity, so Sigil asks for your password again."
        />
      )}
      <div class="actions">
        <a class="button-link" href={href({ screen: 'entity', did: plan.did })}>
          Cancel
        </a>
        <button type="submit" class="primary" disabled={rotate.busy}>
          {rotate.busy ? 'Rotating…' : 'Rotate key'}
        </button>
      </div>
      <FormError message={rotate.error} />
    </form>
  );
}
