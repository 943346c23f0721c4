// otvet's version, from package.json: read on its own so `otvet --help` need not load the app.
import { createRequire } from 'node:module';

export const version: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
