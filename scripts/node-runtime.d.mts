// Types of scripts/node-runtime.mjs (plain JavaScript: it runs before the dependencies are installed).
export declare const NODE_VERSION: string;
export declare const NODE_MAJOR: number;
export declare function nodePackage(platform?: string, arch?: string): string | undefined;
export declare function nodeHome(version?: string, env?: NodeJS.ProcessEnv): string;
export declare function chooseNode(now: { version: string; execPath: string; home: string; cached: boolean }): { node: string; fetch: boolean };
export declare function envFor(node: string, env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export declare function ensureNode(log?: (msg: string) => void): Promise<string>;
