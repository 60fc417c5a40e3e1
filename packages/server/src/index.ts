/**
 * The server package's face: what another package (the simulator, the bench, an embedding
 * application) needs to run an OpenRTCC node in process. `main.ts` is the command-line entry.
 * @example
 * const ctx = await createContext(loadConfig());
 * const app = await buildApp(ctx);
 * await app.listen({ port: ctx.config.port, host: ctx.config.host });
 */
export { loadConfig, ConfigError, SETTINGS, type Config } from './config/config.ts';
export { MODULES, type ModuleInfo, type ModuleName } from './config/modules.ts';
export { createContext, openStore } from './bootstrap.ts';
export type { AppContext } from './context.ts';
export { buildApp } from './http/app.ts';
export type { Store } from './store/store.types.ts';
