/**
 * Starts an OpenRTCC node: `npm start`.
 */
import { ConfigError, loadConfig } from './config/config.ts';
import { createContext } from './bootstrap.ts';
import { buildApp } from './http/app.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const ctx = await createContext(config);
  const app = await buildApp(ctx);
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await ctx.store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
  console.log(`OpenRTCC listening on ${address} (store: ${where}, hotlist entries loaded: ${ctx.hotlists.indexSize})`);
  const base = config.publicUrl?.replace(/\/$/, '') ?? address;
  console.log(`  console: ${base}/   API description: ${base}/api/v1/openapi.json   cameras post to ${base}/api/v1/ingest/openalpr?key=<ingest key>`);
  if (ctx.generatedAdminToken) {
    console.log('');
    console.log('  First start: an admin token was generated. It is shown only this once; keep it safe:');
    console.log(`    ${ctx.generatedAdminToken}`);
    console.log('  (or set RTCC_ADMIN_TOKEN to choose your own)');
    console.log('');
  }
}

main().catch((e) => {
  console.error('OpenRTCC failed to start:', e instanceof Error ? e.message : e);
  if (e instanceof Error && e.cause) console.error('  cause:', e.cause instanceof Error ? e.cause.message : e.cause);
  process.exit(1);
});
