// The portal's copy of the published knowledge base, in memory: answers by slug, supplements by
// answer and region, sections. Loaded once and kept fresh by the knowledge module's events, so a
// page never waits for the database.
import type { PublishedRecord } from '../knowledge/index.ts';
import { sectionSlug } from './slug.ts';

/** What the catalog needs of the knowledge module. */
export interface PublishedSource {
  allPublished(): Promise<PublishedRecord[]>;
  publishedRecord(slug: string): Promise<PublishedRecord | undefined>;
}

export interface Section {
  name: string;
  slug: string;
  /** Federal answers of the section, by title. */
  answers: PublishedRecord[];
  /** The latest publication in the section. */
  updatedAt: string;
}

const FEDERAL = 'federal';
const byTitle = (a: PublishedRecord, b: PublishedRecord) => a.title.localeCompare(b.title, 'ru');
const newest = (a: PublishedRecord, b: PublishedRecord) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || a.slug.localeCompare(b.slug);

export class Catalog {
  private readonly answers = new Map<string, PublishedRecord>();
  /** parent slug -> region -> supplement */
  private readonly supplements = new Map<string, Map<string, PublishedRecord>>();
  /** supplement slug -> its place in `supplements` (to remove it when withdrawn) */
  private readonly supplementPlace = new Map<string, { parent: string; region: string }>();
  private derived: { sections: Section[]; bySlug: Map<string, Section>; newest: PublishedRecord[] } | null = null;
  /** Bumps with every change, so whoever caches what was built from the catalog can tell. */
  generation = 0;

  constructor(private readonly source: PublishedSource) {}

  async load(): Promise<void> {
    this.answers.clear();
    this.supplements.clear();
    this.supplementPlace.clear();
    for (const r of await this.source.allPublished()) this.put(r);
    this.changed();
  }

  /** Reads one answer as it is now (events may come late or twice: the knowledge base is the truth). */
  async refresh(slug: string): Promise<void> {
    const r = await this.source.publishedRecord(slug);
    this.remove(slug);
    if (r) this.put(r);
    this.changed();
  }

  private put(r: PublishedRecord) {
    if (r.scope === FEDERAL) {
      this.answers.set(r.slug, r);
      return;
    }
    if (!r.parent) return;
    const byRegion = this.supplements.get(r.parent) ?? this.supplements.set(r.parent, new Map()).get(r.parent)!;
    byRegion.set(r.scope, r);
    this.supplementPlace.set(r.slug, { parent: r.parent, region: r.scope });
  }

  private remove(slug: string) {
    this.answers.delete(slug);
    const place = this.supplementPlace.get(slug);
    if (place) {
      this.supplements.get(place.parent)?.delete(place.region);
      this.supplementPlace.delete(slug);
    }
  }

  private changed() {
    this.derived = null;
    this.generation++;
  }

  private build() {
    if (this.derived) return this.derived;
    const groups = new Map<string, PublishedRecord[]>();
    for (const a of this.answers.values()) (groups.get(a.section) ?? groups.set(a.section, []).get(a.section)!).push(a);
    const used = new Set<string>();
    const sections = [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'ru'))
      .map(([name, answers]) => {
        let slug = sectionSlug(name);
        for (let i = 2; used.has(slug); i++) slug = `${sectionSlug(name)}-${i}`;
        used.add(slug);
        return { name, slug, answers: answers.sort(byTitle), updatedAt: answers.reduce((m, a) => ((a.publishedAt ?? '') > m ? a.publishedAt! : m), '') };
      });
    this.derived = { sections, bySlug: new Map(sections.map((s) => [s.slug, s])), newest: [...this.answers.values()].sort(newest) };
    return this.derived;
  }

  get size(): number {
    return this.answers.size;
  }

  answer(slug: string): PublishedRecord | undefined {
    return this.answers.get(slug);
  }

  /** The federal answer a slug stands for: the answer itself, or the one a supplement belongs under. */
  resolve(slug: string): PublishedRecord | undefined {
    const place = this.supplementPlace.get(slug);
    return this.answers.get(place ? place.parent : slug);
  }

  supplement(slug: string, region: string | undefined): PublishedRecord | undefined {
    return region ? this.supplements.get(slug)?.get(region) : undefined;
  }

  /** Whether any region has a supplement to this answer (else its page is the same everywhere). */
  hasSupplements(slug: string): boolean {
    return (this.supplements.get(slug)?.size ?? 0) > 0;
  }

  sections(): Section[] {
    return this.build().sections;
  }

  section(slug: string): Section | undefined {
    return this.build().bySlug.get(slug);
  }

  sectionOf(answer: PublishedRecord): Section | undefined {
    return this.build().sections.find((s) => s.name === answer.section);
  }

  /** Federal answers, the latest published first (new and updated alike). */
  newest(limit: number, section?: string): PublishedRecord[] {
    const all = this.build().newest;
    return (section ? all.filter((a) => a.section === section) : all).slice(0, limit);
  }

  /** The related answers that are live, in the editor's order. */
  related(a: PublishedRecord): PublishedRecord[] {
    return a.related.flatMap((s) => (this.answers.has(s) ? [this.answers.get(s)!] : []));
  }

  /** The latest publication of anything: the Last-Modified of pages built from the whole catalog. */
  lastModified(): string | null {
    return this.build().newest[0]?.publishedAt ?? null;
  }
}
