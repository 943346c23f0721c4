// The appeal types: code, name, whether they are taken, how many fields; a federal admin opens one
// to edit or starts a new one, a region's admin only reads the list.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../strings.ts';
import type { AppealType, Rights } from './catalog.ts';
import { href } from '../route.ts';

export function TypesList({ types, rights, notice }: { types: AppealType[]; rights: Rights; notice: string | null }) {
  // back from a saved type: the keyboard lands on what was done, not on the page's start
  const said = useRef<HTMLParagraphElement>(null);
  useEffect(() => said.current?.focus(), [notice]);
  return (
    <section class="card" aria-labelledby="types-title">
      <div class="head">
        <h2 id="types-title">{t.types.title}</h2>
        {rights.types && (
          <a class="button" href={href({ section: 'appeals', tab: 'types', item: 'new' })}>
            + {t.types.add}
          </a>
        )}
      </div>
      {notice && (
        <p class="notice" role="status" tabIndex={-1} ref={said}>
          {notice}
        </p>
      )}
      {!rights.types && <p class="muted">{t.types.readOnly}</p>}
      {types.length === 0 ? (
        <p>{t.types.none}</p>
      ) : (
        <table class="stack types">
          <thead>
            <tr>
              <th scope="col">{t.types.code}</th>
              <th scope="col">{t.types.name}</th>
              <th scope="col">{t.types.active}</th>
              <th scope="col" class="num">
                {t.types.fields}
              </th>
            </tr>
          </thead>
          <tbody>
            {types.map((x) => (
              <tr key={x.code} data-type={x.code} class={x.active ? '' : 'inactive'}>
                <td data-label={t.types.code}>
                  <code>{x.code}</code>
                </td>
                <td data-label={t.types.name}>{rights.types ? <a href={href({ section: 'appeals', tab: 'types', item: x.code })}>{x.name}</a> : x.name}</td>
                <td data-label={t.types.active}>{x.active ? t.yes : t.no}</td>
                <td data-label={t.types.fields} class="num">
                  {x.fields.length}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
