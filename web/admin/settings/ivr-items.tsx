// The items of a region's menu as a list: each a digit and a section, the queue the section's calls
// go to, and a warning when the edge has no recorded name for the section (the item is then not
// said, though its digit works); moved, added and removed.
import { Control, typed } from '../form.tsx';
import type { FormErrors } from '../problems.ts';
import { queueOfTopic, recordedSections, type Queue } from './model.ts';
import { s } from './strings.ts';

const v = s.ivr;
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export interface ItemDraft {
  key: number;
  digit: string;
  section: string;
}

let next = 1;
export const newItem = (digit: string, section: string): ItemDraft => ({ key: next++, digit, section });

/** The first digit no item has (or 9, for the API to refuse a tenth item). */
const freeDigit = (items: ItemDraft[]) => DIGITS.find((d) => !items.some((i) => i.digit === d)) ?? '9';

export function IvrItems(p: { form: string; errors: FormErrors; items: ItemDraft[]; sections: string[]; queues: Queue[]; onChange: (items: ItemDraft[]) => void }) {
  const common = { form: p.form, errors: p.errors };
  const set = (i: number, x: Partial<ItemDraft>) => p.onChange(p.items.map((it, j) => (j === i ? { ...it, ...x } : it)));
  const move = (i: number, by: number) => {
    const list = [...p.items];
    [list[i], list[i + by]] = [list[i + by]!, list[i]!];
    p.onChange(list);
  };
  return (
    <fieldset class="ivr-items">
      <legend>{v.items}</legend>
      <p class="hint">{v.itemsHint}</p>
      <ol class="items">
        {p.items.map((x, i) => {
          const queue = x.section ? queueOfTopic(p.queues, x.section) : undefined;
          const options = [...new Set([...p.sections, ...(x.section ? [x.section] : [])])];
          return (
            <li key={x.key} class="field-card item" data-item={i + 1}>
              <h3>{v.item(i + 1)}</h3>
              <div class="item-grid">
                <Control
                  {...common}
                  place={`items.${i}.digit`}
                  label={v.digit}
                  control={(c) => (
                    <select {...c} value={x.digit} onChange={typed((d) => set(i, { digit: d }))}>
                      {DIGITS.map((d) => (
                        <option key={d} value={d}>
                          {d}
                        </option>
                      ))}
                    </select>
                  )}
                />
                <Control
                  {...common}
                  place={`items.${i}.section`}
                  label={v.section}
                  hint={queue ? v.queue(queue.title) : undefined}
                  control={(c) => (
                    <select {...c} value={x.section} onChange={typed((sec) => set(i, { section: sec }))}>
                      {!x.section && <option value="">{s.choose}</option>}
                      {options.map((sec) => (
                        <option key={sec} value={sec}>
                          {sec}
                        </option>
                      ))}
                    </select>
                  )}
                />
              </div>
              {x.section && !recordedSections.has(x.section) && <p class="warning">{v.noPrompt(x.section)}</p>}
              <div class="field-actions">
                <button type="button" class="secondary" disabled={i === 0} aria-label={v.upLabel(i + 1)} onClick={() => move(i, -1)}>
                  {v.up}
                </button>
                <button type="button" class="secondary" disabled={i === p.items.length - 1} aria-label={v.downLabel(i + 1)} onClick={() => move(i, 1)}>
                  {v.down}
                </button>
                <button type="button" class="secondary danger" aria-label={v.removeLabel(i + 1)} onClick={() => p.onChange(p.items.filter((_, j) => j !== i))}>
                  {v.remove}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" class="secondary add" onClick={() => p.onChange([...p.items, newItem(freeDigit(p.items), '')])}>
        {v.addItem}
      </button>
    </fieldset>
  );
}
