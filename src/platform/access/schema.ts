import { z } from 'zod';
import { roles } from './principal.ts';

export const roleSchema = z.enum(roles);

export const regionScopeSchema = z
  .string()
  .trim()
  .regex(/^(federal|[0-9]{2})$/, 'a two-digit region code (e.g. 77) or "federal"')
  .describe('A two-digit region code, or `federal` for every region');

// (here, not in auth/users-schema.ts, so the CLI checks arguments without loading the API's named
// schemas: loaded before the app, they change the generated OpenAPI document)
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, '3–64 characters: Latin letters, digits, dot, dash or underscore, starting with a letter or digit');
