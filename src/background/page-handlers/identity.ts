/**
 * Page methods that read or use identities (DESIGN.md §3): tokens, proofs, creation, key
 * replacement and the Factom-shaped reads. Each one acts only on entities the person shared with
 * the requesting origin; everything that signs is approved by the person first, and only after
 * every param and precondition was checked, so a request that cannot succeed never opens a window.
 * Writes happen once per request id (their result is stored with them).
 */
import { factomIdentity, factomKey, factomKeys, keyId, type ChainKey } from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import type { AnyLoadedEntity, LoadedEntity, LoadedIoticsEntity } from '../identities';
import type { IdentityRef, PageParams, PageResult } from '../../shared/page-api';
import { checkSignerRule, noIdentityChain, sharedEntityOf } from '../identities';
import { grantInTransaction, notShared, shareInTransaction } from '../permissions';
import { pageRequestKey, writeOnce } from '../request-once';
import { withSafeErrors } from '../safe-errors';
import type { PageContext } from '../sender';
import { getEntity, putRequestResult, writeAtomically } from '../storage';
import type { PageHandlerDeps, PageHandlers } from './types';

type IdentityMethods =
  | 'sigil_authToken'
  | 'sigil_delegationProof'
  | 'sigil_createIdentity'
  | 'sigil_replaceKey'
  | 'sigil_identity'
  | 'sigil_identityKeys'
  | 'sigil_identityKey'
  | 'sigil_document';

/** Default lifetime of an auth token when the page does not ask for one. */
const DEFAULT_TOKEN_SECONDS = 10 * 60;

/** "Twin for app.example", cut to the 64 characters a label may have. */
function defaultLabel(kind: string, origin: string): string {
  const label = `${kind[0]!.toUpperCase()}${kind.slice(1)} for ${new URL(origin).host}`;
  return [...label].length <= 64 ? label : `${[...label].slice(0, 63).join('')}…`;
}

const keyOf = (entity: LoadedEntity, key: ChainKey) => ({
  id: keyId(entity.record.kind, key.priority, key.generation),
  idpub: key.idpub,
  priority: key.priority,
});

