// `npm run telephony:demo`: a real call to 122 on this laptop, against a running `npm start` (see
// docs/telephony.md, "Try it"). Options are checked here, the demo itself is
// src/telephony/demo/demo.ts. Ctrl-C stops it cleanly (a second Ctrl-C at once).
import { Command, InvalidArgumentError, Option } from 'commander';
import { startTelephonyDemo } from '../src/telephony/index.ts';

const program = new Command('telephony:demo')
  .description('A SIPp caller dials 122 through a SIP edge and rtpengine started here; you answer on a soft phone as operator-77.')
  .option('--url <url>', "otvet's address", parseUrl, 'http://localhost:8122')
  .option('--admin <username>', 'an admin of otvet, to set the demo up through the API', 'admin')
  .addOption(new Option('--admin-password <password>', "the admin's password (else asked for; `npm start` printed it at first start)").env('OTVET_ADMIN_PASSWORD'))
  .option('--sip-port <port>', "the edge's SIP port (UDP) the phone registers to; 0: any free one", parsePort, 5060)
  .option('--ws-port <port>', "the edge's SIP-over-WebSocket port, for the workstation's own phone (otvet's SIP_WS_URL must name it); 0: off", parsePort, 5066)
  .option('--with-others', 'go on though other operators are at work in region 77 (the simulated ones of `npm start`)', false)
  .showHelpAfterError()
  // (a wrong option is a usage error: exit 2, as `otvet edge` exits on a bad variable; --help is no error)
  .exitOverride((e) => process.exit(e.code === 'commander.helpDisplayed' ? 0 : 2));

function parseUrl(v: string): string {
  try {
    const u = new URL(v);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin + u.pathname.replace(/\/+$/, '');
  } catch {
    // said below
  }
  throw new InvalidArgumentError('must be an http(s) URL, e.g. http://localhost:8122');
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535) throw new InvalidArgumentError('must be a port number, 0–65535');
  return n;
}

/** Reads a line from the terminal without echoing it; undefined without a terminal. */
async function askHidden(prompt: string): Promise<string | undefined> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return undefined;
  process.stdout.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  let typed = '';
  try {
    return await new Promise<string>((resolve) => {
      stdin.on('data', (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return resolve(typed);
          if (ch === '\u0003') process.exit(130);
          typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch;
        }
      });
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    stdin.removeAllListeners('data');
    process.stdout.write('\n');
  }
}

async function main(): Promise<number> {
  program.parse();
  const o = program.opts<{ url: string; admin: string; adminPassword?: string; sipPort: number; wsPort: number; withOthers: boolean }>();
  const password = o.adminPassword ?? (await askHidden(`${o.admin}'s password for ${o.url}: `));
  if (!password) {
    console.error(`The password of otvet's ${o.admin} is needed: --admin-password, OTVET_ADMIN_PASSWORD, or type it when asked (on a terminal).`);
    return 2;
  }
  const demo = startTelephonyDemo({
    url: o.url,
    admin: { username: o.admin, password },
    sipPort: o.sipPort,
    wsPort: o.wsPort,
    withOthers: o.withOthers,
    say: (line) => console.log(line),
    warn: (line) => console.error(line),
  });
  // The children run in process groups of their own (Ctrl-C reaches only this process): should
  // this process end any other way, they go with it.
  process.once('exit', () => demo.killNow());
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) process.exit(130);
    console.log(`\n${signal}: stopping (again to stop at once)…`);
    void demo.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return demo.done;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
