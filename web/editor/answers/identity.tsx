// A new answer's identity, fixed once it is created: its address (slug), where it applies
// (federal, or a region for a supplement) and, for a supplement, the federal answer above it.
import { Control, typed } from '../control.tsx';
import { t } from '../strings.ts';
import { FORM } from './fields.tsx';
import { messagesAt, type FormErrors } from './problems.ts';

export interface Identity {
  slug: string;
  scope: string;
  parent: string;
}

export function NewAnswerFields({ value, set, errors, supplement }: { value: Identity; set: (v: Partial<Identity>) => void; errors: FormErrors; supplement: boolean }) {
  return (
    <div class="grid">
      <Control
        form={FORM}
        place="slug"
        label={t.editor.slug}
        hint={t.editor.slugHint}
        messages={messagesAt(errors, 'slug')}
        control={(a) => <input {...a} value={value.slug} onInput={typed((slug) => set({ slug }))} required class="mono" autoComplete="off" spellcheck={false} />}
      />
      {supplement ? (
        <Control
          form={FORM}
          place="scope"
          label={t.editor.supplementRegion}
          messages={messagesAt(errors, 'scope')}
          control={(a) => <input {...a} value={value.scope} onInput={typed((scope) => set({ scope }))} required inputMode="numeric" pattern="[0-9]{2}" maxLength={2} />}
        />
      ) : null}
      {supplement && (
        <Control form={FORM} place="parent" label={t.editor.parent} messages={messagesAt(errors, 'parent')} control={(a) => <input {...a} value={value.parent} readOnly class="mono" />} />
      )}
    </div>
  );
}
