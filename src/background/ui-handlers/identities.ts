/**
 * Identities as the popup drives them. Creations, key replacements and renewals happen once per
 * request id: the result is stored in the same transaction as the write, and a re-sent request
 * gets it back instead of writing again.
 */
import { ErrorCode, SigilError } from '../../shared/errors';
import type { EntitySummary, IdentityFormat, IdentityMessages, NewEntityInput } from '../../shared/ui-api';
import { keyViewOf, summaryOf, type NewEntitySpec, type WritesAlongside } from '../identities';
import { uiRequestKey, writeOnce } from '../request-once';
import { withSafeErrors } from '../safe-errors';
import { putRequestResult } from '../storage';
import type { AreaHandlers, UiHandlerDeps } from './types';

const specOf = (
  input: NewEntityInput,
  kind: NewEntitySpec['kind'],
  format: IdentityFormat | undefined,
  delegateTo?: string | number,
): NewEntitySpec => ({
  kind,
  format: format ?? 'sigil',
  label: input.label,
  ...(input.keyName === undefined ? {} : { keyName: input.keyName }),
  ...(input.seedId === undefined ? {} : { seedId: input.seedId }),
  ...(input.names === undefined ? {} : { names: input.names }),
  ...(delegateTo === undefined ? {} : { delegateTo }),
});

export function identityHandlers({ db, wallet, identities, now }: UiHandlerDeps): AreaHandlers<IdentityMessages> {
  /** Stores `result` as the answer to the request `key`, inside the write's transaction. */
  const answer = (key: string, result: unknown): WritesAlongside => ({
    stores: ['requestResults'],
    write: (tx) => putRequestResult(tx, key, result, now()),
  });

  /** Creates the entities of `specs` once per request; answers with their summaries, in order. */
  const createOnce = (requestId: string, specs: NewEntitySpec[]): Promise<EntitySummary[]> => {
    const key = uiRequestKey(requestId);
    return writeOnce(db, key, async () => {
      const prepared = await identities.prepareEntities(specs);
      const summaries = prepared.records.map(summaryOf);
      await identities.writeEntities(prepared, answer(key, summaries));
      return summaries;
    });
  };

  return {
    ui_entities: async () => ({ entities: await identities.summaries() }),

    ui_entity: ({ did }) => identities.view(did),

    ui_discoverIdentities: (request, { requestId }) => {
      const key = uiRequestKey(requestId);
      return writeOnce(db, key, async () => {
        const prepared = await identities.prepareRestore(request.seedId === undefined ? {} : { seedId: request.seedId });
        // Nothing found to store: nothing written, and asking again only searches again.
        if (prepared.records.length > 0) await identities.commitRestore(prepared, answer(key, prepared.report));
        return prepared.report;
      });
    },

    ui_createEntity: async (request, { requestId }) => (await createOnce(requestId, [specOf(request, request.kind, request.format)]))[0]!,

    ui_createUserAndAgent: async ({ user, agent, format }, { requestId }) => {
      // The agent comes first so the user's delegation can name its signing key in the same write.
      const [agentSummary, userSummary] = await createOnce(requestId, [specOf(agent, 'agent', format), specOf(user, 'user', format, 0)]);
      return { user: userSummary!, agent: agentSummary! };
    },

    ui_createTwin: async (request, { requestId }) => (await createOnce(requestId, [specOf(request, 'twin', request.format, request.agent)]))[0]!,

    ui_planReplacement: async ({ did, oldKey }) => {
      const { entity, choice } = await identities.chooseSigner(did, oldKey);
      return {
        did,
        oldKey: keyViewOf(entity.record.kind, choice.oldKey),
        signer: keyViewOf(entity.record.kind, choice.signer),
        reason: choice.reason,
        requiresPassword: choice.requiresPassword,
      };
    },

    ui_replaceKey: ({ did, oldKey, newPublicKey, password }, { requestId }) => {
      const key = uiRequestKey(requestId);
      return writeOnce(db, key, async () => {
        const prepared = await identities.prepareReplacement({ did, oldKey, ...(newPublicKey === undefined ? {} : { newPublicKey }) });
        if (prepared.choice.requiresPassword) {
          if (!password) throw new SigilError(ErrorCode.invalidParams, 'A priority-0 key signs this replacement: enter your password.');
          await withSafeErrors(() => wallet.verifyPassword(password));
        }
        const result = { entry_hash: prepared.result.entryHash, stage: prepared.result.stage, renewed: prepared.result.renewed };
        await identities.commitReplacement(prepared, answer(key, result));
        return result;
      });
    },

    ui_planIoticsRotation: async ({ did, keyId }) => (await identities.prepareIoticsRotation({ did, keyId })).plan,

    ui_rotateIoticsKey: ({ did, keyId, password }, { requestId }) => {
      const key = uiRequestKey(requestId);
      return writeOnce(db, key, async () => {
        const prepared = await identities.prepareIoticsRotation({ did, keyId });
        if (prepared.plan.requiresPassword) {
          if (!password) throw new SigilError(ErrorCode.invalidParams, 'An owner key of this identity is rotated: enter your password.');
          await withSafeErrors(() => wallet.verifyPassword(password));
        }
        const result = { newKeyId: prepared.result.newKeyId, stage: 'local' as const, renewed: prepared.result.renewed };
        await identities.commitIoticsRotation(prepared, answer(key, result));
        return result;
      });
    },

    ui_renewDelegation: async ({ did, delegationId }, { requestId }) => {
      const key = uiRequestKey(requestId);
      await writeOnce(db, key, () => identities.renewDelegation(did, delegationId, answer(key, true)));
      return identities.view(did);
    },

    ui_document: ({ did }) => identities.documentOf(did),

    ui_registerEntity: ({ did }) => identities.register(did),
  };
}
