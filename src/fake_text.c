/*-------------------------------------------------------------------------
 *
 * fake_text.c
 *		Fake text: words, sentences (en and de grammars) and paragraphs of a
 *		length, sd_fake_text.
 *
 * PostgreSQL-free apart from palloc and StringInfo, like fake.c.
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fake_text.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "lib/stringinfo.h"
#include "miscadmin.h"

#include "fake_int.h"

/* ---------------------------------------------------------------------
 * Text
 * ---------------------------------------------------------------------
 */

/* append word, upper-casing its first letter (ASCII and ä/ö/ü) */
static void
append_capitalized(StringInfo out, const char *w)
{
	unsigned char c = (unsigned char) w[0];

	if (c >= 'a' && c <= 'z')
	{
		appendStringInfoChar(out, (char) (c - 'a' + 'A'));
		appendStringInfoString(out, w + 1);
	}
	else if (c == 0xC3 && ((unsigned char) w[1] == 0xA4 ||
						   (unsigned char) w[1] == 0xB6 ||
						   (unsigned char) w[1] == 0xBC))
	{
		appendStringInfoChar(out, (char) 0xC3);
		appendStringInfoChar(out, (char) ((unsigned char) w[1] - 0x20));
		appendStringInfoString(out, w + 2);
	}
	else
		appendStringInfoString(out, w);
}

/*
 * Append one sentence of nwords words, using at most *room characters
 * (room < 0: no limit) and decreasing *room by what was used.  Returns
 * false if not even one word and the period fitted.
 */
static bool
append_sentence(const SdFakeDict *dict, SdRng *rng, int nwords, int *room,
				StringInfo out)
{
	int			used = 0;
	int			i;
	int			start_len = out->len;

	for (i = 0; i < nwords; i++)
	{
		const char *w = pick(rng, &dict->words);
		int			wlen = utf8_chars(w, strlen(w));
		int			need = wlen + (i > 0 ? 1 : 0);

		/* leave room for the final period */
		if (*room >= 0 && used + need + 1 > *room)
		{
			int			tries;

			/* look for a shorter word that still fits, a few times */
			for (tries = 0; tries < 4; tries++)
			{
				w = pick(rng, &dict->words);
				wlen = utf8_chars(w, strlen(w));
				need = wlen + (i > 0 ? 1 : 0);
				if (used + need + 1 <= *room)
					break;
			}
			if (used + need + 1 > *room)
				break;
		}
		if (i > 0)
		{
			/* an occasional comma makes the rhythm less flat */
			if (i > 2 && i < nwords - 2 && below32(rng, 8) == 0 &&
				(*room < 0 || used + need + 2 <= *room))
			{
				appendStringInfoChar(out, ',');
				used++;
			}
			appendStringInfoChar(out, ' ');
			appendStringInfoString(out, w);
		}
		else
			append_capitalized(out, w);
		used += need;
	}
	if (out->len == start_len)
		return false;
	appendStringInfoChar(out, '.');
	used++;
	if (*room >= 0)
		*room -= used;
	return true;
}

/*
 * Grammatical sentences.  A clause is a subject noun phrase and a verb
 * phrase from a handful of templates (transitive verb with an object, a
 * prepositional phrase, a modal, an adverb); a sentence is a clause,
 * sometimes after an opener or joined to a second clause.  English verbs
 * take the third person -s; German noun phrases decline article and
 * adjective by case (nominative subject, accusative object) and gender,
 * and a leading adverb puts the verb second.
 */

/* English third person singular: -s, -es, -ies */
static void
append_third_person(StringInfo out, const char *verb)
{
	size_t		n = strlen(verb);
	char		last = verb[n - 1];
	char		prev = n > 1 ? verb[n - 2] : '\0';

	if (last == 'y' && strchr("aeiou", prev) == NULL)
	{
		appendBinaryStringInfo(out, verb, (int) n - 1);
		appendStringInfoString(out, "ies");
		return;
	}
	appendStringInfoString(out, verb);
	if (last == 's' || last == 'x' || last == 'z' || last == 'o' ||
		(last == 'h' && (prev == 's' || prev == 'c')))
		appendStringInfoString(out, "es");
	else
		appendStringInfoChar(out, 's');
}

