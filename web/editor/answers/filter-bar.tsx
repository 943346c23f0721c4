// The list's filters: title words, section (the published sections and those of the loaded
// answers), state, last change and validity; a reset when any is set.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../shared/api.ts';
import { t } from '../strings.ts';
import { noFilters, type Filters, type Listed } from './filters.ts';

const statuses = ['draft', 'in_review', 'published', 'archived'] as const;

function Choice(p: { id: string; label: string; value: string; options: [string, string][]; onChange: (v: string) => void }) {
  return (
    <div class="filter">
      <label for={p.id}>{p.label}</label>
      <select id={p.id} value={p.value} onChange={(e) => p.onChange((e.target as HTMLSelectElement).value)}>
        {p.options.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterBar({ filters, onChange, items }: { filters: Filters; onChange: (f: Filters) => void; items: Listed[] }) {
  const [published, setPublished] = useState<string[]>([]);
  useEffect(() => {
    void get('/api/v1/kb/sections').then((r) => r.ok && setPublished(r.body.items.map((s) => s.name)));
  }, []);
  const sectionNames = [...new Set([...published, ...items.map((a) => a.working.section), ...(filters.section ? [filters.section] : [])])].sort((a, b) => a.localeCompare(b, 'ru'));
  const set = (part: Partial<Filters>) => onChange({ ...filters, ...part });
  const any = JSON.stringify(filters) !== JSON.stringify(noFilters);
  return (
    <form class="filters" role="search" aria-label={t.list.filters} onSubmit={(e) => e.preventDefault()}>
      <div class="filter">
        <label for="f-text">
          {t.list.search} <kbd aria-hidden="true">/</kbd>
        </label>
        <input id="f-text" type="search" value={filters.text} onInput={(e) => set({ text: (e.target as HTMLInputElement).value })} />
      </div>
      <Choice
        id="f-section"
        label={t.list.section}
        value={filters.section}
        onChange={(section) => set({ section })}
        options={[['', t.list.allSections], ...sectionNames.map((s): [string, string] => [s, s])]}
      />
      <Choice
        id="f-status"
        label={t.list.status}
        value={filters.status}
        onChange={(v) => set({ status: v as Filters['status'] })}
        options={[['', t.list.allStatuses], ...statuses.map((s): [string, string] => [s, t.status[s]!])]}
      />
      <Choice
        id="f-updated"
        label={t.list.updated}
        value={filters.updated}
        onChange={(v) => set({ updated: v as Filters['updated'] })}
        options={[
          ['', t.list.updatedAny],
          ['day', t.list.updatedDay],
          ['week', t.list.updatedWeek],
          ['month', t.list.updatedMonth],
        ]}
      />
      <Choice
        id="f-validity"
        label={t.list.validity}
        value={filters.validity}
        onChange={(v) => set({ validity: v as Filters['validity'] })}
        options={[
          ['', t.list.validityAny],
          ['soon', t.list.validitySoon],
          ['over', t.list.validityOver],
        ]}
      />
      {any && (
        <button type="button" class="secondary" onClick={() => onChange(noFilters)}>
          {t.list.reset}
        </button>
      )}
    </form>
  );
}
