/**
 * Page methods that read or use identities (DESIGN.md §3): tokens, proofs, creation, key
 * replacement and the Factom-shaped reads. Each one acts only on entities the person shared with
 * the requesting origin, and everything that signs is approved by the person first.
 */
import { factomIdentity, factomKey, factomKeys, keyId } from '../../core';
import type { PageContext } from '../sender';
import { awaitApproval, awaitUnlocked } from '../approvals';
import {
  assertNewKeyUnused,
  chooseSigner,
  createEntities,
  planAuthToken,
  readSecrets,
  replaceEntityKey,
  requireEntity,
  sharedEntityOf,
  signAuthToken,
  signDelegationProof,
  type LoadedEntity,
} from '../identities';
import { addStandingGrant, connectedEntities, hasStandingGrant, isSharedWith, notShared, shareWith } from '../permissions';
import { withSafeErrors } from '../safe-errors';
import { requireVaultKey } from '../services';
import { runOnce } from './completed-requests';
import type { PageHandlers } from './types';

/** Default lifetime of an auth token when the page does not ask for one. */
export const DEFAULT_TOKEN_SECONDS = 10 * 60;

/** The entity, when the person shared it with this origin; 4100 otherwise (also when not connected). */
async function sharedEntity(ctx: PageContext, did: string): Promise<LoadedEntity> {
  await connectedEntities(ctx.origin);
  if (!(await isSharedWith(ctx.origin, did))) throw notShared();
  return withSafeErrors(() => requireEntity(did));
}

/** A key name for an identity a page asked for: `web-{kind}-{n}`, so the seed plus a scan recovers it. */
async function nextWebKeyName(kind: string): Promise<string> {
  const secrets = await readSecrets(await requireVaultKey());
  const used = new Set(secrets.entities.filter((e) => e.kind === kind).map((e) => e.keyName));
  let n = 1;
  while (used.has(`web-${kind}-${n}`)) n += 1;
  return `web-${kind}-${n}`;
}

/** "Twin for app.example", cut to the 64 characters a label may have. */
function defaultLabel(kind: string, origin: string): string {
  const label = `${kind[0]!.toUpperCase()}${kind.slice(1)} for ${new URL(origin).host}`;
  return [...label].length <= 64 ? label : `${[...label].slice(0, 63).join('')}…`;
}