static void
en_noun_phrase(const SdFakeDict *d, SdRng *rng, bool simple, StringInfo out)
{
	static const char *const dets[] = {
		"the", "the", "the", "a", "a", "this", "that", "every", "each", "our",
		"their", "its", "another", "one", "no"
	};
	const char *det = dets[below32(rng, lengthof(dets))];
	const char *adj = (!simple && below32(rng, 2)) ?
	pick(rng, &d->adjectives) : NULL;
	const char *noun = pick(rng, &d->nouns);

	/* no word in the lists starts with a "u" or a silent "h" */
	if (strcmp(det, "a") == 0 && strchr("aeio", (adj ? adj : noun)[0]))
		det = "an";
	appendStringInfoString(out, det);
	appendStringInfoChar(out, ' ');
	if (adj)
	{
		appendStringInfoString(out, adj);
		appendStringInfoChar(out, ' ');
	}
	appendStringInfoString(out, noun);
}

static void
en_clause(const SdFakeDict *d, SdRng *rng, bool simple, StringInfo out)
{
	en_noun_phrase(d, rng, simple, out);
	appendStringInfoChar(out, ' ');
	switch (simple ? 0 : below32(rng, 5))
	{
		case 0:
			append_third_person(out, pick(rng, &d->verbs));
			appendStringInfoChar(out, ' ');
			en_noun_phrase(d, rng, simple, out);
			break;
		case 1:
			append_third_person(out, pick(rng, &d->verbs));
			appendStringInfoChar(out, ' ');
			en_noun_phrase(d, rng, simple, out);
			append_pick(out, rng, " ", &d->preps);
			appendStringInfoChar(out, ' ');
			en_noun_phrase(d, rng, simple, out);
			break;
		case 2:
			append_pick(out, rng, NULL, &d->modals);
			append_pick(out, rng, " ", &d->verbs);
			appendStringInfoChar(out, ' ');
			en_noun_phrase(d, rng, simple, out);
			break;
		case 3:
			append_pick(out, rng, NULL, &d->adverbs);
			appendStringInfoChar(out, ' ');
			append_third_person(out, pick(rng, &d->verbs));
			appendStringInfoChar(out, ' ');
			en_noun_phrase(d, rng, simple, out);
			break;
		default:
			append_third_person(out, pick(rng, &d->verbs));
			appendStringInfoChar(out, ' ');
			en_noun_phrase(d, rng, simple, out);
			append_pick(out, rng, " ", &d->time_adverbs);
			break;
	}
}

/*
 * German noun phrase: article (definite, "jed-" or an "ein"-word) and an
 * optional adjective, declined for case and gender (weak endings after
 * der/jeder, mixed endings after ein/kein/unser).
 */
static void
de_noun_phrase(const SdFakeDict *d, SdRng *rng, bool accusative,
			   bool simple, StringInfo out)
{
	static const char *const ein_words[] = {"ein", "kein", "unser", "ihr", "sein"};
	uint32		i = below32(rng, (uint32) d->nouns.n);
	char		g = d->noun_genders[i];
	int			gi = g == 'm' ? 0 : g == 'f' ? 1 : 2;
	uint32		kind = below32(rng, 10);
	bool		adj = !simple && below32(rng, 2) == 0;

	/* [case][gender] */
	static const char *const def_art[2][3] = {{"der", "die", "das"}, {"den", "die", "das"}};
	static const char *const jed_art[2][3] = {{"jeder", "jede", "jedes"}, {"jeden", "jede", "jedes"}};
	static const char *const ein_end[2][3] = {{"", "e", ""}, {"en", "e", ""}};
	static const char *const weak_adj[2][3] = {{"e", "e", "e"}, {"en", "e", "e"}};
	static const char *const mixed_adj[2][3] = {{"er", "e", "es"}, {"en", "e", "es"}};
	int			c = accusative ? 1 : 0;
	const char *adj_end;

	if (kind < 6)
	{
		appendStringInfoString(out, def_art[c][gi]);
		adj_end = weak_adj[c][gi];
	}
	else if (kind < 7)
	{
		appendStringInfoString(out, jed_art[c][gi]);
		adj_end = weak_adj[c][gi];
	}
	else
	{
		appendStringInfoString(out, ein_words[below32(rng, lengthof(ein_words))]);
		appendStringInfoString(out, ein_end[c][gi]);
		adj_end = mixed_adj[c][gi];
	}
	appendStringInfoChar(out, ' ');
	if (adj)
	{
		appendStringInfoString(out, pick(rng, &d->adjectives));
		appendStringInfoString(out, adj_end);
		appendStringInfoChar(out, ' ');
	}
	appendStringInfoString(out, d->nouns.items[i]);
}

