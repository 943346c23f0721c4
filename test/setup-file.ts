// Loaded into every test file: tests talk only to this machine. Any attempt to reach another host
// fails loudly instead of hanging or depending on the network.
import net from 'node:net';

const allowed = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);
const guarded = Symbol.for('otvet.tests.localOnly');
const connect = net.Socket.prototype.connect;

// (once per process: test files share a worker process, vitest.config.ts)
if (!(guarded in connect))
  net.Socket.prototype.connect = Object.assign(
    function (this: net.Socket, ...args: unknown[]) {
      const first = args[0] as { host?: string; path?: string } | number | string;
      const host = typeof first === 'object' && first !== null ? (first.path ? 'localhost' : (first.host ?? 'localhost')) : typeof args[1] === 'string' ? args[1] : 'localhost';
      if (!allowed.has(host)) throw new Error(`Tests may not reach the network (tried ${host})`);
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof net.Socket.prototype.connect,
    { [guarded]: true },
  );
