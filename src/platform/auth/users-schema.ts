import { z } from 'zod';
import { regionScopeSchema, roleSchema, usernameSchema } from '../access/schema.ts';

export { regionScopeSchema, roleSchema, usernameSchema };

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

/** What an admin may change of an account (its login stays; its password has its own route). */
export const userChangeSchema = newUserSchema.pick({ displayName: true, role: true, region: true });

export type UserChange = z.infer<typeof userChangeSchema>;
