// What the demo tells the person in front of it: how to answer on a soft phone as the operator
// (baresip's account line, written into a folder of its own so `baresip -f` finds it; the same
// settings for any SIP phone; how the SIP password is set), and where to watch the call.
import fs from 'node:fs';
import path from 'node:path';

export interface PhoneSetup {
  otvetUrl: string;
  operator: string;
  sipPassword: string;
  /** The edge's SIP address (UDP) the phone registers to. */
  edge: { host: string; port: number };
  /** baresip's path; undefined when it is not installed. */
  baresip: string | undefined;
  /** The demo's folder: baresip's account goes into baresip/ there. */
  dir: string;
  /** The edge's WebSocket for the workstation's own phone, and whether otvet's SIP_WS_URL names it (else how to make it). */
  browser?: { wsUrl: string; ready: boolean };
}

/** baresip's accounts line for the operator (digest password; registration every 5 minutes). */
export function baresipAccount(s: Pick<PhoneSetup, 'operator' | 'sipPassword' | 'edge'>): string {
  return `<sip:${s.operator}@${s.edge.host}:${s.edge.port};transport=udp>;auth_pass=${s.sipPassword};regint=300`;
}

/** Writes baresip's folder (its accounts file; baresip adds a default config at first start) and returns its path. */
export function writeBaresipFolder(s: PhoneSetup): string {
  const dir = path.join(s.dir, 'baresip');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'accounts'), `${baresipAccount(s)}\n`, { mode: 0o600 });
  return dir;
}

export function phoneInstructions(s: PhoneSetup, baresipDir: string): string {
  const url = s.otvetUrl.replace(/\/+$/, '');
  const where = `${s.edge.host}:${s.edge.port}`;
  const browser = !s.browser
    ? []
    : s.browser.ready
      ? [
          `  The workstation has its own phone: at ${url}/operator it registers by itself (allow the microphone),`,
          '  rings with the call card and answers on F4; no soft phone needed. Or use one:',
          '',
        ]
      : [
          `  (To answer in the browser instead of a soft phone, start otvet with SIP_WS_URL=${s.browser.wsUrl}:`,
          `   SIP_WS_URL=${s.browser.wsUrl} npm start -- --no-simulation; the workstation's phone then registers by itself.)`,
          '',
        ];
  return [
    `Answer the call as ${s.operator}:`,
    '',
    ...browser,
    '  1. A soft phone, in another terminal:',
    s.baresip ? `       baresip -f ${baresipDir}` : '       baresip -f ' + baresipDir + '    (install it first: sudo apt-get install baresip)',
    `     Its accounts file there has this line (add ;answermode=auto to pick up by itself):`,
    `       ${baresipAccount(s)}`,
    '     When it rings, type  a  to answer; b hangs up.',
    `     Any other SIP phone: user ${s.operator}, password ${s.sipPassword}, server ${where}, UDP.`,
    `     (This is ${s.operator}'s SIP password, set by the demo as an admin; an operator sets their own with`,
    `      PUT ${url}/api/v1/operators/${s.operator}/sip-password  {"password": "…"}  — docs/telephony.md.)`,
    '',
    `  2. The workstation: ${url}/operator — sign in as ${s.operator} (the password \`npm start\` printed at`,
    '     first start) and press F2 (ready). The call rings there and on the phone; after it, wrap it up.',
    '',
    `  Watch: the supervisor's view ${url}/supervisor (as supervisor-77), the wallboard ${url}/wallboard.`,
    '  Ctrl-C stops the demo: the caller is hung up, rtpengine and the edge stop.',
  ].join('\n');
}
