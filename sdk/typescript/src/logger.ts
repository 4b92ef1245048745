import { debuglog } from "node:util";

/** Where the SDK's warnings go. */
export type Logger = (message: string) => void;

/** A library leaves output to the application: silent unless NODE_DEBUG=tokenoptimizer, as Node's own modules do. */
export const debugLogger: Logger = debuglog("tokenoptimizer");
