// One region's call-centre settings (#regions/77): the opening hours of each weekday in the
// region's own time and the service norms, each either the region's own or the federal value
// (shown beside it). Saving sends the whole set of the region's overrides; the API's refusals stand
// at their fields.
import { useEffect, useState } from 'preact/hooks';
import { get, put } from '../../shared/api.ts';
import { Control, ErrorSummary, Panel, typed } from '../form.tsx';
import { formErrors, noErrors, problemText, type FormErrors } from '../problems.ts';
import { href } from '../route.ts';
import { t } from '../strings.ts';
import { dateTime } from '../accounts/strings.ts';
import { dayDraft, days, hoursBody, normFields, readNorm, showNorm, type Day, type DayDraft, type Hours, type NormKey, type Norms } from './model.ts';
import { BackToRegions, SettingsUnread } from './back-to-regions.tsx';
import { HoursFields } from './hours.tsx';
import { settingsLabel, withNormSentences } from './settings-errors.ts';
import { s } from './strings.ts';

const FORM = 'region';

interface Loaded {
  timezone: string;
  effective: { hours: Hours; norms: Norms };
  federal: { hours: Hours; norms: Norms };
  updatedAt: string | null;
  updatedBy: string | null;
}

interface Draft {
  hours: Record<Day, DayDraft>;
  norms: Record<NormKey, string>;
}

function draftOf(l: Loaded, own: { hours: Partial<Hours>; norms: Partial<Norms> }): Draft {
  return {
    hours: Object.fromEntries(days.map((d) => [d, dayDraft(own.hours[d], l.federal.hours[d])])) as Record<Day, DayDraft>,
    norms: Object.fromEntries(normFields.map((f) => [f.key, own.norms[f.key] === undefined ? '' : showNorm(f.key, own.norms[f.key]!)])) as Record<NormKey, string>,
  };
}

export function RegionSettingsEditor({ code, name }: { code: string; name: string | undefined }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title = name ? `${code} ${name}` : code;

  useEffect(() => {
    void Promise.all([get('/api/v1/regions/{code}/settings', { path: { code } }), get('/api/v1/call-centre-defaults')]).then(([r, d]) => {
      if (!r.ok) return setError(problemText(r));
      if (!d.ok) return setError(d.message);
      const l: Loaded = { timezone: r.body.timezone, effective: r.body.effective, federal: d.body, updatedAt: r.body.updatedAt, updatedBy: r.body.updatedBy };
      setLoaded(l);
      setDraft(draftOf(l, r.body.overrides));
    });
  }, [code]);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft || !loaded) return;
    setBusy(true);
    setNotice(null);
    const norms = Object.fromEntries(normFields.flatMap((f) => (readNorm(f.key, draft.norms[f.key]) === undefined ? [] : [[f.key, readNorm(f.key, draft.norms[f.key])]])));
    // (a norm typed as words goes as typed: the API refuses it at its field)
    const r = await put('/api/v1/regions/{code}/settings', { path: { code }, body: { hours: hoursBody(draft.hours), norms: norms as Partial<Norms> } });
    setBusy(false);
    if (!r.ok) return setErrors(withNormSentences(formErrors(r)));
    setErrors(noErrors);
    setLoaded({ ...loaded, effective: r.body.effective, updatedAt: r.body.updatedAt, updatedBy: r.body.updatedBy });
    setDraft(draftOf(loaded, r.body.overrides));
    setNotice(s.settings.savedNotice(title));
  };

  if (error) return <SettingsUnread error={error} />;
  if (!loaded || !draft) return <p>{t.loading}</p>;
  const common = { form: FORM, errors };
  return (
    <>
      <BackToRegions />
      <Panel id="region-editor" title={s.settings.title(title)}>
        <p class="muted">{loaded.updatedAt ? s.settings.changed(dateTime(loaded.updatedAt), loaded.updatedBy) : s.settings.never}</p>
        <nav aria-label={s.settings.links} class="region-links">
          <a href={href({ section: 'queues', tab: 'types', item: code })}>{s.settings.queues}</a>
          <a href={href({ section: 'ivr', tab: 'types', item: code })}>{s.settings.ivr}</a>
          <a href={href({ section: 'audit', tab: 'types', target: { type: 'region', id: code } })}>{s.settings.log}</a>
        </nav>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <form class="editor" onSubmit={save} noValidate>
          <ErrorSummary form={FORM} errors={errors} labelOf={settingsLabel} />
          <HoursFields form={FORM} errors={errors} timezone={loaded.timezone} federal={loaded.federal.hours} draft={draft.hours} onChange={(hours) => setDraft({ ...draft, hours })} />
          <fieldset>
            <legend>{s.settings.norms}</legend>
            <p class="hint">{s.settings.normsHint}</p>
            <div class="grid norms">
              {normFields.map((f) => {
                const own = draft.norms[f.key].trim() !== '';
                const federal = `${showNorm(f.key, loaded.federal.norms[f.key])}${f.percent ? ' %' : ' с'}`;
                return (
                  <Control
                    key={f.key}
                    {...common}
                    place={`norms.${f.key}`}
                    label={s.norm[f.key]!}
                    hint={[s.settings.federal(federal), own ? s.settings.own : '', s.norm[`${f.key}Hint`] ?? ''].filter(Boolean).join(' · ')}
                    control={(c) => (
                      <input
                        {...c}
                        class={own ? 'own' : undefined}
                        inputMode="decimal"
                        value={draft.norms[f.key]}
                        placeholder={showNorm(f.key, loaded.federal.norms[f.key])}
                        onInput={typed((v) => setDraft({ ...draft, norms: { ...draft.norms, [f.key]: v } }))}
                      />
                    )}
                  />
                );
              })}
            </div>
          </fieldset>
          <div class="actions">
            <button type="submit" disabled={busy}>
              {busy ? t.saving : t.save}
            </button>
          </div>
        </form>
      </Panel>
    </>
  );
}
