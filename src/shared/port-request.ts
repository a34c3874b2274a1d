/** The background's parse of what a content script sends on the page Port. */
import { object, string, unknown, type Schema } from './schema';
import type { PortRequest } from './wire';

const requestId = string({ min: 1, max: 100 });
const methodName = string({ min: 1, max: 100 });

/** Parses a port request; params stay unknown here and are parsed by the method's own schema. */
export const portRequestSchema: Schema<PortRequest> = object({ id: requestId, method: methodName, params: unknown() });
