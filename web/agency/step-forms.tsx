// The forms of the steps that need words or a choice: answer (with files), reject on a ground of
// 59-FZ art. 11, redirect, extend, comment. Each hands its body to the panel, with the question to
// ask first when the step cannot be undone.
import { useState } from 'preact/hooks';
import { rejectReasons } from '../../src/appeals/reject-reasons.ts';
import { ACCEPT, fileProblems, readFiles } from './answer-files.ts';
import type { Catalog } from './catalog.ts';
import { addDays, showDate, type ActionBody, type Appeal, type Organisation, type RejectCode } from './model.ts';
import { t } from './strings.ts';

const s = t.actions;

export interface FormProps {
  appeal: Appeal;
  busy: boolean;
  submit: (body: ActionBody, confirm: string | null) => void;
  cancel: () => void;
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;

function Buttons({ label, busy, cancel }: { label: string; busy: boolean; cancel: () => void }) {
  return (
    <div class="ag-buttons">
      <button type="submit" disabled={busy}>
        {busy ? s.sending : label}
      </button>
      <button type="button" class="secondary" onClick={cancel}>
        {s.cancel}
      </button>
    </div>
  );
}

export function AnswerForm({ busy, submit, cancel }: FormProps) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [reading, setReading] = useState(false);
  const problems = fileProblems(files);
  return (
    <form
      class="ag-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (problems.length) return;
        setReading(true);
        const read = await readFiles(files).finally(() => setReading(false));
        submit({ action: 'answer', text, ...(read.length ? { files: read } : {}) }, s.confirmAnswer);
      }}
    >
      <label for="ag-answer-text">{s.answerText}</label>
      <textarea id="ag-answer-text" rows={8} required maxLength={20000} value={text} onInput={(e) => setText(value(e))} aria-describedby="ag-answer-hint" />
      <p id="ag-answer-hint" class="muted ag-small">
        {s.answerHint}
      </p>
      <label for="ag-answer-files">{s.files}</label>
      <input
        id="ag-answer-files"
        type="file"
        multiple
        accept={ACCEPT}
        aria-describedby="ag-files-hint ag-files-problems"
        aria-invalid={problems.length > 0}
        onChange={(e) => setFiles([...((e.target as HTMLInputElement).files ?? [])])}
      />
      <p id="ag-files-hint" class="muted ag-small">
        {s.filesHint}
      </p>
      <div id="ag-files-problems">
        {problems.length > 0 && (
          <ul class="error">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </div>
      {files.length > 0 && (
        <p class="ag-small">
          {files.map((f) => `${f.name} (${t.fileSize(f.size)})`).join(', ')}{' '}
          <button
            type="button"
            class="link"
            onClick={(e) => {
              setFiles([]);
              const input = (e.currentTarget as HTMLElement).closest('form')?.querySelector<HTMLInputElement>('input[type=file]');
              if (input) input.value = '';
            }}
          >
            {s.removeFiles}
          </button>
        </p>
      )}
      <Buttons label={s.sendAnswer} busy={busy || reading} cancel={cancel} />
    </form>
  );
}

const rejectCodes = Object.keys(rejectReasons) as RejectCode[];

export function RejectForm({ busy, submit, cancel }: FormProps) {
  const [reason, setReason] = useState<RejectCode>(rejectCodes[0]!);
  const [note, setNote] = useState('');
  return (
    <form
      class="ag-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit({ action: 'reject', reason, ...(note.trim() ? { note: note.trim() } : {}) }, s.confirmReject);
      }}
    >
      <label for="ag-reject-reason">{s.reason}</label>
      <select id="ag-reject-reason" value={reason} onChange={(e) => setReason(value(e) as RejectCode)} aria-describedby="ag-reject-told">
        {rejectCodes.map((c) => (
          <option key={c} value={c}>
            {t.rejectShort[c]}
          </option>
        ))}
      </select>
      <p id="ag-reject-told" class="ag-told">
        {s.told} «{rejectReasons[reason]}»
      </p>
      <label for="ag-reject-note">{s.note}</label>
      <textarea id="ag-reject-note" rows={3} maxLength={4000} value={note} onInput={(e) => setNote(value(e))} />
      <Buttons label={s.rejectSubmit} busy={busy} cancel={cancel} />
    </form>
  );
}

