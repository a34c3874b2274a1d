import { useState } from 'preact/hooks';
import type { ReplacementPlan } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { Screen } from '../../components/Screen';
import { SkeletonLines } from '../../components/Skeleton';
import { useBackgroundData } from '../../components/use-background-data';
import { href } from '../route';
import { ConfirmReplacement } from './ConfirmReplacement';
import { ChooseNewKey, type NewKeyChoice } from './ChooseNewKey';

/**
 * Replacing one key: which key will sign and why (planned by the background), the new key
 * (generated inside Sigil or pasted), then a confirmation that names all three.
 */
export function ReplaceKey({ did, keyIdpub }: { did: string; keyIdpub: string }) {
  const plan = useBackgroundData<ReplacementPlan>(() => callBackground('ui_planReplacement', { did, oldKey: keyIdpub }), [], [did, keyIdpub]);
  const [choice, setChoice] = useState<NewKeyChoice | null>(null);
  const back = href({ screen: 'entity', did });
  const current = plan.data;

  return (
    <Screen name="replace-key" title={current ? `Replace key ${current.oldKey.id}` : 'Replace a key'} back={back}>
      {!current && plan.error && <FormError message={plan.error} />}
      {!current && !plan.error && (
        <div aria-busy="true" aria-label="Planning the replacement">
          <SkeletonLines lines={5} />
        </div>
      )}
      {current && !choice && <ChooseNewKey plan={current} onChosen={setChoice} />}
      {current && choice && <ConfirmReplacement plan={current} choice={choice} back={() => setChoice(null)} />}
    </Screen>
  );
}
