// The catalogue the wizard, the operators' panel, the HSDS export and the wrap-up check run on: the
// published questions and measures as one Navigator, held in memory (a step touches no database).
// Rebuilt after every publication or withdrawal: at once in the process that made it, and in every
// other one when the bus brings navigator.catalog.changed.
import type { Db } from '../platform/db/database.ts';
import type { Logger } from '../platform/logger.ts';
import { CatalogError, parseCatalog, type NavigatorCatalog } from './catalog-schema.ts';
import { publishedContents, type ContentRow } from './catalog-queries.ts';
import { Navigator } from './engine.ts';

const EMPTY: NavigatorCatalog = { questions: [], measures: [], order: [] };

/** The catalogue of published contents (questions and measures each in their order), checked. */
export function catalogOf(rows: readonly ContentRow[]): NavigatorCatalog {
  const questions = rows.filter((r) => r.kind === 'question');
  const measures = rows.filter((r) => r.kind === 'measure');
  try {
    return parseCatalog(
      questions.map((r) => r.content),
      measures.map((r) => r.content),
    );
  } catch (e) {
    // (problems at list indexes are told by the entries' keys: measures.sm-x.eligibility…)
    if (e instanceof CatalogError) throw new CatalogError(e.problems.map((p) => ({ ...p, path: keyedPath(p.path, questions, measures) })));
    throw e;
  }
}

function keyedPath(path: string, questions: readonly ContentRow[], measures: readonly ContentRow[]): string {
  return path.replace(/^(questions|measures)\.(\d+)/, (all, list: string, i: string) => {
    const row = (list === 'questions' ? questions : measures)[Number(i)];
    return row ? `${list}.${row.key}` : all;
  });
}

export class LiveNavigator {
  private nav = new Navigator(EMPTY);
  private ids: ReadonlySet<string> = new Set();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  /** The navigator of what is published now. */
  get current(): Navigator {
    return this.nav;
  }

  /** Whether a measure of that id is published (the wrap-up's check). */
  hasMeasure(id: string): boolean {
    return this.ids.has(id);
  }

  /** Reads the published catalogue again; reloads asked for together run one after another, the last one wins. */
  reload(): Promise<void> {
    this.chain = this.chain.then(
      () => this.loadNow(),
      () => this.loadNow(),
    );
    return this.chain;
  }

  private async loadNow(): Promise<void> {
    const rows = await publishedContents(this.db);
    let catalog: NavigatorCatalog;
    try {
      catalog = catalogOf(rows);
    } catch (err) {
      // Publication checks the whole catalogue, so this is a bug or a hand-edited database: keep serving what was.
      this.log.error({ err }, 'the published navigator catalogue does not parse; keeping the previous one');
      return;
    }
    this.nav = new Navigator(catalog);
    this.ids = new Set(catalog.measures.map((m) => m.id));
  }
}
