// Text typed with the wrong keyboard layout: "rhtlbnyst rfybreks" is "кредитные каникулы" typed on
// the English layout. Keys map one to one, including the punctuation keys that are Russian letters
// (, = б, . = ю, ; = ж, ' = э, [ = х, ] = ъ, ` = ё).

const LATIN = 'qwertyuiop[]asdfghjkl;\'zxcvbnm,.`QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>~';
const CYRILLIC = 'йцукенгшщзхъфывапролджэячсмитьбюёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ';

const toCyrillic = new Map<string, string>();
const toLatin = new Map<string, string>();
for (let i = 0; i < LATIN.length; i++) {
  toCyrillic.set(LATIN[i]!, CYRILLIC[i]!);
  toLatin.set(CYRILLIC[i]!, LATIN[i]!);
}

/** True when `chunk` has Latin letters and no Cyrillic: it may be Russian typed on the English layout. */
export function mayBeWrongLayout(chunk: string): boolean {
  return /[a-z]/i.test(chunk) && !/\p{Script=Cyrillic}/u.test(chunk);
}

/** The chunk as if typed on the Russian layout; keys with no Russian letter stay as they are. */
export function latinToCyrillic(chunk: string): string {
  let out = '';
  for (const ch of chunk) out += toCyrillic.get(ch) ?? ch;
  return out;
}

/** The reverse ("сщмшв" -> "covid"), for Latin terms typed on the Russian layout. */
export function cyrillicToLatin(chunk: string): string {
  let out = '';
  for (const ch of chunk) out += toLatin.get(ch) ?? ch;
  return out;
}
