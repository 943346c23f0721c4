// What differs between the two kinds of entry: the form, its draft and content, the title shown.
import type { FunctionComponent } from 'preact';
import type { Content, Kind } from './entries-api.ts';
import { MEASURE_FORM, MeasureForm, measureContent, measureDraft, measureTitle } from './measure-form.tsx';
import type { EntryErrors } from './problems.ts';
import { QUESTION_FORM, QuestionForm, questionContent, questionDraft, questionTitle } from './question-form.tsx';
import { nt } from './strings.ts';

export interface FormProps<D> {
  draft: D;
  set: (d: Partial<D>) => void;
  errors: EntryErrors;
  readOnly: boolean;
  isNew: boolean;
}

export interface KindForm<D> {
  form: string;
  /** the place of the key in the form (var, id) */
  keyField: string;
  draftOf: (c: Content) => D;
  contentOf: (d: D) => { content: Content } | { field: string; message: string };
  titleOf: (c: Content) => string;
  Form: FunctionComponent<FormProps<D>>;
  heading: (title: string) => string;
  newHeading: string;
  tab: 'measures' | 'questions';
}

// (each kind is checked against its own draft's type, then held without it: the editor only passes
// a draft from one of its functions to another)
const erased = <D>(k: KindForm<D>) => k as unknown as KindForm<never>;

export const kinds: Record<Kind, KindForm<never>> = {
  measure: erased({
    form: MEASURE_FORM,
    keyField: 'id',
    draftOf: measureDraft,
    contentOf: measureContent,
    titleOf: measureTitle,
    Form: MeasureForm,
    heading: nt.measureHeading,
    newHeading: nt.newMeasure,
    tab: 'measures',
  }),
  question: erased({
    form: QUESTION_FORM,
    keyField: 'var',
    draftOf: questionDraft,
    contentOf: questionContent,
    titleOf: questionTitle,
    Form: QuestionForm,
    heading: nt.questionHeading,
    newHeading: nt.newQuestion,
    tab: 'questions',
  }),
};