export const identityPageHandlers: PageHandlers = {
  sigil_authToken: async ({ ctx, requestId, params }) => {
    const user = await sharedEntity(ctx, params.user);
    const audience = params.audience ?? ctx.origin;
    const durationSeconds = params.durationSeconds ?? DEFAULT_TOKEN_SECONDS;
    const plan = await withSafeErrors(() =>
      planAuthToken({ user: user.record.did, audience, durationSeconds, ...(params.agent === undefined ? {} : { agent: params.agent }) }),
    );
    await awaitUnlocked(ctx);
    // A standing grant covers tokens for the site itself; another audience is always shown first.
    const granted = audience === ctx.origin && (await hasStandingGrant(ctx.origin, plan.user.did, plan.agent.did));
    if (!granted) {
      const choices = await awaitApproval({
        ctx,
        requestId,
        details: {
          method: 'sigil_authToken',
          user: sharedEntityOf(plan.user),
          agent: sharedEntityOf(plan.agent),
          claims: { iss: plan.issuer, sub: plan.user.did, aud: audience, exp: Math.floor(Date.now() / 1000) + durationSeconds },
          durationSeconds,
          audienceWarning: audience !== ctx.origin,
        },
      });
      if (choices.grantMinutes !== undefined && audience === ctx.origin)
        await addStandingGrant(ctx.origin, plan.user.did, plan.agent.did, choices.grantMinutes);
    }
    return withSafeErrors(() => signAuthToken(plan));
  },

  sigil_delegationProof: async ({ ctx, requestId, params }) => {
    const agent = await sharedEntity(ctx, params.agent);
    const proofType = params.proofType ?? 'did';
    await awaitUnlocked(ctx);
    await awaitApproval({
      ctx,
      requestId,
      details: { method: 'sigil_delegationProof', agent: sharedEntityOf(agent.record), delegator: params.delegator, proofType },
    });
    return withSafeErrors(() => signDelegationProof({ agent: agent.record.did, delegator: params.delegator, proofType }));
  },

  sigil_createIdentity: async ({ ctx, requestId, params }) => runOnce(ctx, requestId, async () => {
    await connectedEntities(ctx.origin);
    const delegateTo = params.delegateTo === undefined ? null : await sharedEntity(ctx, params.delegateTo);
    const label = params.label ?? defaultLabel(params.kind, ctx.origin);
    await awaitUnlocked(ctx);
    await awaitApproval({
      ctx,
      requestId,
      details: {
        method: 'sigil_createIdentity',
        kind: params.kind,
        label,
        names: params.names ?? [],
        delegateTo: delegateTo ? sharedEntityOf(delegateTo.record) : null,
      },
    });
    const [record] = await createEntities([
      {
        kind: params.kind,
        label,
        keyName: await nextWebKeyName(params.kind),
        ...(params.names === undefined ? {} : { names: params.names }),
        ...(delegateTo ? { delegateTo: delegateTo.record.did } : {}),
      },
    ]);
    await shareWith(ctx.origin, record!.did);
    return { did: record!.did, chain_id: record!.chainId, entry_hash: (await requireEntity(record!.did)).state.entryHashes[0]!, stage: record!.stage };
  }),

  sigil_replaceKey: async ({ ctx, requestId, params }) => runOnce(ctx, requestId, async () => {
    const entity = await sharedEntity(ctx, params.did);
    await awaitUnlocked(ctx);
    const choice = await withSafeErrors(async () => chooseSigner(await requireVaultKey(), entity, params.oldPublicKey));
    assertNewKeyUnused(entity, params.newPublicKey);
    const keyOf = (key: typeof choice.signer) => ({ id: keyId(entity.record.kind, key.priority, key.generation), idpub: key.idpub, priority: key.priority });
    await awaitApproval({
      ctx,
      requestId,
      details: {
        method: 'sigil_replaceKey',
        entity: sharedEntityOf(entity.record),
        oldKey: keyOf(choice.oldKey),
        newKey: params.newPublicKey ?? null,
        signer: keyOf(choice.signer),
        requiresPassword: choice.requiresPassword,
      },
    });
    const result = await replaceEntityKey({
      did: params.did,
      oldKey: params.oldPublicKey,
      ...(params.newPublicKey === undefined ? {} : { newPublicKey: params.newPublicKey }),
    });
    return { entry_hash: result.entryHash, stage: result.stage };
  }),

  sigil_identity: async ({ ctx, params }) => {
    const entity = await sharedEntity(ctx, params.did);
    const { data } = factomIdentity(entity.state, { stage: entity.record.stage });
    return {
      data: {
        version: data.version,
        stage: data.stage,
        chain_id: data.chain_id,
        names: data.names,
        active_keys: data.active_keys,
        pending_key: data.pending_key,
        created_height: data.created_height,
      },
    };
  },

  sigil_identityKeys: async ({ ctx, params }) => {
    const entity = await sharedEntity(ctx, params.did);
    return withSafeErrors(async () => factomKeys(entity.state, { limit: params.limit, offset: params.offset }));
  },

  sigil_identityKey: async ({ ctx, params }) => {
    const entity = await sharedEntity(ctx, params.did);
    return withSafeErrors(async () => factomKey(entity.state, { key: params.key }));
  },

  sigil_document: async ({ ctx, params }) => {
    const entity = await sharedEntity(ctx, params.did);
    return { document: entity.document, token: entity.record.documentToken ?? '' };
  },
};
