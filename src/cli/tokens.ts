// otvet token create | list | revoke
import type { Command } from 'commander';
import type { CliIo } from './io.ts';
import { z } from 'zod';
import { tokenRoutings } from '../platform/access/principal.ts';
import { usernameSchema } from '../platform/access/schema.ts';
import { withServices } from './lazy.ts';
import { parseArg } from './input.ts';

export function tokenCommands(program: Command, io: CliIo) {
  const token = program.command('token').description('manage API tokens for machine clients (PBX adapters, BI tools)');

  token
    .command('create')
    .description('create a token acting as a user; the secret is printed once')
    .requiredOption('--user <username>', 'the account the token acts as')
    .requiredOption('--name <name>', 'what the token is for, e.g. "PBX adapter, region 77"')
    .option('--expires-days <days>', 'days until the token stops working (default: never)')
    .option('--scope <scopes>', 'limit the token to these permissions, comma-separated (e.g. telephony)')
    .option('--routing <who>', 'for a telephony edge: who routes its calls, otvet (default) or pbx (the edge routes, otvet records)')
    .action(async (o: { user: string; name: string; expiresDays?: string; scope?: string; routing?: string }) => {
      const scopes =
        o.scope === undefined
          ? undefined
          : parseArg(
              z.array(z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/, 'a permission prefix such as telephony')).min(1),
              o.scope.split(',').map((s) => s.trim()),
              '--scope',
            );
      const user = parseArg(usernameSchema, o.user, '--user');
      const name = parseArg(z.string().trim().min(1).max(100), o.name, '--name');
      const routing = o.routing === undefined ? undefined : parseArg(z.enum(tokenRoutings), o.routing, '--routing');
      const expiresInDays = o.expiresDays === undefined ? undefined : parseArg(z.coerce.number().int().min(1).max(3650), o.expiresDays, '--expires-days');
      await withServices(io, async ({ services, actor }) => {
        const { token: t, secret } = await services.tokens.create(actor, { user, name, ...(expiresInDays ? { expiresInDays } : {}), ...(scopes ? { scopes } : {}), ...(routing ? { routing } : {}) });
        io.err(
          `created token ${t.id} "${t.name}" for ${t.user.username}${t.routing === 'pbx' ? ', its PBX routing its calls' : ''}${t.expiresAt ? `, expires ${t.expiresAt}` : ''}; the secret below is shown this once:\n`,
        );
        io.out(`${secret}\n`);
      });
    });

  token
    .command('list')
    .description('list tokens')
    .option('--all', 'include revoked tokens')
    .action(async (o: { all?: boolean }) => {
      await withServices(io, async ({ services, actor }) => {
        const tokens = await services.tokens.list(actor, { includeRevoked: o.all ?? false });
        if (!tokens.length) return io.out('no tokens\n');
        for (const t of tokens) {
          const state = t.revokedAt ? `revoked ${t.revokedAt}` : t.lastUsedAt ? `last used ${t.lastUsedAt}` : 'never used';
          io.out(`${String(t.id).padStart(5)}  ${t.prefix}…  ${t.user.username.padEnd(20)} ${t.name}  (${state})\n`);
        }
      });
    });

  token
    .command('revoke <id>')
    .description('revoke a token; clients using it get 401 at once')
    .action(async (id: string) => {
      const tokenId = parseArg(z.coerce.number().int().positive(), id, 'token id');
      await withServices(io, async ({ services, actor }) => {
        const t = await services.tokens.revoke(actor, tokenId);
        io.out(`revoked token ${t.id} "${t.name}"\n`);
      });
    });
}
