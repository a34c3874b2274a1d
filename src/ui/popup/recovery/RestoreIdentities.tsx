import { useEffect, useState } from 'preact/hooks';
import type { DiscoveryReport, RestoredIdentityView } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormatBadge, KIND_NAMES, KindBadge } from '../../components/Badge';
import { FormError } from '../../components/FormError';
import { Screen } from '../../components/Screen';
import { SkeletonLines } from '../../components/Skeleton';
import { useAction } from '../../components/use-action';

export interface RestoreIdentitiesProps {
  /** The seed just restored (default: the wallet's first). */
  seedId?: string;
  /** Leaves the screen (to the wallet, or the next set-up step). */
  onDone: () => void;
  doneLabel?: string;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const identities = (n: number): string => (n === 1 ? '1 identity' : `${n} identities`);

function keyWords(identity: RestoredIdentityView): string {
  if (identity.replacements === 0) return `signs with ${identity.currentKeyId}, the key it was created with`;
  return `signs with ${identity.currentKeyId}, its latest key (replaced ${identity.replacements === 1 ? 'once' : `${identity.replacements} times`})`;
}

function Found({ report }: { report: DiscoveryReport }) {
  return (
    <>
      <p role="status" data-testid="restore-summary">
        <strong>Found {identities(report.restored.length)}</strong> on {report.resolverUrl}. They are back in your wallet, registered.
      </p>
      <ul class="entity-list" data-testid="restored-identities">
        {report.restored.map((identity) => (
          <li key={identity.did} class="entity-link" data-testid="restored-identity" data-did={identity.did}>
            <span class="text">
              <span>
                <span class="label">{identity.label}</span> <KindBadge kind={identity.kind} /> <FormatBadge format={identity.format} />
              </span>
              <span class="muted">{keyWords(identity)}</span>
              <span class="did">{identity.did}</span>
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Outcome({ report }: { report: DiscoveryReport }) {
  switch (report.status) {
    case 'restored':
      return <Found report={report} />;
    case 'none-found':
      return (
        <p role="status" data-testid="restore-summary">
          No identities of this phrase were found on {report.resolverUrl}
          {report.alreadyInWallet.length > 0 ? ` that are not already in your wallet (${identities(report.alreadyInWallet.length)} already are)` : ''}.
          Identities made with a key name you chose yourself are found only with that name: create them again under Create, with the same kind,
          format and key name. If your identities are registered on another resolver, set it in Settings and restore the phrase there.
        </p>
      );
    case 'no-resolver':
      return (
        <p role="status" data-testid="restore-summary">
          No resolver is set, so only the seed was restored: Sigil finds your identities on the resolver they were registered with. Set a resolver in
          Settings, then add the phrase again under Settings › Seeds and keys to look for them.
        </p>
      );
    case 'unreachable':
      return (
        <p role="alert" class="notice warning" data-testid="restore-summary">
          {report.problem ?? 'The resolver could not be asked.'} The seed is restored; nothing else was changed. Try again when {report.resolverUrl}{' '}
          answers.
        </p>
      );
  }
}

/**
 * After a phrase is restored: looks for its identities on the resolver (recovery from the phrase
 * alone) and says what came back. Placed in a screen by the caller.
 */
export function IdentitySearch({ seedId, onDone, doneLabel = 'Open my wallet' }: RestoreIdentitiesProps) {
  const [report, setReport] = useState<DiscoveryReport | null>(null);
  const search = useAction(async () => {
    setReport(await callBackground('ui_discoverIdentities', seedId === undefined ? {} : { seedId }));
  });
  useEffect(() => {
    void search.run();
  }, []);

  return (
    <div data-testid="identity-search">
      {search.busy && (
        <div aria-busy="true">
          <p class="muted">Looking on the resolver for the identities this phrase made…</p>
          <SkeletonLines lines={3} />
        </div>
      )}
      {report && <Outcome report={report} />}
      {report && report.refused.length > 0 && (
        <p class="notice warning" data-testid="restore-refused">
          {plural(report.refused.length, 'document')} found for this phrase could not be restored:{' '}
          {report.refused.map((r) => `${KIND_NAMES[r.kind]} ${r.did} (${r.reason})`).join('; ')}.
        </p>
      )}
      {report && !report.complete && <p class="muted">The search stopped after {report.lookups} lookups; identities beyond that were not looked for.</p>}
      <FormError message={search.error} />
      <div class="actions">
        {(report?.status === 'unreachable' || search.error) && (
          <button type="button" onClick={() => void search.run()} disabled={search.busy}>
            Try again
          </button>
        )}
        <button type="button" class="primary" onClick={onDone} disabled={search.busy}>
          {doneLabel}
        </button>
      </div>
    </div>
  );
}

/** The set-up screen after "I have a recovery phrase". */
export function RestoreIdentities(props: RestoreIdentitiesProps) {
  return (
    <Screen name="restore-identities" title="Your identities">
      <IdentitySearch {...props} />
    </Screen>
  );
}