static void
de_clause(const SdFakeDict *d, SdRng *rng, bool first, bool simple,
		  StringInfo out)
{
	switch (simple ? 0 : below32(rng, 5))
	{
		case 0:
			de_noun_phrase(d, rng, false, simple, out);
			append_pick(out, rng, " ", &d->verbs);
			appendStringInfoChar(out, ' ');
			de_noun_phrase(d, rng, true, simple, out);
			break;
		case 1:
			de_noun_phrase(d, rng, false, simple, out);
			append_pick(out, rng, " ", &d->verbs);
			append_pick(out, rng, " ", &d->adverbs);
			appendStringInfoChar(out, ' ');
			de_noun_phrase(d, rng, true, simple, out);
			break;
		case 2:
			{
				/* adverbial first, then the verb (V2) */
				int			start = out->len;

				append_pick(out, rng, NULL, &d->time_adverbs);
				if (!first && out->data[start] >= 'A' && out->data[start] <= 'Z')
					out->data[start] += 'a' - 'A';
				append_pick(out, rng, " ", &d->verbs);
				appendStringInfoChar(out, ' ');
				de_noun_phrase(d, rng, false, simple, out);
				appendStringInfoChar(out, ' ');
				de_noun_phrase(d, rng, true, simple, out);
				break;
			}
		case 3:
			de_noun_phrase(d, rng, false, simple, out);
			append_pick(out, rng, " ", &d->verbs);
			appendStringInfoChar(out, ' ');
			de_noun_phrase(d, rng, true, simple, out);
			append_pick(out, rng, " ", &d->preps);
			appendStringInfoChar(out, ' ');
			de_noun_phrase(d, rng, true, simple, out);
			break;
		default:
			de_noun_phrase(d, rng, false, simple, out);
			append_pick(out, rng, " ", &d->verbs);
			append_pick(out, rng, " ", &d->adverbs);
			appendStringInfoChar(out, ' ');
			de_noun_phrase(d, rng, true, simple, out);
			append_pick(out, rng, " ", &d->preps);
			appendStringInfoChar(out, ' ');
			de_noun_phrase(d, rng, true, simple, out);
			break;
	}
}

/* upper-case the character at byte offset pos (ASCII, ä ö ü) */
static void
capitalize_at(StringInfo out, int pos)
{
	unsigned char c = (unsigned char) out->data[pos];

	if (c >= 'a' && c <= 'z')
		out->data[pos] = (char) (c - 'a' + 'A');
	else if (c == 0xC3 && pos + 1 < out->len &&
			 ((unsigned char) out->data[pos + 1] == 0xA4 ||
			  (unsigned char) out->data[pos + 1] == 0xB6 ||
			  (unsigned char) out->data[pos + 1] == 0xBC))
		out->data[pos + 1] = (char) ((unsigned char) out->data[pos + 1] - 0x20);
}

/*
 * One grammatical sentence, with its period, appended to out.  "simple":
 * the shortest form (subject, verb, object; no adjectives), for tight
 * length limits.
 */
