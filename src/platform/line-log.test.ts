import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LineLog, type LineLogOptions } from './line-log.ts';

let dir: string;
let file: string;
const open: LineLog[] = [];
const opened = async (options?: LineLogOptions) => {
  const o = await LineLog.open(file, options);
  open.push(o.log);
  return o;
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-line-log-'));
  file = path.join(dir, 'log.jsonl');
});
afterEach(async () => {
  for (const log of open.splice(0)) await log.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('LineLog', () => {
  it('reads its complete lines back, cuts a torn last one, and appends cleanly after it', async () => {
    const { log } = await opened();
    await log.append('one\ntwo\n', { sync: true });
    fs.appendFileSync(file, 'thr');
    const again = await opened();
    expect(again.lines).toEqual(['one', 'two']);
    expect(again.tornBytes).toBe(3);
    expect(fs.readFileSync(file, 'utf8')).toBe('one\ntwo\n');
    await again.log.append('four\n', { sync: false });
    expect((await opened()).lines).toEqual(['one', 'two', 'four']);
  });

  it('gathers appends made at once into shared writes, in order, each told when written', async () => {
    const { log } = await opened();
    const written: number[] = [];
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(`${i}\n`, { sync: i % 2 === 0, written: () => written.push(i) })));
    expect(written).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect((await opened()).lines).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
    expect(log.bytes).toBe(fs.statSync(file).size);
  });

  it('is emptied or rewritten by its owner between writes', async () => {
    let what: 'empty' | 'rewrite' | 'keep' = 'keep';
    const holder: { log?: LineLog } = {};
    const maintain = () => (what === 'empty' ? holder.log!.empty() : what === 'rewrite' ? holder.log!.rewrite('kept\n') : Promise.resolve());
    const log = (holder.log = (await opened({ maintain })).log);
    const append = async (text: string) => {
      await log.append(text, { sync: true });
      await log.idle();
    };
    await append('a\nb\n');
    what = 'rewrite';
    await append('c\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('kept\n');
    what = 'keep';
    await append('d\n');
    expect((await opened()).lines).toEqual(['kept', 'd']);
    what = 'empty';
    await append('e\n');
    expect(fs.statSync(file).size).toBe(0);
    expect(log.bytes).toBe(0);
  });

  it('refuses appends once closed', async () => {
    const { log } = await opened();
    await log.close();
    await expect(log.append('x\n', { sync: true })).rejects.toThrow(/closed/);
  });
});
