// The federal values (#regions/federal), for a federal admin: the week every region without hours
// of its own keeps, in its own local time, and the norms; all of them required. The API's refusals
// stand at their fields.
import { useEffect, useState } from 'preact/hooks';
import { get, put } from '../../shared/api.ts';
import { Control, ErrorSummary, Panel, typed } from '../form.tsx';
import { formErrors, noErrors, problemText, type FormErrors } from '../problems.ts';
import { t } from '../strings.ts';
import { BackToRegions, SettingsUnread } from './back-to-regions.tsx';
import { HoursFields } from './hours.tsx';
import { days, hoursBody, normFields, readNorm, showNorm, type Day, type DayDraft, type Hours, type NormKey, type Norms } from './model.ts';
import { settingsLabel, withNormSentences } from './settings-errors.ts';
import { s } from './strings.ts';

const FORM = 'defaults';

interface Draft {
  hours: Record<Day, DayDraft>;
  norms: Record<NormKey, string>;
}

const draftOf = (d: { hours: Hours; norms: Norms }): Draft => ({
  hours: Object.fromEntries(days.map((day) => [day, { mode: d.hours[day] ? 'open' : 'closed', open: d.hours[day]?.open ?? '09:00', close: d.hours[day]?.close ?? '18:00' }])) as Record<Day, DayDraft>,
  norms: Object.fromEntries(normFields.map((f) => [f.key, showNorm(f.key, d.norms[f.key])])) as Record<NormKey, string>,
});

export function DefaultsForm() {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void get('/api/v1/call-centre-defaults').then((r) => (r.ok ? setDraft(draftOf(r.body)) : setError(problemText(r))));
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    setBusy(true);
    setNotice(null);
    // (every norm is required: an empty one goes as typed, for the API to refuse at its field)
    const norms = Object.fromEntries(normFields.map((f) => [f.key, readNorm(f.key, draft.norms[f.key]) ?? draft.norms[f.key]])) as unknown as Norms;
    const r = await put('/api/v1/call-centre-defaults', { body: { hours: hoursBody(draft.hours) as Hours, norms } });
    setBusy(false);
    if (!r.ok) return setErrors(withNormSentences(formErrors(r)));
    setErrors(noErrors);
    setDraft(draftOf(r.body));
    setNotice(s.defaults.savedNotice);
  };

  if (error) return <SettingsUnread error={error} />;
  if (!draft) return <p>{t.loading}</p>;
  const common = { form: FORM, errors };
  return (
    <>
      <BackToRegions />
      <Panel id="defaults-editor" title={s.defaults.title}>
        <p>{s.defaults.intro}</p>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <form class="editor" onSubmit={save} noValidate>
          <ErrorSummary form={FORM} errors={errors} labelOf={settingsLabel} />
          <HoursFields form={FORM} errors={errors} timezone={null} federal={null} draft={draft.hours} onChange={(hours) => setDraft({ ...draft, hours })} />
          <fieldset>
            <legend>{s.settings.norms}</legend>
            <p class="hint">{s.defaults.normsHint}</p>
            <div class="grid norms">
              {normFields.map((f) => (
                <Control
                  key={f.key}
                  {...common}
                  place={`norms.${f.key}`}
                  label={s.norm[f.key]!}
                  hint={s.norm[`${f.key}Hint`]}
                  control={(c) => <input {...c} inputMode="decimal" value={draft.norms[f.key]} onInput={typed((v) => setDraft({ ...draft, norms: { ...draft.norms, [f.key]: v } }))} />}
                />
              ))}
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
