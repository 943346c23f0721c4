// The programs the demo runs, found on PATH (rtpengine also where Debian puts daemons), and the
// Debian package of each one missing, so the message says what to install.
import fs from 'node:fs';
import path from 'node:path';
import { findRtpengine } from '../media/rtpengine-daemon.ts';

export interface Program {
  name: string;
  /** The Debian package that has it. */
  apt: string;
  /** What the demo needs it for. */
  why: string;
  /** Without it the demo cannot run; the soft phone is the user's choice. */
  required: boolean;
}

export const DEMO_PROGRAMS: readonly Program[] = [
  { name: 'rtpengine', apt: 'rtpengine-daemon', why: 'relays the audio and plays the prompts', required: true },
  { name: 'sipp', apt: 'sip-tester', why: 'the caller who dials 122', required: true },
  { name: 'baresip', apt: 'baresip', why: 'a soft phone to answer on (any SIP phone will do)', required: false },
];

/** A program's path on PATH; rtpengine as the edge's launcher finds it (RTPENGINE_PATH, /usr/sbin). */
export function findProgram(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (name === 'rtpengine') return findRtpengine(env);
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return dirs
    .map((d) => path.join(d, name))
    .find((p) => {
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return fs.statSync(p).isFile();
      } catch {
        return false;
      }
    });
}

export interface ProgramsFound {
  /** name → path, of those found. */
  paths: Map<string, string>;
  missing: Program[];
}

export function findPrograms(env: NodeJS.ProcessEnv = process.env, programs: readonly Program[] = DEMO_PROGRAMS): ProgramsFound {
  const paths = new Map<string, string>();
  const missing: Program[] = [];
  for (const p of programs) {
    const found = findProgram(p.name, env);
    if (found) paths.set(p.name, found);
    else missing.push(p);
  }
  return { paths, missing };
}

/** What to install: one line per missing program, and the one apt-get command for all of them. */
export function missingPrograms(missing: readonly Program[]): string {
  if (!missing.length) return '';
  const lines = missing.map((p) => `  ${p.name.padEnd(10)} ${p.why}: Debian package ${p.apt}`);
  return [`Missing program${missing.length > 1 ? 's' : ''}:`, ...lines, `Install: sudo apt-get install ${missing.map((p) => p.apt).join(' ')}`].join('\n');
}
