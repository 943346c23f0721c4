// `npm run prompts:render`: speaks every prompt text with espeak-ng (voice ru) and converts it with
// sox to 8 kHz mono A-law WAV in data/telephony/prompts/, with the hold music (sox tones). A-law is
// what the calls carry anyway (G.711), at half the bytes of 16-bit PCM. The files are committed, so machines without espeak-ng have them. A prompt whose text is unchanged
// since the last render (manifest.json) is not rendered again (--force renders all): another
// espeak-ng version would change every file for nothing. Files no prompt names any more are removed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PROMPTS_DIR, HOLD_MUSIC, promptFile, spokenPrompts } from '../src/telephony/media/prompts.ts';
import { demoSections, MANIFEST, type PromptManifest } from './prompt-sources.ts';

const force = process.argv.includes('--force');
const dir = DEFAULT_PROMPTS_DIR;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-prompts-'));

function run(cmd: string, args: string[]): void {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') throw new Error(`${cmd} is not installed (Debian: apt-get install espeak-ng sox)`, { cause: e });
    throw new Error(`${cmd} ${args.join(' ')} failed: ${err.stderr?.toString() ?? err.message}`, { cause: e });
  }
}

// Speech: leading and trailing silence trimmed, peaks at -6 dBFS, a short pause after each piece
// so pieces joined into one announcement do not run together. No dither: the same text gives the same file.
function speak(text: string, out: string): void {
  const raw = path.join(tmp, 'raw.wav');
  run('espeak-ng', ['-v', 'ru', '-s', '150', '-w', raw, text]);
  run('sox', [
    '-D',
    raw,
    '-r',
    '8000',
    '-c',
    '1',
    '-b',
    '8',
    '-e',
    'a-law',
    out,
    'silence',
    '1',
    '0.02',
    '0.5%',
    'reverse',
    'silence',
    '1',
    '0.02',
    '0.5%',
    'reverse',
    'highpass',
    '150',
    'gain',
    '-n',
    '-6',
    'pad',
    '0.05',
    '0.25',
  ]);
}

// Hold music: a slow arpeggio over I–vi–IV–V, soft sine notes with gentle fades, quiet (-20 dBFS).
// Twelve seconds; rtpengine repeats it (play media's repeat-times).
function holdMusic(out: string): void {
  const chords = [
    [523.25, 659.25, 783.99, 659.25],
    [440.0, 523.25, 659.25, 523.25],
    [349.23, 440.0, 523.25, 440.0],
    [392.0, 493.88, 587.33, 493.88],
  ];
  const notes = chords.flat().map((hz, i) => {
    const note = path.join(tmp, `note-${i}.wav`);
    run('sox', ['-D', '-n', '-r', '8000', '-c', '1', '-b', '8', '-e', 'a-law', note, 'synth', '0.75', 'sine', String(hz), 'fade', 'q', '0.08', '0.75', '0.35', 'gain', '-n', '-20']);
    return note;
  });
  run('sox', ['-D', ...notes, out]);
}

function readManifest(): PromptManifest {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as PromptManifest;
  } catch {
    return { prompts: {} };
  }
}

fs.mkdirSync(dir, { recursive: true });
const before = readManifest();
const after: PromptManifest = { prompts: {} };
let rendered = 0;
for (const p of spokenPrompts(demoSections())) {
  const file = promptFile(p.id, dir);
  if (force || before.prompts[p.id] !== p.text || !fs.existsSync(file)) {
    speak(p.text, file);
    rendered += 1;
  }
  after.prompts[p.id] = p.text;
}
const hold = promptFile(HOLD_MUSIC, dir);
if (force || !fs.existsSync(hold)) holdMusic(hold);
after.prompts[HOLD_MUSIC] = null;

const keep = new Set([...Object.keys(after.prompts).map((id) => `${id}.wav`), MANIFEST]);
const removed = fs.readdirSync(dir).filter((f) => !keep.has(f));
for (const f of removed) fs.rmSync(path.join(dir, f));
fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(after, null, 2)}\n`);
fs.rmSync(tmp, { recursive: true, force: true });

const bytes = fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
console.log(`${rendered} rendered, ${Object.keys(after.prompts).length} prompts, ${removed.length} removed; ${(bytes / 1024).toFixed(0)} KiB in ${path.relative(process.cwd(), dir)}`);
