// «Меню IVR»: a region's voice menu (#ivr/77). The greeting, how long the caller has to choose,
// and the items — a digit and a knowledge-base section each, with the queue that takes it — edited
// as a list; beside it, what a caller hears, as the telephony edge plays it (docs/telephony.md «The
// menu»). The API's refusals stand at the item's digit or section.
import { useEffect, useState } from 'preact/hooks';
import { get, put } from '../../shared/api.ts';
import type { Schema } from '../../shared/api-types.ts';
import { promptTexts } from '../../../src/telephony/media/prompt-texts.ts';
import { dateTime } from '../accounts/strings.ts';
import { Control, ErrorSummary, Panel, typed } from '../form.tsx';
import { formErrors, noErrors, problemText, type FormErrors } from '../problems.ts';
import { t } from '../strings.ts';
import { numberOrTyped } from './steps.ts';
import { IvrItems, type ItemDraft, newItem } from './ivr-items.tsx';
import { heardLines, type Queue } from './model.ts';
import { RegionPicker } from './region-picker.tsx';
import { s } from './strings.ts';
import { regionTitle, useRegions } from './use-regions.ts';
import { useKbSections } from './use-sections.ts';

const v = s.ivr;
const FORM = 'ivr';

type Menu = Schema<'IvrMenu'>;

interface Draft {
  greeting: string;
  timeout: string;
  items: ItemDraft[];
}

const draftOf = (m: Menu): Draft => ({ greeting: m.greeting ?? '', timeout: String(m.timeoutSeconds), items: m.items.map((i) => newItem(i.digit, i.section)) });

function labelOf(place: string): string {
  const m = /^items\.(\d+)\.(\w+)/.exec(place);
  if (m) return `${v.item(Number(m[1]) + 1)} — ${m[2] === 'digit' ? v.digit : v.section}`;
  return place === 'greeting' ? v.greeting : place === 'timeoutSeconds' ? v.timeout : place === 'items' ? v.items : place;
}

export function IvrSection({ ownRegion, item }: { ownRegion: string | null; item: string | undefined }) {
  const region = ownRegion ?? item ?? '';
  const { regions } = useRegions(ownRegion);
  return (
    <section class="card" aria-labelledby="ivr-title">
      <div class="head">
        <h2 id="ivr-title">{v.title}</h2>
      </div>
      <p>{v.intro}</p>
      {ownRegion === null && (
        <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label={v.title}>
          <RegionPicker id="ivr-region" section="ivr" regions={regions} value={region} extra={[{ value: '', label: s.choose }]} />
        </form>
      )}
      {region && <MenuEditor key={region} region={region} name={regionTitle(regions, region, s.reserve)} />}
    </section>
  );
}

function MenuEditor({ region, name }: { region: string; name: string }) {
  const sections = useKbSections();
  const [menu, setMenu] = useState<Menu | null>(null);
  const [queues, setQueues] = useState<Queue[]>([]);
  const [d, setD] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void get('/api/v1/regions/{code}/ivr-menu', { path: { code: region } }).then((r) => {
      if (!r.ok) return setError(problemText(r));
      setMenu(r.body);
      setD(draftOf(r.body));
    });
    void get('/api/v1/queues', { query: { region } }).then((r) => r.ok && setQueues(r.body.items));
  }, [region]);

  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!menu || !d) return <p>{t.loading}</p>;

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setNotice(null);
    const body = { greeting: d.greeting.trim() || null, timeoutSeconds: numberOrTyped(d.timeout) as number, items: d.items.map((i) => ({ digit: i.digit as '1', section: i.section })) };
    const r = await put('/api/v1/regions/{code}/ivr-menu', { path: { code: region }, body });
    setBusy(false);
    if (!r.ok) return setErrors(formErrors(r));
    setErrors(noErrors);
    setMenu(r.body);
    setD(draftOf(r.body));
    setNotice(v.savedNotice(name));
  };

  const common = { form: FORM, errors };
  const heard = heardLines({ greeting: d.greeting, items: d.items });
  return (
    <Panel id="ivr-editor" title={`${v.title}: ${name}`}>
      <p class="muted">{menu.stored ? v.updated(dateTime(menu.updatedAt!)) : v.defaultMenu}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <div class="ivr-layout">
        <form class="editor" onSubmit={save} noValidate>
          <ErrorSummary form={FORM} errors={errors} labelOf={labelOf} />
          <Control
            {...common}
            wide
            place="greeting"
            label={v.greeting}
            hint={v.greetingHint(promptTexts.greeting)}
            control={(c) => <textarea {...c} rows={2} value={d.greeting} onInput={typed((x) => setD({ ...d, greeting: x }))} />}
          />
          <Control
            {...common}
            place="timeoutSeconds"
            label={v.timeout}
            hint={v.timeoutHint}
            control={(c) => <input {...c} inputMode="numeric" value={d.timeout} onInput={typed((x) => setD({ ...d, timeout: x }))} />}
          />
          <IvrItems form={FORM} errors={errors} items={d.items} sections={sections} queues={queues} onChange={(items) => setD({ ...d, items })} />
          <div class="actions">
            <button type="submit" disabled={busy}>
              {busy ? t.saving : t.save}
            </button>
          </div>
        </form>
        <aside class="heard" aria-labelledby="ivr-heard">
          <h3 id="ivr-heard">{v.heard}</h3>
          <ol>
            {heard.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ol>
          <p class="hint">{v.heardNote(s.seconds(Number(d.timeout) || menu.timeoutSeconds))}</p>
        </aside>
      </div>
    </Panel>
  );
}
