// A measure's form: its texts, provider, category, legal basis, linked answers, the conditions a
// person judges, regional variants (added and removed), and the eligibility rule as JSON, checked
// by the API against the questions (its problems shown at their path inside the rule).
import { Control, typed } from '../control.tsx';
import type { EntryErrors } from './problems.ts';
import { nt } from './strings.ts';
import type { Content } from './entries-api.ts';

export const MEASURE_FORM = 'measure';

interface Variant {
  region: string;
  title: string;
  summary: string;
  provider: string;
  how_to_apply: string;
}

export interface MeasureDraft {
  id: string;
  title: string;
  summary: string;
  provider: string;
  category: string;
  legalBasis: string;
  how_to_apply: string;
  answer_ids: string;
  judged: string;
  regional: Variant[];
  eligibility: string;
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function measureDraft(c: Content): MeasureDraft {
  const regional = Array.isArray(c.regional) ? (c.regional as Record<string, unknown>[]) : [];
  return {
    id: str(c.id),
    title: str(c.title),
    summary: str(c.summary),
    provider: str(c.provider),
    category: str(c.category),
    legalBasis: str(c.legalBasis),
    how_to_apply: str(c.how_to_apply),
    answer_ids: (Array.isArray(c.answer_ids) ? (c.answer_ids as string[]) : []).join('\n'),
    judged: (Array.isArray(c.judged) ? (c.judged as string[]) : []).join('\n'),
    regional: regional.map((v) => ({ region: str(v.region), title: str(v.title), summary: str(v.summary), provider: str(v.provider), how_to_apply: str(v.how_to_apply) })),
    eligibility: c.eligibility === undefined ? '{\n  "all": []\n}' : JSON.stringify(c.eligibility, null, 2),
  };
}

/** The content to send, or the reason it cannot be sent (the rule is not JSON). */
export function measureContent(d: MeasureDraft): { content: Content } | { field: string; message: string } {
  let eligibility: unknown;
  try {
    eligibility = JSON.parse(d.eligibility);
  } catch (e) {
    return { field: 'eligibility', message: nt.measure.badJson((e as Error).message) };
  }
  const judged = lines(d.judged);
  // (optional texts are left out when empty: the catalogue's shape has them absent, not blank)
  const opt = (k: string, v: string) => (v.trim() ? { [k]: v } : {});
  return {
    content: {
      id: d.id.trim(),
      title: d.title,
      summary: d.summary,
      provider: d.provider,
      category: d.category,
      eligibility,
      how_to_apply: d.how_to_apply,
      answer_ids: lines(d.answer_ids),
      ...opt('legalBasis', d.legalBasis),
      ...(d.regional.length
        ? {
            regional: d.regional.map((v) => ({
              region: v.region.trim(),
              ...opt('title', v.title),
              ...opt('summary', v.summary),
              ...opt('provider', v.provider),
              ...opt('how_to_apply', v.how_to_apply),
            })),
          }
        : {}),
      ...(judged.length ? { judged } : {}),
    },
  };
}

export const measureTitle = (c: Content) => str(c.title) || str(c.id);

export function MeasureForm({ draft, set, errors, readOnly, isNew }: { draft: MeasureDraft; set: (d: Partial<MeasureDraft>) => void; errors: EntryErrors; readOnly: boolean; isNew: boolean }) {
  const m = nt.measure;
  const at = (place: string) => errors.at.get(place) ?? [];
  const text = (place: keyof Omit<MeasureDraft, 'regional'>, label: string, o: { hint?: string; rows?: number; wide?: boolean; mono?: boolean; ro?: boolean } = {}) => (
    <Control
      form={MEASURE_FORM}
      place={place}
      label={label}
      messages={at(place)}
      {...(o.hint ? { hint: o.hint } : {})}
      {...(o.wide ? { wide: true } : {})}
      control={(a) =>
        o.rows ? (
          <textarea {...a} rows={o.rows} value={draft[place]} onInput={typed((v) => set({ [place]: v }))} readOnly={readOnly || o.ro} class={o.mono ? 'mono' : undefined} spellcheck={!o.mono} />
        ) : (
          <input {...a} value={draft[place]} onInput={typed((v) => set({ [place]: v }))} readOnly={readOnly || o.ro} class={o.mono ? 'mono' : undefined} />
        )
      }
    />
  );
  const setVariant = (i: number, v: Partial<Variant>) => set({ regional: draft.regional.map((x, j) => (j === i ? { ...x, ...v } : x)) });
  return (
    <>
      <div class="grid">
        {text('id', m.id, { ...(isNew ? { hint: m.idHint } : {}), mono: true, ro: !isNew })}
        {text('category', m.category)}
        {text('title', m.title, { wide: true })}
        {text('summary', m.summary, { rows: 3, wide: true })}
        {text('provider', m.provider)}
        {text('legalBasis', m.legalBasis)}
        {text('how_to_apply', m.how_to_apply, { rows: 3, wide: true })}
        {text('eligibility', m.eligibility, { rows: 12, wide: true, mono: true, hint: m.eligibilityHint })}
        {text('answer_ids', m.answer_ids, { rows: 3, mono: true, hint: m.answerIdsHint })}
        {text('judged', m.judged, { rows: 3, hint: m.judgedHint })}
      </div>
      <fieldset class="variants">
        <legend>{m.regional}</legend>
        {at('regional').length > 0 && <p class="field-error">{at('regional').join(' ')}</p>}
        {draft.regional.length === 0 && <p class="muted">{m.regionalNone}</p>}
        {draft.regional.map((v, i) => (
          <fieldset key={i} class="variant">
            <legend>{m.variant(i + 1, v.region)}</legend>
            <div class="grid">
              {(['region', 'provider', 'title', 'summary', 'how_to_apply'] as const).map((k) => (
                <Control
                  key={k}
                  form={MEASURE_FORM}
                  place={`regional.${i}.${k}`}
                  label={k === 'region' ? m.region : m[k]}
                  messages={[]}
                  {...(k === 'summary' || k === 'how_to_apply' ? { wide: true } : {})}
                  control={(a) =>
                    k === 'summary' || k === 'how_to_apply' ? (
                      <textarea {...a} rows={2} value={v[k]} onInput={typed((x) => setVariant(i, { [k]: x }))} readOnly={readOnly} />
                    ) : (
                      <input {...a} value={v[k]} onInput={typed((x) => setVariant(i, { [k]: x }))} readOnly={readOnly} {...(k === 'region' ? { inputMode: 'numeric' as const, maxLength: 2 } : {})} />
                    )
                  }
                />
              ))}
            </div>
            {!readOnly && (
              <button type="button" class="secondary danger" onClick={() => set({ regional: draft.regional.filter((_, j) => j !== i) })}>
                {m.removeVariant(i + 1)}
              </button>
            )}
          </fieldset>
        ))}
        {!readOnly && (
          <button type="button" class="secondary" onClick={() => set({ regional: [...draft.regional, { region: '', title: '', summary: '', provider: '', how_to_apply: '' }] })}>
            {m.addVariant}
          </button>
        )}
      </fieldset>
    </>
  );
}
