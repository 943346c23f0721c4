import { z } from 'zod';
import { roles } from './principal.ts';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, '3–64 characters: Latin letters, digits, dot, dash or underscore, starting with a letter or digit');

export const roleSchema = z.enum(roles);

export const regionScopeSchema = z
  .string()
  .trim()
  .regex(/^(federal|[0-9]{2})$/, 'a two-digit region code (e.g. 77) or "federal"')
  .describe('A two-digit region code, or `federal` for every region');

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: roleSchema,
    region: z.string().describe('Region code or `federal`'),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
    lockedUntil: z.string().nullable(),
  })
  .meta({ id: 'User' });

export type UserView = z.infer<typeof userSchema>;

export const newUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(200),
  role: roleSchema,
  region: regionScopeSchema,
  password: z.string().min(1).max(200).optional().describe('Omit to have a password generated and returned once'),
});

export type NewUser = z.infer<typeof newUserSchema>;
