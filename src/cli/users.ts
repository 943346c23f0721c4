// otvet user add | list | disable | enable | password
import type { Command } from 'commander';
import { z } from 'zod';
import { regionScopeSchema, roleSchema, usernameSchema } from '../platform/access/schema.ts';
import { withServices } from './lazy.ts';
import { parseArg, readStdin } from './input.ts';

export function userCommands(program: Command) {
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
      await withServices(async ({ services, actor }) => {
        const { user: u, generatedPassword } = await services.users.create(actor, input);
        console.log(`created user ${u.username} (id ${u.id}, ${u.role}, ${u.region})`);
        if (generatedPassword) console.log(`password: ${generatedPassword}   (shown this once)`);
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
      await withServices(async ({ services, actor }) => {
        const users = await services.users.list(actor, { ...(region ? { region } : {}), includeDisabled: o.all ?? false });
        if (o.json) return console.log(JSON.stringify(users, null, 2));
        if (!users.length) return console.log('no accounts');
        for (const u of users) {
          const state = u.disabledAt ? 'disabled' : u.lockedUntil ? `locked until ${u.lockedUntil}` : 'active';
          console.log(`${String(u.id).padStart(5)}  ${u.username.padEnd(20)} ${u.role.padEnd(15)} ${u.region.padEnd(8)} ${state}  ${u.displayName}`);
        }
      });
    });

  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    user
      .command(`${name} <username>`)
      .description(disabled ? 'disable an account (ends its sessions and stops its API tokens)' : 'enable a disabled account')
      .action(async (username: string) => {
        const u = parseArg(usernameSchema, username, 'username');
        await withServices(async ({ services, actor }) => {
          await services.users.setDisabled(actor, u, disabled);
          console.log(`${name}d user ${u}`);
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
      await withServices(async ({ services, actor }) => {
        const r = await services.users.resetPassword(actor, u, password);
        console.log(`new password set for ${u}`);
        if (r.generatedPassword) console.log(`password: ${r.generatedPassword}   (shown this once)`);
      });
    });
}
