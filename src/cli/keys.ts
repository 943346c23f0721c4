// otvet keys rotate [--rewrap] | keys status: the data keys that encrypt personal data (ADR 0016).
// Prints ids and counts, never key material.
import type { Command } from 'commander';
import type { CliIo } from './io.ts';
import { withServices } from './lazy.ts';

export function keysCommands(program: Command, io: CliIo) {
  const keys = program.command('keys').description('the keys that encrypt personal data at rest (OTVET_MASTER_KEY; docs/adr/0016-personal-data-encryption.md)');

  keys
    .command('rotate')
    .description('retire the data key that encrypts new personal data and make a new one (older data stays readable)')
    .option('--rewrap', 'first wrap every data key under the current OTVET_MASTER_KEY, unwrapping those of an old master key with OTVET_MASTER_KEY_PREVIOUS')
    .action(async (o: { rewrap?: boolean }) => {
      await withServices(io, async ({ config, db, services, actor }) => {
        const { resolveMasterKeys } = await import('../platform/crypto/master-key.ts');
        const { Vault } = await import('../platform/crypto/vault.ts');
        const vault = new Vault(db, resolveMasterKeys(config));
        if (o.rewrap) {
          const r = await vault.rewrap({
            inTransaction: (tx, result) => services.audit.record(actor, { action: 'keys.rewrap', targetType: 'pd_data_key', details: { ...result, masterKeyId: vault.masterKeyId } }, tx),
          });
          io.out(
            r.rewrapped
              ? `rewrapped ${r.rewrapped} of ${r.keys} data key(s) under master key ${vault.masterKeyId}; OTVET_MASTER_KEY_PREVIOUS is no longer needed\n`
              : `all ${r.keys} data key(s) were already wrapped under master key ${vault.masterKeyId}; nothing to rewrap\n`,
          );
        }
        const r = await vault.rotateDataKey({
          inTransaction: (tx, rotation) =>
            services.audit.record(actor, { action: 'keys.rotate', targetType: 'pd_data_key', targetId: rotation.current, details: { ...rotation, masterKeyId: vault.masterKeyId } }, tx),
        });
        io.out(
          `${r.retired === null ? 'there was no data key yet' : `retired data key ${r.retired}`}; data key ${r.current} encrypts new personal data from now on` +
            `${db.kind === 'postgres' ? ' (running app nodes switch to it within a minute)' : ''}\n`,
        );
        if (!o.rewrap) {
          const old = (await vault.status()).filter((k) => k.masterKey !== 'current').length;
          if (old) io.out(`${old} data key(s) are wrapped by an earlier master key: run \`otvet keys rotate --rewrap\` with it in OTVET_MASTER_KEY_PREVIOUS\n`);
        }
      });
    });

  keys
    .command('status')
    .description('list the data keys: which master key wraps each (by id), and which encrypts new data')
    .action(async () => {
      await withServices(io, async ({ config, db }) => {
        const { resolveMasterKeys } = await import('../platform/crypto/master-key.ts');
        const { Vault } = await import('../platform/crypto/vault.ts');
        const masters = resolveMasterKeys(config);
        const list = await new Vault(db, masters).status();
        io.out(`master key ${masters.current.id}${masters.previous.length ? `; previous: ${masters.previous.map((m) => m.id).join(', ')}` : ''}\n`);
        if (!list.length) return io.out('no data keys yet: the first one is made when personal data is first encrypted\n');
        for (const k of list) {
          const held = k.masterKey === 'current' ? '' : k.masterKey === 'previous' ? ' (previous master key: rewrap)' : ' (master key NOT configured: cannot decrypt)';
          io.out(`data key ${String(k.id).padStart(4)}  wrapped by ${k.masterKeyId}${held}  created ${k.createdAt}  ${k.retiredAt ? `retired ${k.retiredAt}` : 'current'}\n`);
        }
      });
    });
}
