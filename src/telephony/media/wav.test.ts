import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWav, concatWav, concatWavFiles, describe as describeFormat, parseWav, WavError, type WavFormat } from './wav.ts';

const pcm8k: WavFormat = { audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, blockAlign: 2 };
const alaw8k: WavFormat = { audioFormat: 6, channels: 1, sampleRate: 8000, bitsPerSample: 8, blockAlign: 1 };

/** `ms` of a ramp of 16-bit samples, so joined pieces can be told apart. */
function samples(ms: number, start: number): Buffer {
  const b = Buffer.alloc((8000 * ms * 2) / 1000);
  for (let i = 0; i < b.length / 2; i++) b.writeInt16LE((start + i) % 30000, i * 2);
  return b;
}

describe('parseWav and buildWav', () => {
  it('reads back what it writes: format, samples, duration', () => {
    const data = samples(250, 0);
    const file = buildWav(pcm8k, data);
    expect(file.length).toBe(44 + data.length);
    const wav = parseWav(file);
    expect(wav.format).toEqual(pcm8k);
    expect(wav.data.equals(data)).toBe(true);
    expect(wav.durationMs).toBe(250);
    expect(describeFormat(wav.format)).toBe('16-bit PCM, 8000 Hz, mono');
  });

  it('skips chunks it does not need (LIST, padded to even length) and reads extensible formats', () => {
    const plain = buildWav(pcm8k, samples(10, 0));
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([3, 0, 0, 0]), Buffer.from('abc'), Buffer.alloc(1)]);
    const withList = Buffer.concat([plain.subarray(0, 36), list, plain.subarray(36)]);
    withList.writeUInt32LE(withList.length - 8, 4);
    expect(parseWav(withList).data.length).toBe(160);

    const ext = Buffer.alloc(40);
    plain.copy(ext, 0, 20, 36); // the 16 bytes of the plain fmt body
    ext.writeUInt16LE(0xfffe, 0);
    ext.writeUInt16LE(22, 16);
    ext.writeUInt16LE(1, 24); // subformat: PCM
    const extensible = Buffer.concat([plain.subarray(0, 12), Buffer.from('fmt '), Buffer.from([40, 0, 0, 0]), ext, plain.subarray(36)]);
    expect(parseWav(extensible).format.audioFormat).toBe(1);
  });

  it('refuses what is not a whole WAV file, saying what is wrong', () => {
    const good = buildWav(pcm8k, samples(10, 0));
    expect(() => parseWav(Buffer.from('ID3 this is an mp3'))).toThrow(/not a RIFF\/WAVE/);
    expect(() => parseWav(good.subarray(0, good.length - 10))).toThrow(/"data" says 160 bytes but holds 150/);
    expect(() => parseWav(Buffer.concat([good.subarray(0, 12), good.subarray(36)]))).toThrow(/no fmt chunk/);
    expect(() => parseWav(good.subarray(0, 36))).toThrow(/no data chunk/);
    const odd = Buffer.from(good);
    odd.writeUInt32LE(159, 40);
    expect(() => parseWav(odd.subarray(0, 44 + 159))).toThrow(WavError);
  });

  it('writes G.711 with the fact chunk such files carry', () => {
    const file = buildWav(alaw8k, Buffer.alloc(800, 0xd5));
    expect(file.toString('ascii', 38, 42)).toBe('fact');
    const wav = parseWav(file);
    expect(wav.format).toEqual(alaw8k);
    expect(wav.durationMs).toBe(100);
  });
});

describe('concatWav', () => {
  it('joins pieces in order, with silence between them when asked', () => {
    const a = samples(100, 0);
    const b = samples(200, 7);
    const joined = parseWav(concatWav([buildWav(pcm8k, a), buildWav(pcm8k, b)], { gapMs: 50 }));
    expect(joined.format).toEqual(pcm8k);
    expect(joined.durationMs).toBe(350);
    expect(joined.data.subarray(0, a.length).equals(a)).toBe(true);
    expect(joined.data.subarray(a.length, a.length + 800).every((x) => x === 0)).toBe(true);
    expect(joined.data.subarray(a.length + 800).equals(b)).toBe(true);
  });

  it('fills A-law gaps with A-law silence', () => {
    const joined = parseWav(concatWav([buildWav(alaw8k, Buffer.alloc(8, 1)), buildWav(alaw8k, Buffer.alloc(8, 2))], { gapMs: 1 }));
    expect([...joined.data]).toEqual([...Array(8).fill(1), ...Array(8).fill(0xd5), ...Array(8).fill(2)]);
  });

  it('refuses pieces of different formats, naming the odd one', () => {
    const other = { ...pcm8k, sampleRate: 16000 };
    expect(() => concatWav([buildWav(pcm8k, samples(10, 0)), buildWav(other, samples(10, 0))])).toThrow('piece 2 is 16-bit PCM, 16000 Hz, mono, the first is 16-bit PCM, 8000 Hz, mono');
    expect(() => concatWav([])).toThrow(WavError);
  });

  describe('concatWavFiles', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-wav-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('writes the joined file whole, making its folder', async () => {
      fs.writeFileSync(path.join(dir, 'a.wav'), buildWav(pcm8k, samples(100, 0)));
      fs.writeFileSync(path.join(dir, 'b.wav'), buildWav(pcm8k, samples(100, 0)));
      const out = path.join(dir, 'menus', '77.wav');
      await concatWavFiles([path.join(dir, 'a.wav'), path.join(dir, 'b.wav')], out);
      expect(parseWav(fs.readFileSync(out)).durationMs).toBe(200);
      expect(fs.readdirSync(path.dirname(out))).toEqual(['77.wav']);
    });
  });
});
