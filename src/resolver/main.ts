/** Entry point for `npm run resolver` (the same command as `sigil resolver`). */
import { resolverCommand } from '../cli/resolver';

process.exitCode = await resolverCommand(process.argv.slice(2));
