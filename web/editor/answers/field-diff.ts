// One field's change between two versions, as the answers' diff API gives it and as the page
// computes it for the navigator's entries.
export interface FieldDiff {
  field: string;
  before?: unknown;
  after?: unknown;
  /** For text fields: runs of unchanged, inserted and deleted text. */
  changes?: { op: 'equal' | 'insert' | 'delete'; text: string }[];
}
