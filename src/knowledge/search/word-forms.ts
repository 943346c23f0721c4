// The word forms the indexed answers use, by stem: what a corrected query word is shown as. The
// engine corrects stems ("матиринск" -> "материнск"); a reader wants a word ("материнский").
import { editDistance } from './edit-distance.ts';
import { stem } from './stem.ts';

export class WordForms {
  /** stem -> word form -> in how many documents. */
  private readonly byStem = new Map<string, Map<string, number>>();
  /** word form -> its stem: asked often while a query is read (split words), so without stemming. */
  private readonly stems = new Map<string, string>();

  has(word: string): boolean {
    return this.stems.has(word);
  }

  add(word: string): void {
    const s = stem(word);
    this.stems.set(word, s);
    let forms = this.byStem.get(s);
    if (!forms) this.byStem.set(s, (forms = new Map()));
    forms.set(word, (forms.get(word) ?? 0) + 1);
  }

  remove(word: string): void {
    const s = this.stems.get(word);
    const forms = s === undefined ? undefined : this.byStem.get(s);
    if (!forms) return;
    const n = (forms.get(word) ?? 0) - 1;
    if (n > 0) forms.set(word, n);
    else {
      forms.delete(word);
      this.stems.delete(word);
    }
    if (!forms.size) this.byStem.delete(s!);
  }

  /** The form of `stemmed` nearest to what was typed (the most used among equals), if any is indexed. */
  nearest(stemmed: string, typed: string): string | undefined {
    let best: { form: string; distance: number; uses: number } | undefined;
    for (const [form, uses] of this.byStem.get(stemmed) ?? []) {
      const distance = editDistance(typed, form, typed.length + form.length);
      if (!best || distance < best.distance || (distance === best.distance && uses > best.uses)) best = { form, distance, uses };
    }
    return best?.form;
  }
}
