// The committed prompt files: one for every text, each what the edge and rtpengine expect (8 kHz
// mono A-law WAV, the G.711 the calls carry), rendered from the text as it is now, and small enough to keep in git.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { demoSections, MANIFEST, type PromptManifest } from '../../../scripts/prompt-sources.ts';
import { DEFAULT_PROMPTS_DIR, HOLD_MUSIC, menuAnnouncement, promptFile, sectionPromptId, spokenPrompts, waitAnnouncement } from './prompts.ts';
import { concatWav, parseWav } from './wav.ts';

const prompts = spokenPrompts(demoSections());
const manifest = JSON.parse(fs.readFileSync(path.join(DEFAULT_PROMPTS_DIR, MANIFEST), 'utf8')) as PromptManifest;

describe('prompt files', () => {
  it('has a file for every prompt text, rendered from the text as it is now (else: npm run prompts:render)', () => {
    expect(prompts.filter((p) => !fs.existsSync(promptFile(p.id)))).toEqual([]);
    expect(prompts.filter((p) => manifest.prompts[p.id] !== p.text).map((p) => p.id)).toEqual([]);
    expect(fs.existsSync(promptFile(HOLD_MUSIC))).toBe(true);
  });

  it('has a prompt for every demo section and one id per prompt', () => {
    expect(demoSections()).toContain('Коронавирус');
    for (const s of demoSections()) expect(prompts.some((p) => p.id === sectionPromptId(s) && p.text === s)).toBe(true);
    expect(new Set(prompts.map((p) => p.id)).size).toBe(prompts.length);
  });

  it('holds only valid 8 kHz mono A-law WAV files that some prompt names, under 1.5 MiB in all', () => {
    const files = fs.readdirSync(DEFAULT_PROMPTS_DIR).filter((f) => f !== MANIFEST);
    const known = new Set([...prompts.map((p) => `${p.id}.wav`), `${HOLD_MUSIC}.wav`]);
    expect(files.filter((f) => !known.has(f))).toEqual([]);
    let bytes = 0;
    for (const f of files) {
      const buf = fs.readFileSync(path.join(DEFAULT_PROMPTS_DIR, f));
      bytes += buf.length;
      const wav = parseWav(buf);
      expect({ file: f, ...wav.format }).toEqual({ file: f, audioFormat: 6, channels: 1, sampleRate: 8000, bitsPerSample: 8, blockAlign: 1 });
      expect(wav.durationMs, f).toBeGreaterThan(200);
      expect(wav.durationMs, f).toBeLessThan(f === `${HOLD_MUSIC}.wav` ? 30_000 : 12_000);
    }
    expect(bytes).toBeLessThan(1.5 * 1024 * 1024);
  });

  it("joins a region's menu from its pieces into one playable file", () => {
    const menu = menuAnnouncement(
      [
        { digit: 1, section: 'Коронавирус' },
        { digit: 2, section: 'Частичная мобилизация' },
      ],
      (id) => fs.existsSync(promptFile(id)),
    );
    expect(menu).toEqual({ ids: ['menu-intro', 'section-koronavirus', 'press-1', 'section-chastichnaya-mobilizatsiya', 'press-2', 'menu-other'], missing: [] });
    const pieces = menu.ids.map((id) => fs.readFileSync(promptFile(id)));
    const joined = parseWav(concatWav(pieces));
    const total = pieces.reduce((ms, p) => ms + parseWav(p).durationMs, 0);
    expect(joined.durationMs).toBeCloseTo(total, 6);
  });
});

describe('announcements', () => {
  it('says the wait in whole minutes, rounded up, "under a minute" below one, capped at 30', () => {
    expect(waitAnnouncement(0)).toEqual(['wait-intro', 'wait-under-minute']);
    expect(waitAnnouncement(59)).toEqual(['wait-intro', 'wait-under-minute']);
    expect(waitAnnouncement(60)).toEqual(['wait-intro', 'minutes-1']);
    expect(waitAnnouncement(61)).toEqual(['wait-intro', 'minutes-2']);
    expect(waitAnnouncement(1800)).toEqual(['wait-intro', 'minutes-30']);
    expect(waitAnnouncement(1801)).toEqual(['wait-intro', 'wait-over-max']);
  });

  it('leaves a section without a rendered file out of the spoken menu and says which', () => {
    const menu = menuAnnouncement(
      [
        { digit: 1, section: 'Коронавирус' },
        { digit: 3, section: 'Новый раздел' },
      ],
      (id) => id !== 'section-novyy-razdel',
    );
    expect(menu).toEqual({ ids: ['menu-intro', 'section-koronavirus', 'press-1', 'menu-other'], missing: ['Новый раздел'] });
  });

  it('names section files in Latin letters', () => {
    expect(sectionPromptId('Меры поддержки семьям мобилизованных')).toBe('section-mery-podderzhki-semyam-mobilizovannykh');
    expect(sectionPromptId('Больничные и пособия')).toBe('section-bolnichnye-i-posobiya');
    expect(sectionPromptId('Госуслуги и обращения')).toBe('section-gosuslugi-i-obrashcheniya');
    expect(() => sectionPromptId('«»')).toThrow(RangeError);
  });
});
