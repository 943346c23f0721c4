import { z } from 'zod';
import { roles } from './principal.ts';

export const roleSchema = z.enum(roles);

export const regionScopeSchema = z
  .string()
  .trim()
  .regex(/^(federal|[0-9]{2})$/, 'a two-digit region code (e.g. 77) or "federal"')
  .describe('A two-digit region code, or `federal` for every region');
