import { useLayoutEffect, useState } from 'preact/hooks';
import { FormError } from '../../components/FormError';
import { Screen } from '../../components/Screen';
import { SkeletonRows } from '../../components/Skeleton';
import { useBackgroundData } from '../../components/use-background-data';
import { takeFlash } from '../flash';
import { href } from '../route';
import { loadEntities } from './entities-prefetch';
import { EntityGroups } from './EntityGroups';
import { markHomeListRendered } from './first-render-mark';
import { PendingBanner } from './PendingBanner';
import { RegistrationStatus } from './RegistrationStatus';
import { StageLegend } from './StageLegend';

/** The unlocked wallet's first screen: waiting requests, then the identities by kind. */
export function Home({ pendingCount }: { pendingCount: number }) {
  const entities = useBackgroundData(loadEntities, ['entitiesChanged'], []);
  const list = entities.data?.entities;
  const [flash] = useState(takeFlash);
  // Layout effect: runs once the list is in the DOM, in the frame that paints it.
  useLayoutEffect(() => {
    if (list) markHomeListRendered();
  }, [list]);

  return (
    <Screen name="home" title="Identities">
      {flash && (
        <p class="notice success" role="status">
          {flash}
        </p>
      )}
      <PendingBanner count={pendingCount} />
      <RegistrationStatus />
      {list && list.length > 0 && (
        <div class="row">
          <a class="button-link primary" href={href({ screen: 'create', flow: null })}>
            Create identity
          </a>
        </div>
      )}
      {entities.error && !list && <FormError message={entities.error} />}
      {!list && !entities.error && (
        <div aria-busy="true" aria-label="Loading identities">
          <SkeletonRows rows={4} />
        </div>
      )}
      {list && list.length === 0 && (
        <div class="card" data-testid="no-entities">
          <p>
            <strong>No identities yet.</strong>
          </p>
          <p class="muted">Start with a User and an Agent that acts for it: sites can then ask the Agent for sign-in tokens that name you.</p>
          <a class="button-link primary" href={href({ screen: 'create', flow: 'user-agent' })}>
            Create a User and an Agent
          </a>
          <p style={{ marginTop: '10px' }}>
            <a href={href({ screen: 'create', flow: null })}>Other ways to create</a> ·{' '}
            <a href={href({ screen: 'settings', section: 'seeds' })}>Import a Factom key</a>
          </p>
        </div>
      )}
      {list && list.length > 0 && <EntityGroups entities={list} />}
      {list && list.length > 0 && <StageLegend stages={new Set(list.map((entity) => entity.stage))} />}
    </Screen>
  );
}