export function identityHandlers(deps: PageHandlerDeps): Pick<PageHandlers, IdentityMethods> {
  const { db, identities, permissions, approvals, now } = deps;

  /** The entity, when the person shared it with this origin; 4100 otherwise (also when not connected). */
  async function sharedEntity(ctx: PageContext, did: string): Promise<AnyLoadedEntity> {
    await permissions.connectedEntities(ctx.origin);
    if (!(await permissions.isSharedWith(ctx.origin, did))) throw notShared();
    return identities.require(did);
  }

  /**
   * A shared entity for a Factom-shaped read, named by DID or by identity chain id: an IOTICS one has
   * no identity chain (-32602). A chain id is looked for only among the identities shared with the
   * origin, so an unshared one gets the same 4100 whether or not it exists.
   */
  async function sharedChainEntity(ctx: PageContext, ref: IdentityRef): Promise<LoadedEntity> {
    const did = ref.did ?? (await sharedDidOfChain(ctx, ref.identityChainId!.toLowerCase()));
    const entity = await sharedEntity(ctx, did);
    if (entity.format !== 'sigil') throw noIdentityChain(did);
    return entity;
  }

  async function sharedDidOfChain(ctx: PageContext, chainId: string): Promise<string> {
    for (const { did } of await permissions.connectedEntities(ctx.origin)) {
      if ((await getEntity(db, did))?.chainId === chainId) return did;
    }
    throw notShared();
  }

  /** sigil_replaceKey of an IOTICS identity: the rotation of one owner key (DESIGN §2.8), reviewed like a priority-0 replacement. */
  async function rotateIoticsKey(
    ctx: PageContext,
    requestId: string,
    key: string,
    entity: LoadedIoticsEntity,
    params: PageParams<'sigil_replaceKey'>,
  ): Promise<PageResult<'sigil_replaceKey'>> {
    if (params.newPublicKey !== undefined)
      throw new SigilError(ErrorCode.invalidParams, 'newPublicKey is not taken for an iotics identity: the wallet derives the new key, so its seed recovers it.');
    if (params.signerPublicKey !== undefined)
      throw new SigilError(ErrorCode.invalidParams, 'signerPublicKey is not taken for an iotics identity: Sigil signs with its owner key.');
    const oldKey = entity.document.publicKey.find((k) => k.publicKeyBase58 === params.oldPublicKey);
    if (!oldKey) throw new SigilError(ErrorCode.invalidParams, 'oldPublicKey is not an owner key of this identity.');
    await approvals.awaitUnlocked(ctx);
    const prepared = await identities.prepareIoticsRotation({ did: entity.record.did, keyId: oldKey.id });
    const { plan } = prepared;
    await approvals.awaitApproval({
      ctx,
      requestId,
      details: {
        method: 'sigil_replaceKey',
        format: 'iotics',
        entity: sharedEntityOf(entity.record),
        oldKey: { id: plan.oldKey.id, publicKeyBase58: plan.oldKey.publicKeyBase58 },
        newKeyId: plan.newKeyId,
        signer: { id: plan.signer.id, publicKeyBase58: plan.signer.publicKeyBase58 },
        renews: plan.renews,
        requiresPassword: plan.requiresPassword,
      },
    });
    const result = { entry_hash: null, stage: 'local' as const };
    await identities.commitIoticsRotation(prepared, {
      stores: ['requestResults'],
      write: (tx) => putRequestResult(tx, key, result, now()),
    });
    return result;
  }

  return {
    sigil_authToken: ({ ctx, requestId, params }) => {
      const key = pageRequestKey(ctx, requestId);
      return writeOnce(db, key, async () => {
        const user = await sharedEntity(ctx, params.user);
        const audience = params.audience ?? ctx.origin;
        const durationSeconds = params.durationSeconds ?? DEFAULT_TOKEN_SECONDS;
        const plan = await identities.planAuthToken({
          user: user.record.did,
          audience,
          durationSeconds,
          ...(params.agent === undefined ? {} : { agent: params.agent }),
        });
        await approvals.awaitUnlocked(ctx);
        await identities.assertHoldsSigningKey(plan.agent.did);
        // A standing grant covers tokens for the site itself; another audience is always shown first.
        const granted = audience === ctx.origin && (await permissions.hasStandingGrant(ctx.origin, plan.user.did, plan.agent.did));
        let grantMinutes: number | undefined;
        if (!granted) {
          const choices = await approvals.awaitApproval({
            ctx,
            requestId,
            details: {
              method: 'sigil_authToken',
              format: plan.agent.format,
              user: sharedEntityOf(plan.user),
              agent: sharedEntityOf(plan.agent),
              claims: { iss: plan.issuer, sub: plan.user.did, aud: audience, exp: Math.floor(now() / 1000) + durationSeconds },
              durationSeconds,
              audienceWarning: audience !== ctx.origin,
            },
          });
          if (audience === ctx.origin) grantMinutes = choices.grantMinutes;
        }
        const token = await identities.signAuthToken(plan);
        if (grantMinutes !== undefined) {
          const minutes = grantMinutes;
          // The grant and the answer are one write: a re-sent request gets this token, not a second one.
          await withSafeErrors(() =>
            writeAtomically(db, ['permissions', 'requestResults'], async (tx) => {
              await grantInTransaction(tx, { origin: ctx.origin, user: plan.user.did, agent: plan.agent.did, minutes }, now());
              await putRequestResult(tx, key, token, now());
            }),
          );
        }
        return token;
      });
    },

    sigil_delegationProof: async ({ ctx, requestId, params }) => {
      const agent = await sharedEntity(ctx, params.agent);
      const plan = await identities.planDelegationProof({
        agent: agent.record.did,
        delegator: params.delegator,
        proofType: params.proofType ?? 'did',
      });
      await approvals.awaitUnlocked(ctx);
      await identities.assertHoldsSigningKey(plan.agent.did);
      await approvals.awaitApproval({
        ctx,
        requestId,
        details: {
          method: 'sigil_delegationProof',
          format: plan.agent.format,
          agent: sharedEntityOf(plan.agent),
          delegator: plan.delegator,
          proofType: plan.proofType,
        },
      });
      return identities.signDelegationProof(plan);
    },

    sigil_createIdentity: ({ ctx, requestId, params }) => {
      const key = pageRequestKey(ctx, requestId);
      return writeOnce(db, key, async () => {
        await permissions.connectedEntities(ctx.origin);
        const delegateTo = params.delegateTo === undefined ? null : await sharedEntity(ctx, params.delegateTo);
        if (delegateTo && params.kind === 'agent')
          throw new SigilError(ErrorCode.invalidParams, 'An Agent does not delegate; leave out delegateTo when creating an Agent.');
        if (delegateTo && delegateTo.record.kind !== 'agent')
          throw new SigilError(ErrorCode.invalidParams, 'delegateTo must be an Agent.');
        const format = params.format ?? 'sigil';
        if (delegateTo && delegateTo.format !== format)
          throw new SigilError(
            ErrorCode.invalidParams,
            `delegateTo is ${delegateTo.format === 'iotics' ? 'an IOTICS' : 'a Sigil'} Agent; an identity and its Agent must be of the same format.`,
          );
        if (format === 'iotics' && params.names !== undefined && params.names.length > 0)
          throw new SigilError(ErrorCode.invalidParams, 'names are part of a Sigil identity chain; an iotics identity has none.');
        const label = params.label ?? defaultLabel(params.kind, ctx.origin);
        await approvals.awaitUnlocked(ctx);
        // Everything is built (and so checked) before the person is asked; only the write waits.
        const prepared = await identities.prepareEntities([
          {
            kind: params.kind,
            format,
            label,
            ...(params.names === undefined ? {} : { names: params.names }),
            ...(delegateTo ? { delegateTo: delegateTo.record.did } : {}),
          },
        ]);
        const record = prepared.records[0]!;
        const result =
          format === 'iotics'
            ? { did: record.did, chain_id: null, entry_hash: null, stage: record.stage }
            : { did: record.did, chain_id: record.chainId, entry_hash: (await identities.load(record)).state.entryHashes[0]!, stage: record.stage };
        await approvals.awaitApproval({
          ctx,
          requestId,
          details: {
            method: 'sigil_createIdentity',
            format,
            kind: params.kind,
            label,
            names: params.names ?? [],
            delegateTo: delegateTo ? sharedEntityOf(delegateTo.record) : null,
          },
        });
        // The identity, its share with the site and the answer are one write.
        await identities.writeEntities(prepared, {
          stores: ['permissions', 'requestResults'],
          async write(tx) {
            await shareInTransaction(tx, ctx.origin, record.did);
            await putRequestResult(tx, key, result, now());
          },
        });
        return result;
      });
    },

    sigil_replaceKey: ({ ctx, requestId, params }) => {
      const key = pageRequestKey(ctx, requestId);
      return writeOnce(db, key, async () => {
        const entity = await sharedEntity(ctx, params.did);
        if (entity.format === 'iotics') return rotateIoticsKey(ctx, requestId, key, entity, params);
        checkSignerRule(entity, params.oldPublicKey, params.signerPublicKey);
        await approvals.awaitUnlocked(ctx);
        const request = {
          did: params.did,
          oldKey: params.oldPublicKey,
          ...(params.newPublicKey === undefined ? {} : { newPublicKey: params.newPublicKey }),
        };
        let prepared = await identities.prepareReplacement({
          ...request,
          ...(params.signerPublicKey === undefined ? {} : { signerPublicKey: params.signerPublicKey }),
        });
        const { choice } = prepared;
        const renews = (await Promise.all(prepared.result.renewed.map(async (did) => sharedEntityOf((await identities.require(did)).record)))).sort(
          (a, b) => a.label.localeCompare(b.label) || (a.did < b.did ? -1 : 1),
        );
        const choices = await approvals.awaitApproval({
          ctx,
          requestId,
          details: {
            method: 'sigil_replaceKey',
            format: 'sigil',
            entity: sharedEntityOf(entity.record),
            oldKey: keyOf(entity, choice.oldKey),
            newKey: params.newPublicKey ?? null,
            signer: keyOf(entity, choice.signer),
            signerOptions: choice.options.map((option) => keyOf(entity, option)),
            renews,
            requiresPassword: choice.requiresPassword,
          },
        });
        // The person picked another signer (checked against the options, with the password for priority 0): signed again by it.
        if (choices.signer !== undefined && choices.signer !== choice.signer.idpub)
          prepared = await identities.prepareReplacement({ ...request, signerPublicKey: choices.signer });
        const result = { entry_hash: prepared.result.entryHash, stage: prepared.result.stage };
        await identities.commitReplacement(prepared, {
          stores: ['requestResults'],
          write: (tx) => putRequestResult(tx, key, result, now()),
        });
        return result;
      });
    },

    sigil_identity: async ({ ctx, params }) => {
      const entity = await sharedChainEntity(ctx, params);
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
      const entity = await sharedChainEntity(ctx, params);
      return withSafeErrors(async () => factomKeys(entity.state, { limit: params.limit, offset: params.offset }));
    },

    sigil_identityKey: async ({ ctx, params }) => {
      const entity = await sharedChainEntity(ctx, params);
      return withSafeErrors(async () => factomKey(entity.state, { key: params.key }));
    },

    sigil_document: async ({ ctx, params }) => {
      await sharedEntity(ctx, params.did);
      return identities.documentOf(params.did);
    },
  };
}
