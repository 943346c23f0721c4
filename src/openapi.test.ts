import fs from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { formatOpenApi, generateOpenApi } from './openapi.ts';

const committed = new URL('../openapi/openapi.json', import.meta.url);
const webTypes = new URL('../web/shared/api-schema.ts', import.meta.url);

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const doc = await generateOpenApi();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('describes errors as problem+json and marks which routes need a sign-in', async () => {
    const doc = (await generateOpenApi()) as any;
    const login = doc.paths['/api/v1/auth/login'].post;
    expect(login.security).toEqual([]);
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['200', '401', '429']));
    const users = doc.paths['/api/v1/users'].get;
    expect(users.security).toEqual([{ session: [] }, { bearer: [] }]);
  });

  it('the committed openapi/openapi.json is up to date (npm run openapi)', async () => {
    const text = formatOpenApi(await generateOpenApi());
    expect(fs.readFileSync(committed, 'utf8'), 'openapi/openapi.json is stale: run `npm run openapi`').toBe(text);
  });

  it("the web apps' API types are generated from the committed document (npm run openapi)", async () => {
    // what the openapi-typescript command line writes, with its default options
    const text = `${COMMENT_HEADER}${astToString(await openapiTS(committed, { silent: true }))}`;
    expect(fs.readFileSync(webTypes, 'utf8') === text, 'web/shared/api-schema.ts is stale: run `npm run openapi`').toBe(true);
  });
});
