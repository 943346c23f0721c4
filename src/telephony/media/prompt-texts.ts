// Every word the hotline says to a caller, in Russian, in one place (another language would be a
// second file of the same shape). Numbers are written out as words: the speech synthesizer reads
// them as written, and a number in a phrase takes the right form only from us.
import { plural } from '../../platform/text/russian.ts';

export const promptTexts = {
  greeting: 'Здравствуйте! Вы позвонили на единую горячую линию сто двадцать два.',
  unavailable: 'К сожалению, сейчас линия не может принять ваш звонок. Пожалуйста, позвоните позже.',
  menuIntro: 'Выберите тему вашего вопроса.',
  menuOther: 'По другим вопросам оставайтесь на линии, вам ответит оператор.',
  menuInvalid: 'Такого пункта в меню нет.',
  queued: 'Все операторы сейчас заняты. Пожалуйста, оставайтесь на линии, вам обязательно ответят.',
  waitIntro: 'Примерное время ожидания:',
  waitUnderMinute: 'меньше минуты.',
  waitOverMax: 'больше тридцати минут.',
  callbackOffer: 'Ожидание может затянуться. Чтобы оператор перезвонил вам, как только освободится, нажмите один. Чтобы остаться на линии, ничего не нажимайте.',
  callbackAccepted: 'Спасибо. Оператор перезвонит вам на этот номер. До свидания.',
  connecting: 'Соединяю с оператором.',
} as const;

export type PromptTextId = keyof typeof promptTexts;

/** The longest wait announced in minutes; above it the caller hears `waitOverMax`. */
export const MAX_ANNOUNCED_MINUTES = 30;

/** Digits as said on a keypad ("нажмите ноль"). */
const KEY_NAMES = ['ноль', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];

/** "нажмите пять" for a key 0–9. */
export function pressKeyText(digit: number): string {
  const name = KEY_NAMES[digit];
  if (!Number.isInteger(digit) || name === undefined) throw new RangeError(`no key ${digit}`);
  return `нажмите ${name}`;
}

const UNITS_FEMININE = ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const TEENS = ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'];
const TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];

/** 1–99 in words, in the feminine gender that «минута» asks for ("двадцать одна", "две"). */
export function feminineNumberWords(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`${n} is outside 1–99`);
  if (n < 10) return UNITS_FEMININE[n]!;
  if (n < 20) return TEENS[n - 10]!;
  const units = n % 10;
  return units === 0 ? TENS[n / 10]! : `${TENS[Math.floor(n / 10)]} ${UNITS_FEMININE[units]}`;
}

/** "одна минута", "две минуты", "пять минут", "двадцать одна минута". */
export function minutesText(n: number): string {
  return `${feminineNumberWords(n)} ${plural(n, ['минута', 'минуты', 'минут'])}.`;
}
