export { IdentitiesController } from './identities-controller';
export type { IdentityContext } from './context';
export type { NewEntitySpec, PreparedEntities, WritesAlongside } from './create';
export { EntityStore, type LoadedEntity } from './entity-store';
export { Keyring } from './keyring';
export { Registrar } from './registration';
export type { PreparedReplacement, ReplacementResult, SignerChoice } from './replacement';
export type { AuthTokenPlan, DelegationProofPlan } from './tokens';
export { keyViewOf, sharedEntityOf, summaryOf } from './views';
