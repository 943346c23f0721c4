// A rough guess, from the ending alone, whether a Russian word is a verb or an adverb. Topics are
// named by nouns ("погода", "штраф", "электричка"); verbs and adverbs ("пошёл", "возьмут",
// "принудительно") mostly carry the question around the topic. Coverage uses this to tell a query
// about something the knowledge base lacks from a chatty query about something it has, for words
// no answer contains. It is a guess: "капитал" ends like a past-tense verb. Misjudging one word
// only shifts its weight; it never removes it.

const VERB_ENDINGS = [
  /(?:ся|сь)$/, // reflexive: заканчивается, записаться
  /(?:ть|ти|чь)$/, // infinitive: взять, пойти, помочь
  /(?:ешь|ишь|ете|ите)$/, // second person: платишь, знаете
  /[аеиыуяю](?:л|ла|ло|ли)$/, // past: пошёл is "пошел" (handled below), закрыли, ранило
  /(?:шел|шла|шли|шло)$/, // пошёл, пришла
  /(?:ют|ят|ут|ат)$/, // third person plural: возьмут, отключат, платят
];

const ADVERB_ENDINGS = /(?:[лнтчвджшзсь]но|ски|ому|ему)$/;

export function looksLikeVerbOrAdverb(norm: string): boolean {
  if (norm.length <= 3) return true; // particles and fragments: "чё", "ну", "ага"
  if (/(?:ости|ести)$/.test(norm)) return false; // nouns: новости, части
  return VERB_ENDINGS.some((re) => re.test(norm)) || ADVERB_ENDINGS.test(norm);
}
