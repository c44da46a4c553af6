/** Types of bin/server-process.mjs (plain JavaScript: the launcher runs it without tsx). */
export function serverNodeFlags(env?: NodeJS.ProcessEnv): string[];
export function serverEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
