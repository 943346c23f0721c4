// otvet user add | list | disable | enable | password
import type { Command } from 'commander';
import type { CliIo } from './io.ts';
import { z } from 'zod';
import { regionScopeSchema, roleSchema, usernameSchema } from '../platform/access/schema.ts';
import { withServices } from './lazy.ts';
import { parseArg, readStdin } from './input.ts';

export function userCommands(program: Command, io: CliIo) {
  const user = program.command('user').description('manage staff accounts');

  user
    .command('add <username>')
    .description('create an account; prints a generated password unless --password-stdin is given')
    .requiredOption('--role <role>', `one of: ${roleSchema.options.join(', ')}`)
    .requiredOption('--region <code>', 'two-digit region code, or "federal"')
    .option('--name <display name>', 'the name people see (defaults to the username)')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, o: { role: string; region: string; name?: string; passwordStdin?: boolean }) => {
      const input = {
        username: parseArg(usernameSchema, username, 'username'),
        role: parseArg(roleSchema, o.role, '--role'),
        region: parseArg(regionScopeSchema, o.region, '--region'),
        displayName: parseArg(z.string().trim().min(1).max(200), o.name ?? username, '--name'),
        ...(o.passwordStdin ? { password: await readStdin() } : {}),
      };
      await withServices(io, async ({ services, actor }) => {
        const { user: u, generatedPassword } = await services.users.create(actor, input);
        io.out(`created user ${u.username} (id ${u.id}, ${u.role}, ${u.region})\n`);
        if (generatedPassword) io.out(`password: ${generatedPassword}   (shown this once)\n`);
      });
    });

  user
    .command('list')
    .description('list accounts')
    .option('--region <code>', 'only this region (or "federal")')
    .option('--all', 'include disabled accounts')
    .option('--json', 'print JSON')
    .action(async (o: { region?: string; all?: boolean; json?: boolean }) => {
      const region = o.region === undefined ? undefined : parseArg(regionScopeSchema, o.region, '--region');
      await withServices(io, async ({ services, actor }) => {
        const users = await services.users.list(actor, { ...(region ? { region } : {}), includeDisabled: o.all ?? false });
        if (o.json) return io.out(`${JSON.stringify(users, null, 2)}\n`);
        if (!users.length) return io.out('no accounts\n');
        for (const u of users) {
          const state = u.disabledAt ? 'disabled' : u.lockedUntil ? `locked until ${u.lockedUntil}` : 'active';
          io.out(`${String(u.id).padStart(5)}  ${u.username.padEnd(20)} ${u.role.padEnd(15)} ${u.region.padEnd(8)} ${state}  ${u.displayName}\n`);
        }
      });
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(`${name} <username>`)
      .description(disabled ? 'disable an account (ends its sessions and stops its API tokens)' : 'enable a disabled account')
      .action(async (username: string) => {
        const u = parseArg(usernameSchema, username, 'username');
        await withServices(io, async ({ services, actor }) => {
          await services.users.setDisabled(actor, u, disabled);
          io.out(`${name}d user ${u}\n`);
        });
      });
  }

  user
    .command('password <username>')
    .description('set a new password (generated unless --password-stdin), unlock the account, end its sessions')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, o: { passwordStdin?: boolean }) => {
      const u = parseArg(usernameSchema, username, 'username');
      const password = o.passwordStdin ? await readStdin() : undefined;
      await withServices(io, async ({ services, actor }) => {
        const r = await services.users.resetPassword(actor, u, password);
        io.out(`new password set for ${u}\n`);
        if (r.generatedPassword) io.out(`password: ${r.generatedPassword}   (shown this once)\n`);
      });
    });
}