/** Where an appeal may go: this region's organisations, the federal ones, then the other regions'. */
function groups(appeal: Appeal, catalog: Catalog): [string, Organisation[]][] {
  const others = catalog.organisations.filter((o) => o.active && o.id !== appeal.organisationId);
  const regionName = (o: Organisation) => (o.region ? (catalog.regionNames.get(o.region) ?? o.region) : '');
  const byName = (a: Organisation, b: Organisation) => regionName(a).localeCompare(regionName(b), 'ru') || a.name.localeCompare(b.name, 'ru');
  return [
    [s.thisRegion, others.filter((o) => o.region === appeal.region).sort(byName)],
    [s.federal, others.filter((o) => o.region === null).sort(byName)],
    [s.otherRegions, others.filter((o) => o.region !== null && o.region !== appeal.region).sort(byName)],
  ];
}

export function RedirectForm({ appeal, busy, submit, cancel, catalog }: FormProps & { catalog: Catalog }) {
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  return (
    <form
      class="ag-form"
      onSubmit={(e) => {
        e.preventDefault();
        const name = catalog.byCode.get(to)?.name ?? to;
        submit({ action: 'redirect', organisation: to, ...(note.trim() ? { note: note.trim() } : {}) }, s.confirmRedirect(name));
      }}
    >
      <label for="ag-redirect-to">{s.organisation}</label>
      <select id="ag-redirect-to" required value={to} onChange={(e) => setTo(value(e))}>
        <option value="">{s.chooseOrganisation}</option>
        {groups(appeal, catalog).map(([label, list]) =>
          list.length ? (
            <optgroup key={label} label={label}>
              {list.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name}
                </option>
              ))}
            </optgroup>
          ) : null,
        )}
      </select>
      <label for="ag-redirect-note">{s.redirectNote}</label>
      <textarea id="ag-redirect-note" rows={3} maxLength={4000} value={note} onInput={(e) => setNote(value(e))} />
      <Buttons label={s.redirectSubmit} busy={busy} cancel={cancel} />
    </form>
  );
}

export function ExtendForm({ appeal, busy, submit, cancel, maxDays }: FormProps & { maxDays: number }) {
  const [days, setDays] = useState(String(Math.min(30, maxDays)));
  const [reason, setReason] = useState('');
  const n = Number(days);
  const valid = Number.isInteger(n) && n >= 1 && n <= maxDays;
  const until = valid ? showDate(addDays(appeal.answerBy, n)) : null;
  return (
    <form
      class="ag-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) submit({ action: 'extend', days: n, reason: reason.trim() }, s.confirmExtend(until!));
      }}
    >
      <label for="ag-extend-days">{s.extendDays(maxDays)}</label>
      <input id="ag-extend-days" type="number" inputMode="numeric" min={1} max={maxDays} step={1} required value={days} onInput={(e) => setDays(value(e))} aria-describedby="ag-extend-to" />
      <p id="ag-extend-to" class="ag-small" aria-live="polite">
        {until && s.extendTo(until)}
      </p>
      <label for="ag-extend-reason">{s.extendReason}</label>
      <textarea id="ag-extend-reason" rows={3} required minLength={3} maxLength={1000} value={reason} onInput={(e) => setReason(value(e))} />
      <Buttons label={s.extendSubmit} busy={busy} cancel={cancel} />
    </form>
  );
}

export function CommentForm({ busy, submit, cancel }: FormProps) {
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<'internal' | 'citizen'>('internal');
  return (
    <form
      class="ag-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit({ action: 'comment', text, visibility }, null);
      }}
    >
      <label for="ag-comment-text">{s.commentText}</label>
      <textarea id="ag-comment-text" rows={4} required maxLength={20000} value={text} onInput={(e) => setText(value(e))} />
      <fieldset class="ag-choice">
        <legend>{s.visibility}</legend>
        <label>
          <input type="radio" name="visibility" value="internal" checked={visibility === 'internal'} onChange={() => setVisibility('internal')} /> {s.internal}
        </label>
        <label>
          <input type="radio" name="visibility" value="citizen" checked={visibility === 'citizen'} onChange={() => setVisibility('citizen')} /> {s.toCitizen}
        </label>
      </fieldset>
      <Buttons label={s.commentSubmit} busy={busy} cancel={cancel} />
    </form>
  );
}
