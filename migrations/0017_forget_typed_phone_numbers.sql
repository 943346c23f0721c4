-- knowledge: searches are now stored with phone numbers masked (platform/phone-numbers.ts). Rows
-- kept before may hold a number a citizen or operator typed. Their keys were made by the stemmer
-- from the raw text and cannot be recomputed here, so those rows are forgotten: a few searches' counts
-- and "this helped" marks, against personal data kept for weeks. The pattern is wider than the mask
-- (any run that looks like a phone number, INN or SNILS): when in doubt, forget.
DELETE FROM kb_query_stats
 WHERE sample_query ~ '\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}|\d{10,}|\d{3}-\d{2}-\d{2}|\+\s*\d[\d\s()-]{9,}'
    OR normalized_query ~ '\d{7,}';
DELETE FROM kb_feedback
 WHERE query ~ '\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}|\d{10,}|\d{3}-\d{2}-\d{2}|\+\s*\d[\d\s()-]{9,}'
    OR normalized_query ~ '\d{7,}';
