import { ErrorCode, SigilError } from '../../shared/errors';
import type { IdentityMessages, NewEntityInput } from '../../shared/ui-api';
import {
  allEntities,
  assertNewKeyUnused,
  chooseSigner,
  createEntities,
  entityViewOf,
  keyViewOf,
  registerEntity,
  renewDelegation,
  replaceEntityKey,
  requireEntity,
  summaryOf,
  type NewEntitySpec,
} from '../identities';
import { withSafeErrors } from '../safe-errors';
import { requireVaultKey, vault } from '../services';
import type { AreaHandlers } from './types';

const specOf = (input: NewEntityInput, kind: NewEntitySpec['kind'], delegateTo?: string | number): NewEntitySpec => ({
  kind,
  label: input.label,
  keyName: input.keyName,
  ...(input.seedId === undefined ? {} : { seedId: input.seedId }),
  ...(input.names === undefined ? {} : { names: input.names }),
  ...(delegateTo === undefined ? {} : { delegateTo }),
});

export const identityHandlers: AreaHandlers<IdentityMessages> = {
  ui_entities: async () => ({ entities: (await allEntities()).map(summaryOf).sort((a, b) => a.createdAt - b.createdAt) }),

  ui_entity: async ({ did }) => entityViewOf(await requireEntity(did)),

  ui_createEntity: async (request) => {
    const [record] = await createEntities([specOf(request, request.kind)]);
    return summaryOf(record!);
  },

  ui_createUserAndAgent: async ({ user, agent }) => {
    // The agent comes first so the user's delegation can name its signing key in the same write.
    const [agentRecord, userRecord] = await createEntities([specOf(agent, 'agent'), specOf(user, 'user', 0)]);
    return { user: summaryOf(userRecord!), agent: summaryOf(agentRecord!) };
  },

  ui_createTwin: async (request) => {
    const [record] = await createEntities([specOf(request, 'twin', request.agent)]);
    return summaryOf(record!);
  },

  ui_planReplacement: async ({ did, oldKey }) =>
    withSafeErrors(async () => {
      const entity = await requireEntity(did);
      const choice = await chooseSigner(await requireVaultKey(), entity, oldKey);
      return {
        did,
        oldKey: keyViewOf(entity.record.kind, choice.oldKey),
        signer: keyViewOf(entity.record.kind, choice.signer),
        reason: choice.reason,
        requiresPassword: choice.requiresPassword,
      };
    }),

  ui_replaceKey: async ({ did, oldKey, newPublicKey, password }) =>
    withSafeErrors(async () => {
      const entity = await requireEntity(did);
      const choice = await chooseSigner(await requireVaultKey(), entity, oldKey);
      assertNewKeyUnused(entity, newPublicKey);
      if (choice.requiresPassword) {
        if (!password) throw new SigilError(ErrorCode.invalidParams, 'A priority-0 key signs this replacement: enter your password.');
        await (await vault()).openWithPassword(password);
      }
      const result = await replaceEntityKey({ did, oldKey, ...(newPublicKey === undefined ? {} : { newPublicKey }) });
      return { entry_hash: result.entryHash, stage: result.stage, renewed: result.renewed };
    }),

  ui_renewDelegation: async ({ did, delegationId }) => {
    await renewDelegation(did, delegationId);
    return entityViewOf(await requireEntity(did));
  },

  ui_document: async ({ did }) => {
    const entity = await requireEntity(did);
    return { document: entity.document, token: entity.record.documentToken ?? '' };
  },

  ui_registerEntity: async ({ did }) => {
    const entity = await requireEntity(did);
    await registerEntity(entity.record);
    return summaryOf((await requireEntity(did)).record);
  },
};
