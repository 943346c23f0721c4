// An appeal taken during a call, from the caller's words: the type (its own fields and consent text
// follow it), the region (the call's), the appellant's fields, the text, the consent read aloud.
// Filed with the call's id; the API's messages are shown next to their fields. Keyboard-first:
// Ctrl+Enter files, Enter in a one-line box does not, Esc closes (asking first when something was
// typed). Keys pressed in the form stay in it, except the F-keys of the call (F8 hangs up, F6 mutes).
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../shared/api.ts';
import type { Answer } from '../shared/api-types.ts';
import { Single, TypeFieldControl, fieldId, type AppealType, type FieldValue } from './appeal-fields.tsx';
import { t } from './strings.ts';

export type Filed = Answer<'/api/v1/appeals', 'post'>;

interface Problem {
  path: string;
  message: string;
}

const APPELLANT = ['name', 'phone', 'email', 'address', 'text'] as const;
type Appellant = Record<(typeof APPELLANT)[number], string>;
const blank: Appellant = { name: '', phone: '', email: '', address: '', text: '' };

export function AppealForm(props: { callId: string; region: string; regions: Record<string, string>; onFiled: (f: Filed) => void; onClose: () => void }) {
  const [types, setTypes] = useState<AppealType[] | null>(null);
  const [typeCode, setTypeCode] = useState('');
  const [region, setRegion] = useState(props.region);
  const [person, setPerson] = useState<Appellant>(blank);
  const [values, setValues] = useState<Record<string, FieldValue>>({});
  const [consent, setConsent] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [shownProblems, setShownProblems] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  // (a second Ctrl+Enter before the answer would file it again: a duplicate, and the code lost)
  const sending = useRef(false);
  const focusBefore = useRef<HTMLElement | null>(null);

  useEffect(() => {
    void get('/api/v1/appeal-types').then((r) => (r.ok ? setTypes(r.body.items.filter((x) => x.active)) : setError(r.message)));
  }, []);
  const loaded = types !== null;
  useEffect(() => form.current?.querySelector<HTMLElement>(`#${fieldId('type')}`)?.focus(), [loaded]);
  // after a refusal the first field with a message takes the focus
  useEffect(() => {
    const first = shownProblems ? form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') : null;
    if (!first) return;
    // (its label and message in view too, not only the box)
    first.closest('.field, .consent')?.scrollIntoView({ block: 'nearest' });
    first.focus({ preventScroll: true });
  }, [shownProblems]);
  // (at once, with the question drawn: an Enter pressed right after the Esc answers it)
  useLayoutEffect(() => {
    if (confirming) form.current?.querySelector<HTMLElement>('.confirm-close button')?.focus();
  }, [confirming]);

  const type = types?.find((x) => x.code === typeCode);
  const fields = type?.fields ?? [];
  const messages = (path: string) => problems.filter((p) => p.path === path).map((p) => p.message);
  const known = new Set(['type', 'region', ...APPELLANT, 'consent', ...fields.filter((f) => f.kind !== 'file').map((f) => `values.${f.code}`)]);
  const elsewhere = problems.filter((p) => !known.has(p.path));
  const dirty = consent || APPELLANT.some((k) => person[k].trim()) || Object.values(values).some((v) => (Array.isArray(v) ? v.length : v.trim()));
  // (a field changed loses its message: what is left red is what is still to fix)
  const fixed = (path: string) => setProblems((ps) => ps.filter((p) => p.path !== path));
  const setField = (k: keyof Appellant) => (e: Event) => {
    setPerson((p) => ({ ...p, [k]: (e.target as HTMLInputElement).value }));
    fixed(k);
  };

  const submit = async () => {
    if (sending.current || !types) return;
    // (without these the API could not say which fields the type has, nor check them)
    const missing = [...(type ? [] : [{ path: 'type', message: `${t.appeal.chooseType}.` }]), ...(region ? [] : [{ path: 'region', message: `${t.appeal.chooseRegion}.` }])];
    if (!type || missing.length) {
      setProblems(missing);
      setError(t.appeal.invalid(missing.length));
      return setShownProblems((n) => n + 1);
    }
    const given = Object.fromEntries(fields.filter((f) => f.kind !== 'file' && values[f.code] !== undefined && values[f.code]!.length > 0).map((f) => [f.code, values[f.code]!]));
    sending.current = true;
    setBusy(true);
    setError('');
    const r = await post('/api/v1/appeals', { body: { type: type.code, region, ...person, consent, values: given, callId: props.callId } });
    sending.current = false;
    setBusy(false);
    if (r.ok) return props.onFiled(r.body);
    const listed = (r.body as { errors?: Problem[] } | null)?.errors;
    // (appeal.invalid and appeal.bad_region say it in Russian, by field; a malformed request does not)
    if ((r.code === 'appeal.invalid' || r.code === 'appeal.bad_region') && listed?.length) {
      setProblems(listed);
      setError(t.appeal.invalid(listed.length));
      return setShownProblems((n) => n + 1);
    }
    setProblems([]);
    setError(r.message);
  };

  // the closing asked about first; not confirmed, back where the operator was
  const askToClose = () => {
    focusBefore.current = document.activeElement instanceof HTMLElement && form.current?.contains(document.activeElement) ? document.activeElement : null;
    setConfirming(true);
  };
  const back = () => {
    setConfirming(false);
    (focusBefore.current?.isConnected ? focusBefore.current : form.current?.querySelector<HTMLElement>(`#${fieldId('type')}`))?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (e.key === 'Escape') {
      e.preventDefault();
      if (confirming) back();
      else if (dirty) askToClose();
      else props.onClose();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Enter' && target instanceof HTMLInputElement) {
      // (a one-line box: Enter would send a half-dictated appeal)
      e.preventDefault();
    }
    // the call's own keys (F8 hangs up, F6 mutes …) still work; the rest belongs to the form
    if (!/^F\d+$/.test(e.key)) e.stopPropagation();
  };

  return (
    <form
      ref={form}
      class="card appeal-form"
      aria-labelledby="appeal-title"
      autoComplete="off"
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div class="call-head">
        <h2 id="appeal-title">{t.appeal.title}</h2>
        <span class="muted">{t.appeal.intro}</span>
      </div>
      <div class="appeal-grid">
        <Single
          path="type"
          label={t.appeal.type}
          messages={messages('type')}
          control={(a) => (
            <select
              {...a}
              value={typeCode}
              disabled={!types}
              onChange={(e) => {
                setTypeCode((e.target as HTMLSelectElement).value);
                fixed('type');
              }}
            >
              <option value="">{types ? t.appeal.chooseType : '…'}</option>
              {types?.map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        />
        <Single
          path="region"
          label={t.appeal.region}
          messages={messages('region')}
          control={(a) => (
            <select
              {...a}
              value={region}
              onChange={(e) => {
                setRegion((e.target as HTMLSelectElement).value);
                fixed('region');
              }}
            >
              <option value="">{t.appeal.chooseRegion}</option>
              {Object.entries(props.regions)
                .sort(([x], [y]) => x.localeCompare(y))
                .map(([code, name]) => (
                  <option key={code} value={code}>
                    {code} — {name}
                  </option>
                ))}
            </select>
          )}
        />
        <h3 class="wide">{t.appeal.appellant}</h3>
        <Single
          path="name"
          label={t.appeal.name}
          messages={messages('name')}
          control={(a) => <input {...a} type="text" value={person.name} maxLength={200} spellcheck={false} onInput={setField('name')} />}
        />
        <Single
          path="phone"
          label={t.appeal.phone}
          hint={t.appeal.phoneHint}
          optional
          messages={messages('phone')}
          control={(a) => <input {...a} type="tel" value={person.phone} maxLength={40} onInput={setField('phone')} />}
        />
        <p class="wide hint reply-to">
          <strong>{t.appeal.replyTo}:</strong> {t.appeal.replyToHint}
        </p>
        <Single
          path="email"
          label={t.appeal.email}
          messages={messages('email')}
          control={(a) => <input {...a} type="email" value={person.email} maxLength={254} spellcheck={false} onInput={setField('email')} />}
        />
        <Single
          path="address"
          label={t.appeal.address}
          hint={t.appeal.addressHint}
          messages={messages('address')}
          control={(a) => <textarea {...a} rows={2} value={person.address} maxLength={500} onInput={setField('address')} />}
        />
        <h3 class="wide">{type ? type.name : t.appeal.about}</h3>
        {!type && <p class="wide muted">{t.appeal.typeFirst}</p>}
        {fields.map((f) => (
          <TypeFieldControl
            key={`${typeCode}.${f.code}`}
            field={f}
            value={values[f.code]}
            messages={messages(`values.${f.code}`)}
            onChange={(v) => {
              setValues((x) => ({ ...x, [f.code]: v }));
              fixed(`values.${f.code}`);
            }}
          />
        ))}
        <Single
          path="text"
          label={t.appeal.text}
          hint={t.appeal.textHint}
          wide
          messages={messages('text')}
          control={(a) => <textarea {...a} rows={4} value={person.text} maxLength={10_000} onInput={setField('text')} />}
        />
        {type && (
          <fieldset class={`wide consent${messages('consent').length ? ' has-error' : ''}`}>
            <legend>{t.appeal.consentTitle}</legend>
            <p class="hint">{t.appeal.consentRead}</p>
            <blockquote class="consent-text">{type.consentText}</blockquote>
            {messages('consent').length > 0 && (
              <p class="field-error" id={`${fieldId('consent')}-error`}>
                <span class="sr-only">{t.appeal.errorPrefix} </span>
                {messages('consent').join(' ')}
              </p>
            )}
            <label class="option">
              <input
                type="checkbox"
                id={fieldId('consent')}
                checked={consent}
                aria-invalid={messages('consent').length ? 'true' : undefined}
                aria-describedby={messages('consent').length ? `${fieldId('consent')}-error` : undefined}
                onChange={(e) => {
                  setConsent((e.target as HTMLInputElement).checked);
                  fixed('consent');
                }}
              />{' '}
              {t.appeal.consent}
            </label>
          </fieldset>
        )}
      </div>
      {/* (kept in view at the form's foot: what went wrong, and the buttons) */}
      <div class="appeal-footer">
        {(error || elsewhere.length > 0) && (
          <div class="error" role="alert">
            {error}
            {elsewhere.map((p) => (
              <div key={p.path}>{p.message}</div>
            ))}
          </div>
        )}
        {confirming ? (
          <div class="actions confirm-close" role="group" aria-label={t.appeal.confirmClose}>
            <strong>{t.appeal.confirmClose}</strong>
            <button type="button" class="danger" onClick={props.onClose}>
              {t.appeal.confirmYes}
            </button>
            <button type="button" class="secondary" onClick={back}>
              {t.appeal.confirmNo} <kbd>Esc</kbd>
            </button>
          </div>
        ) : (
          <div class="actions">
            <button type="submit" disabled={busy || !types}>
              {busy ? t.appeal.sending : t.appeal.submit} <kbd>Ctrl+Enter</kbd>
            </button>
            <button type="button" class="secondary" onClick={() => (dirty ? askToClose() : props.onClose())}>
              {t.appeal.cancel} <kbd>Esc</kbd>
            </button>
          </div>
        )}
      </div>
    </form>
  );
}
