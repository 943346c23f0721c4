// WAV files as the edge needs them: read one's format (to check prompts are 8 kHz mono), and join
// several of the same format into one, so a region's menu prompt is built at run time from
// pre-rendered pieces ("Коронавирус" + "нажмите один" + …) and handed to rtpengine as one file.
import fs from 'node:fs/promises';
import path from 'node:path';

export interface WavFormat {
  /** 1 PCM, 6 A-law, 7 µ-law (WAVE_FORMAT_EXTENSIBLE is read as its subformat). */
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
}

export interface Wav {
  format: WavFormat;
  /** The samples (the data chunk), a view into the file's buffer. */
  data: Buffer;
  durationMs: number;
}

export class WavError extends Error {}

const PCM = 1;
const ALAW = 6;
const MULAW = 7;
const EXTENSIBLE = 0xfffe;

export function parseWav(file: Buffer): Wav {
  if (file.length < 12 || file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') throw new WavError('not a RIFF/WAVE file');
  let format: WavFormat | undefined;
  let data: Buffer | undefined;
  for (let at = 12; at + 8 <= file.length;) {
    const id = file.toString('ascii', at, at + 4);
    const size = file.readUInt32LE(at + 4);
    const body = file.subarray(at + 8, at + 8 + size);
    if (body.length < size) throw new WavError(`chunk "${id}" says ${size} bytes but holds ${body.length}`);
    if (id === 'fmt ') format = readFormat(body);
    if (id === 'data') data = body;
    at += 8 + size + (size % 2); // chunks are padded to an even length
  }
  if (!format) throw new WavError('no fmt chunk');
  if (!data) throw new WavError('no data chunk');
  if (data.length % format.blockAlign !== 0) throw new WavError(`the data (${data.length} bytes) is not whole frames of ${format.blockAlign} bytes`);
  return { format, data, durationMs: (data.length / format.blockAlign / format.sampleRate) * 1000 };
}

function readFormat(body: Buffer): WavFormat {
  if (body.length < 16) throw new WavError('fmt chunk shorter than 16 bytes');
  let audioFormat = body.readUInt16LE(0);
  if (audioFormat === EXTENSIBLE) {
    if (body.length < 26) throw new WavError('extensible fmt chunk without its subformat');
    audioFormat = body.readUInt16LE(24);
  }
  const f = { audioFormat, channels: body.readUInt16LE(2), sampleRate: body.readUInt32LE(4), blockAlign: body.readUInt16LE(12), bitsPerSample: body.readUInt16LE(14) };
  if (f.channels < 1 || f.sampleRate < 1 || f.blockAlign !== (f.channels * f.bitsPerSample) / 8) throw new WavError(`inconsistent fmt chunk: ${JSON.stringify(f)}`);
  return f;
}

const sameFormat = (a: WavFormat, b: WavFormat) => a.audioFormat === b.audioFormat && a.channels === b.channels && a.sampleRate === b.sampleRate && a.bitsPerSample === b.bitsPerSample;

/** A WAV file of these samples: the 44-byte canonical header for PCM; fmt with cbSize and a fact chunk for G.711. */
export function buildWav(format: WavFormat, data: Buffer): Buffer {
  const pcm = format.audioFormat === PCM;
  if (!pcm && format.audioFormat !== ALAW && format.audioFormat !== MULAW) throw new WavError(`cannot write audio format ${format.audioFormat}`);
  const fmtSize = pcm ? 16 : 18;
  const fact = pcm ? Buffer.alloc(0) : Buffer.alloc(12);
  if (!pcm) {
    fact.write('fact', 0, 'ascii');
    fact.writeUInt32LE(4, 4);
    fact.writeUInt32LE(data.length / format.blockAlign, 8);
  }
  const header = Buffer.alloc(12 + 8 + fmtSize);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(4 + 8 + fmtSize + fact.length + 8 + data.length + (data.length % 2), 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(fmtSize, 16);
  header.writeUInt16LE(format.audioFormat, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE(format.sampleRate * format.blockAlign, 28);
  header.writeUInt16LE(format.blockAlign, 32);
  header.writeUInt16LE(format.bitsPerSample, 34);
  const dataHeader = Buffer.alloc(8);
  dataHeader.write('data', 0, 'ascii');
  dataHeader.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, fact, dataHeader, data, Buffer.alloc(data.length % 2)]);
}

/** Silence of this format: zero for PCM, the codes of zero amplitude for A-law and µ-law. */
function silence(format: WavFormat, ms: number): Buffer {
  const frames = Math.round((format.sampleRate * ms) / 1000);
  const fill = format.audioFormat === ALAW ? 0xd5 : format.audioFormat === MULAW ? 0xff : format.bitsPerSample === 8 ? 0x80 : 0;
  return Buffer.alloc(frames * format.blockAlign, fill);
}

/** Joins WAV files of one format into one, with `gapMs` of silence between pieces. */
export function concatWav(files: Buffer[], options: { gapMs?: number } = {}): Buffer {
  if (files.length === 0) throw new WavError('nothing to join');
  const wavs = files.map(parseWav);
  const format = wavs[0]!.format;
  const odd = wavs.findIndex((w) => !sameFormat(w.format, format));
  if (odd >= 0) throw new WavError(`piece ${odd + 1} is ${describe(wavs[odd]!.format)}, the first is ${describe(format)}`);
  const gap = silence(format, options.gapMs ?? 0);
  return buildWav(format, Buffer.concat(wavs.flatMap((w, i) => (i === 0 || gap.length === 0 ? [w.data] : [gap, w.data]))));
}

/** Reads the pieces, joins them and writes the result whole (a reader never sees half a file). */
export async function concatWavFiles(pieces: string[], outFile: string, options: { gapMs?: number } = {}): Promise<void> {
  const joined = concatWav(await Promise.all(pieces.map((p) => fs.readFile(p))), options);
  await fs.mkdir(path.dirname(outFile), { recursive: true });
  const tmp = `${outFile}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, joined);
  await fs.rename(tmp, outFile);
}

export function describe(f: WavFormat): string {
  const kind = f.audioFormat === PCM ? `${f.bitsPerSample}-bit PCM` : f.audioFormat === ALAW ? 'A-law' : f.audioFormat === MULAW ? 'µ-law' : `format ${f.audioFormat}`;
  return `${kind}, ${f.sampleRate} Hz, ${f.channels === 1 ? 'mono' : `${f.channels} channels`}`;
}
