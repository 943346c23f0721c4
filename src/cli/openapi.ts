// otvet openapi [--write FILE | --check FILE]
import fs from 'node:fs';
import { formatOpenApi, generateOpenApi } from '../openapi.ts';
import { UsageError } from './input.ts';

export async function openapiCommand(o: { write?: string; check?: string }) {
  const text = formatOpenApi(await generateOpenApi());
  if (o.write) fs.writeFileSync(o.write, text);
  else if (o.check) {
    if (!fs.existsSync(o.check) || fs.readFileSync(o.check, 'utf8') !== text) {
      throw new UsageError(`${o.check} is stale; run npm run openapi`);
    }
  } else process.stdout.write(text);
}
