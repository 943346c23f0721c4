// The knowledge base's sections: the topics a menu item names and a queue takes (its skills).
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../shared/api.ts';

export function useKbSections(): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    void get('/api/v1/kb/sections').then((r) => r.ok && setNames(r.body.items.map((x) => x.name)));
  }, []);
  return names;
}
