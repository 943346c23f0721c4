// An organisation's form: code (when new), name, region (a region's admin: theirs), time zone,
// e-mail for notices, whether it works. Saved with PUT; the API's messages next to the controls.
import { useState } from 'preact/hooks';
import { put } from '../../shared/api.ts';
import { Check, Control, ErrorSummary, Panel, typed } from '../form.tsx';
import { formErrors, noErrors, type FormErrors } from '../problems.ts';
import { t } from '../strings.ts';
import { regionLabel, type Organisation, type Region, type Rights } from './catalog.ts';

const FORM = 'org';

interface Draft {
  code: string;
  name: string;
  /** '' for a federal organisation */
  region: string;
  timezone: string;
  email: string;
  active: boolean;
}

const draftOf = (o: Organisation | undefined, rights: Rights): Draft => ({
  code: o?.code ?? '',
  name: o?.name ?? '',
  region: o ? (o.region ?? '') : (rights.region ?? ''),
  timezone: o?.timezone ?? '',
  email: o?.email ?? '',
  active: o?.active ?? true,
});

const labels: Record<string, string> = { code: t.orgs.code, name: t.orgs.name, region: t.orgs.region, timezone: t.orgs.timezone, email: t.orgs.email, active: t.orgs.activeLabel };

export function OrganisationForm(p: { organisation: Organisation | undefined; regions: Region[]; rights: Rights; onDone: (saved: Organisation | null) => void }) {
  const [d, setD] = useState<Draft>(() => draftOf(p.organisation, p.rights));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof Draft>(k: K) =>
    (v: Draft[K]) =>
      setD((x) => ({ ...x, [k]: v }));
  const common = { form: FORM, errors };

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const r = await put('/api/v1/organisations/{code}', {
      path: { code: d.code.trim() || '-' },
      body: { name: d.name, region: d.region || null, timezone: d.timezone.trim() || null, email: d.email.trim() || null, active: d.active },
    });
    setBusy(false);
    if (!r.ok) {
      const found = formErrors(r);
      // (a time zone the server does not know is a problem of its own, without a place)
      return setErrors(r.code === 'organisation.bad_timezone' ? { at: new Map([['timezone', [t.problems['organisation.bad_timezone']!]]]), general: null } : found);
    }
    p.onDone(r.body);
  };

  return (
    <Panel id="org-editor" title={p.organisation ? t.orgs.editTitle(p.organisation.name) : t.orgs.newTitle}>
      <form class="editor" onSubmit={save} noValidate>
        <ErrorSummary form={FORM} errors={errors} labelOf={(place) => labels[place] ?? place} />
        <div class="grid">
          {p.organisation ? (
            <p class="control">
              <span class="label">{t.orgs.code}</span> <code>{d.code}</code>
            </p>
          ) : (
            <Control
              {...common}
              place="code"
              label={t.orgs.code}
              hint={t.orgs.codeHint}
              control={(a) => <input {...a} value={d.code} onInput={typed(set('code'))} autoComplete="off" spellcheck={false} />}
            />
          )}
          <Control {...common} place="name" label={t.orgs.name} control={(a) => <input {...a} value={d.name} onInput={typed(set('name'))} />} />
          {p.rights.federal ? (
            <Control
              {...common}
              place="region"
              label={t.orgs.region}
              control={(a) => (
                <select {...a} value={d.region} onChange={typed(set('region'))}>
                  <option value="">{t.federal}</option>
                  {p.regions.map((r) => (
                    <option key={r.code} value={r.code}>
                      {r.code} {r.name}
                    </option>
                  ))}
                </select>
              )}
            />
          ) : (
            <p class="control">
              <span class="label">{t.orgs.region}</span> {regionLabel(p.regions, d.region, t.federal)}
            </p>
          )}
          <Control
            {...common}
            place="email"
            label={t.orgs.email}
            hint={t.orgs.emailHint}
            control={(a) => <input {...a} type="email" autoComplete="off" value={d.email} onInput={typed(set('email'))} />}
          />
          <Control
            {...common}
            place="timezone"
            label={t.orgs.timezone}
            hint={t.orgs.timezoneHint}
            control={(a) => <input {...a} value={d.timezone} onInput={typed(set('timezone'))} autoComplete="off" spellcheck={false} />}
          />
          <Check {...common} place="active" label={t.orgs.activeLabel} checked={d.active} onChange={set('active')} />
        </div>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? t.saving : t.save}
          </button>
          <button type="button" class="secondary" onClick={() => p.onDone(null)}>
            {t.cancel}
          </button>
        </div>
      </form>
    </Panel>
  );
}
