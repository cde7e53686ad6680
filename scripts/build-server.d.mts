/** The process entries scripts/build-server.mjs compiles: output name (apps/api/dist/<name>.js) → source file. */
export declare const entries: Record<string, string>;
export declare function buildServer(): Promise<void>;
