/**
 * The resolver the end-to-end tests and `npm start` use: Sigil's own (src/resolver), so
 * what is tested is what `sigil resolver` runs. Without `dataDir` or `databaseUrl` it keeps
 * registrations in an in-memory SQLite database.
 */
export { startResolver, type ResolverOptions, type ResolverServer } from '../../src/resolver/server';
