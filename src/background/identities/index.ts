export { createEntities, type NewEntitySpec } from './create';
export { allEntities, findEntity, identityStateOf, loadEntity, requireEntity, type LoadedEntity } from './entity-state';
export { clearKeyring, readSecrets } from './keyring';
export { registerEntity, registerInBackground, resolverChanged } from './registration';
export { assertNewKeyUnused, chooseSigner, renewDelegation, replaceEntityKey, type ReplacementResult, type SignerChoice } from './replacement';
export { planAuthToken, signAuthToken, signDelegationProof, type AuthTokenPlan } from './tokens';
export { entityViewOf, keyViewOf, sharedEntityOf, summaryOf } from './views';
