// The inverted index: for each stem, the documents that contain it with per-field counts and
// positions. Documents live in numbered slots that are reused, so adding, replacing and removing
// one touches only its own stems.
import { FIELDS, type AnalyzedDocument } from './analyze-document.ts';
import type { PreparedText } from './snippet.ts';
import type { SearchDocument } from './types.ts';

export interface Posting {
  /** Occurrences per field, in FIELDS order. */
  tf: number[];
  /** Positions per field, ascending. */
  positions: number[][];
}

export interface StoredDocument {
  doc: SearchDocument;
  /** Words per field, in FIELDS order (stop words included). */
  lengths: number[];
  stems: string[];
  words: string[];
  /** The body prepared for snippets, made when first needed. */
  snippetText?: PreparedText;
}

const emptyPerField = <T>(make: () => T): T[] => FIELDS.map(make);

export class Postings {
  readonly docs: (StoredDocument | undefined)[] = [];
  private readonly slots = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private readonly byStem = new Map<string, Map<number, Posting>>();
  private readonly totalLengths = emptyPerField(() => 0);

  get count(): number {
    return this.slots.size;
  }

  slotOf(slug: string): number | undefined {
    return this.slots.get(slug);
  }

  postings(stem: string): ReadonlyMap<number, Posting> | undefined {
    return this.byStem.get(stem);
  }

  /** Documents containing the stem, in any field. */
  docFrequency(stem: string): number {
    return this.byStem.get(stem)?.size ?? 0;
  }

  averageLength(field: number): number {
    return this.count ? this.totalLengths[field]! / this.count : 0;
  }

  /** Stores the document (the slug must not be stored); returns its distinct stems and words. */
  add(doc: SearchDocument, analyzed: AnalyzedDocument): StoredDocument {
    const slot = this.freeSlots.pop() ?? this.docs.length;
    const stems = new Set<string>();
    const words = new Set<string>();
    analyzed.fields.forEach((field, f) => {
      this.totalLengths[f]! += field.length;
      for (const w of field.words) {
        stems.add(w.stem);
        words.add(w.norm);
        let list = this.byStem.get(w.stem);
        if (!list) this.byStem.set(w.stem, (list = new Map()));
        let p = list.get(slot);
        if (!p) list.set(slot, (p = { tf: emptyPerField(() => 0), positions: emptyPerField(() => [] as number[]) }));
        p.tf[f]!++;
        p.positions[f]!.push(w.position);
      }
    });
    const stored: StoredDocument = { doc, lengths: analyzed.fields.map((f) => f.length), stems: [...stems], words: [...words] };
    this.docs[slot] = stored;
    this.slots.set(doc.slug, slot);
    return stored;
  }

  /** Forgets the document; returns what it held so vocabularies can forget it too. */
  remove(slug: string): StoredDocument | undefined {
    const slot = this.slots.get(slug);
    if (slot === undefined) return undefined;
    const stored = this.docs[slot]!;
    for (const s of stored.stems) {
      const list = this.byStem.get(s);
      list?.delete(slot);
      if (list && list.size === 0) this.byStem.delete(s);
    }
    stored.lengths.forEach((n, f) => (this.totalLengths[f]! -= n));
    this.docs[slot] = undefined;
    this.slots.delete(slug);
    this.freeSlots.push(slot);
    return stored;
  }
}
