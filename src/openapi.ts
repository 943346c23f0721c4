// The OpenAPI document, generated from the routes' zod schemas without a database.
import { createApp } from './app.ts';
import { loadConfig } from './platform/config.ts';
import type { Db } from './platform/db/database.ts';
import { createLogger } from './platform/logger.ts';
import { masterKey } from './platform/crypto/master-key.ts';

const noDatabase: Db = {
  kind: 'postgres',
  location: 'none',
  query: () => Promise.reject(new Error('no database while generating OpenAPI')),
  exec: () => Promise.reject(new Error('no database while generating OpenAPI')),
  transaction: () => Promise.reject(new Error('no database while generating OpenAPI')),
  listen: () => Promise.reject(new Error('no database while generating OpenAPI')),
  holdLock: () => Promise.reject(new Error('no database while generating OpenAPI')),
  close: async () => {},
};

export async function generateOpenApi(): Promise<Record<string, unknown>> {
  const { http } = await createApp({
    config: loadConfig({}),
    db: noDatabase,
    logger: createLogger({ level: 'silent', format: 'json' }),
    options: { secretKey: Buffer.alloc(32), masterKeys: { current: masterKey(Buffer.alloc(32)), previous: [] } },
  });
  const doc = http.swagger() as Record<string, unknown>;
  await http.close();
  return doc;
}

export const formatOpenApi = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