static void
grammar_sentence(int locale, SdRng *rng, bool simple, StringInfo out)
{
	const SdFakeDict *d = &sd_fake_dicts[locale];
	int			start = out->len;

	if (locale == SD_FAKE_LOCALE_DE)
	{
		de_clause(d, rng, true, simple, out);
		if (!simple && below32(rng, 6) == 0)
		{
			append_pick(out, rng, NULL, &d->conjunctions);
			de_clause(d, rng, false, false, out);
		}
	}
	else
	{
		if (!simple && below32(rng, 8) == 0)
		{
			append_pick(out, rng, NULL, &d->openers);
			appendStringInfoString(out, ", ");
		}
		en_clause(d, rng, simple, out);
		if (!simple && below32(rng, 6) == 0)
		{
			append_pick(out, rng, NULL, &d->conjunctions);
			en_clause(d, rng, false, out);
		}
	}
	appendStringInfoChar(out, '.');
	capitalize_at(out, start);
}

/*
 * A sentence within *room characters (room < 0: no limit), decreasing
 * *room by what it used.  A few grammatical tries, then (if allow_words)
 * a string of words that fits.  Returns false if nothing fitted.
 */
static bool
any_sentence(int locale, SdRng *rng, bool allow_words, int *room,
			 StringInfo out)
{
	int			tries;
	int			start = out->len;

	/* two full tries, two of the shortest form, then single words */
	for (tries = 0; tries < 4; tries++)
	{
		int			used;

		grammar_sentence(locale, rng, tries >= 2, out);
		if (*room < 0)
			return true;
		used = utf8_chars(out->data + start, out->len - start);
		if (used <= *room)
		{
			*room -= used;
			return true;
		}
		out->len = start;
		out->data[start] = '\0';
	}
	if (!allow_words)
		return false;
	return append_sentence(&sd_fake_dicts[locale], rng, between(rng, 2, 8),
						   room, out);
}

void
sd_fake_sentence(int locale, SdRng *rng, int room, StringInfo out)
{
	const SdFakeDict *dict = &sd_fake_dicts[locale];

	if (!any_sentence(locale, rng, true, &room, out) && room > 0)
	{
		/* not even a word fitted: a short word cut to the room */
		StringInfoData w;

		initStringInfo(&w);
		append_capitalized(&w, pick(rng, &dict->words));
		sd_fake_truncate(&w, room);
		appendStringInfoString(out, w.data);
		pfree(w.data);
	}
}

void
sd_fake_paragraph(int locale, SdRng *rng, int room, StringInfo out)
{
	int			n = between(rng, 3, 6);
	int			i;
	int			start_len = out->len;

	for (i = 0; i < n; i++)
	{
		if (i > 0)
		{
			if (room >= 0 && room < 3)
				break;
			appendStringInfoChar(out, ' ');
			if (room > 0)
				room--;
		}
		/* words only in the first sentence: later ones are whole */
		if (!any_sentence(locale, rng, i == 0, &room, out))
		{
			/* drop the space added above */
			if (i > 0)
				out->data[--out->len] = '\0';
			break;
		}
	}
	if (out->len == start_len)
		sd_fake_sentence(locale, rng, room, out);
}

void
sd_fake_text(int locale, int minchars, int maxchars, SdRng *rng,
			 StringInfo out)
{
	int			target;
	int			room = maxchars;
	int			len;
	int			start_len = out->len;
	bool		first = true;

	Assert(minchars >= 0 && minchars <= maxchars && maxchars >= 1);

	/*
	 * Whole sentences until the text reaches a length drawn from
	 * [minchars, maxchars]; each sentence must fit in what is left of
	 * maxchars.
	 */
	target = between(rng, minchars, maxchars);
	while (maxchars - room < target)
	{
		CHECK_FOR_INTERRUPTS();
		if (!first)
		{
			if (room < 3)
				break;
			appendStringInfoChar(out, ' ');
			room--;
		}
		/* words only while the text is still short of the minimum */
		if (!any_sentence(locale, rng,
						  first || maxchars - room < minchars, &room, out))
		{
			if (!first)
			{
				out->data[--out->len] = '\0';
				room++;
			}
			break;
		}
		first = false;
	}
	/* pad with letters if whole words could not reach the minimum */
	len = utf8_chars(out->data + start_len, out->len - start_len);
	while (len < minchars)
	{
		appendStringInfoChar(out, 'a' + (char) below32(rng, 26));
		len++;
	}
}
