import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.ts';
import { DEFAULT_PROMPTS_DIR, promptFile } from '../media/prompts.ts';
import { parseWav } from '../media/wav.ts';
import { PromptFiles } from './prompt-files.ts';

describe('what the caller hears, as files for rtpengine', () => {
  let cacheDir: string;
  let files: PromptFiles;
  const warnings: string[] = [];
  beforeAll(async () => {
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-prompts-'));
    const logger = createLogger({ level: 'warn', format: 'json' }, { write: (line: string) => void warnings.push(line) });
    files = await PromptFiles.open({ cacheDir, logger });
  });
  afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  const duration = (file: string) => parseWav(fs.readFileSync(file)).durationMs;

  it('a single piece is played as it is; hold music is played after the speech, on its own', async () => {
    expect(await files.plan([{ name: 'connecting' }, { name: 'hold_music' }])).toEqual({ speech: { file: promptFile('connecting'), durationMs: duration(promptFile('connecting')) }, hold: true });
    expect(await files.plan([{ name: 'hold_music' }])).toEqual({ speech: null, hold: true });
    expect(files.holdMusic).toBe(path.join(DEFAULT_PROMPTS_DIR, 'hold-music.wav'));
  });

  it('the greeting and a region’s menu joined into one file in the data folder, built once', async () => {
    const items = [
      { digit: 1, section: 'Коронавирус' },
      { digit: 2, section: 'Частичная мобилизация' },
    ];
    const plan = await files.plan([{ name: 'greeting' }, { name: 'menu', items }]);
    expect(plan.hold).toBe(false);
    expect(path.dirname(plan.speech!.file)).toBe(cacheDir);
    const pieces = ['greeting', 'menu-intro', 'section-koronavirus', 'press-1', 'section-chastichnaya-mobilizatsiya', 'press-2', 'menu-other'].map((id) => duration(promptFile(id)));
    expect(plan.speech!.durationMs).toBeGreaterThan(pieces.reduce((a, b) => a + b, 0));
    expect(duration(plan.speech!.file)).toBe(plan.speech!.durationMs);
    expect(await files.plan([{ name: 'greeting' }, { name: 'menu', items }])).toEqual(plan);
    expect(fs.readdirSync(cacheDir)).toHaveLength(1);
  });

  it('announces a wait in minutes; a section without a recording is left out of the menu, said once in the log', async () => {
    const wait = await files.plan([{ name: 'wait', seconds: 200 }, { name: 'hold_music' }]);
    expect(wait.speech!.durationMs).toBeGreaterThan(duration(promptFile('wait-intro')) + duration(promptFile('minutes-4')));
    const items = [{ digit: 3, section: 'Раздел без записи' }];
    await files.plan([{ name: 'menu', items }]);
    await files.plan([{ name: 'menu', items }]);
    expect(warnings.filter((w) => w.includes('Раздел без записи'))).toHaveLength(1);
  });
});
