/* Finding a child as people type it (issue 14): the folding of names, what a
 * typed search means, which pupils fit it, and the rule "one child, one
 * record" (src/core/search.c). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/search.h"

static const char *folded(const char *in)
{
	static char out[128];
	name_fold(in, out, sizeof out);
	return out;
}

static void names_fold_case_accents_and_punctuation(void **state)
{
	(void)state;
	assert_string_equal(folded("Yılmaz"), "yilmaz"); /* dotless ı */
	assert_string_equal(folded("YILMAZ"), "yilmaz");
	assert_string_equal(folded("İnce"), "ince");	  /* dotted İ */
	assert_string_equal(folded("Loïs"), "lois");
	assert_string_equal(folded("Lois"), "lois");
	assert_string_equal(folded("Zoë Çelik-Şahin"), "zoe celik sahin");
	assert_string_equal(folded("José Müller"), "jose muller");
	assert_string_equal(folded("Ĳsbrand IJzerman"), "ijsbrand ijzerman");
	assert_string_equal(folded("Strauß"), "strauss");
	assert_string_equal(folded("Ærøskøbing Œuvre"), "aeroskobing oeuvre");
	assert_string_equal(folded("Łukasz Đorđević"), "lukasz dordevic");
	assert_string_equal(folded("Ștefan Țurcanu"), "stefan turcanu");
	assert_string_equal(folded("  van  der   Berg "), "van der berg");
	assert_string_equal(folded("d'Hondt"), "d hondt");
	assert_string_equal(folded("d\xe2\x80\x99Hondt"), "d hondt"); /* typographic apostrophe */
	assert_string_equal(folded("Lo\x69\xcc\x88s"), "lois");		  /* i + combining diaeresis (NFD) */
	assert_string_equal(folded("Ann-Sophie"), "ann sophie");
	assert_string_equal(folded("Иван"), "Иван");			  /* not Latin: kept as written */
	assert_string_equal(folded("a\xff" "b"), "a\xff" "b");		  /* a byte that is no UTF-8: kept */
	assert_string_equal(folded(""), "");
	assert_string_equal(folded(NULL), "");
	/* Cut at a character boundary: "ss" does not fit in one byte. */
	char small[4];
	assert_int_equal(name_fold("abß", small, sizeof small), 2);
	assert_string_equal(small, "ab");
	assert_int_equal(name_fold("abcdef", small, sizeof small), 3);
	assert_string_equal(small, "abc");
}

static const fixture REG = {
	.leerlingen = "A,111222333,,2014-02-16,Mila,van Wijk,\n"
		      "B,,101222331,2011-05-01,Emre,Yılmaz,\n"
		      "C,,,2010-01-31,Loïs,de Vries,\n"
		      "D,,,2010-01-31,Lois,De Vries,\n"
		      "E,123456782,,2013-02-28,Mila,Wijkstra,\n"
		      "F,,,2010-01-31,Loïs,de Vries,\n"
		      "G,,,2012-07-07,Sem,van Wijk,\n",
	.woonadressen = "A,GM0001,2014-02-16,,0\nB,GM0001,2011-05-01,,0\nC,GM0001,2010-01-31,,0\n"
			"D,GM0001,2010-01-31,,0\nE,GM0001,2013-02-28,,0\nF,GM0001,2010-01-31,,0\n"
			"G,GM0001,2012-07-07,,0\n",
};

/* The ids of the pupils that fit what was typed, "A,E". */
static const char *found(const dataset *ds, const char *typed)
{
	static char ids[64];
	search_query q;
	strbuf err = STRBUF_INIT;
	assert_int_equal(search_parse(typed, &q, &err), 0);
	sb_free(&err);
	ids[0] = '\0';
	for (uint32_t p = 0; p < ds->n_pupils; p++)
		if (search_fits(&q, &ds->pupils[p]))
			snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%s", ids[0] ? "," : "", ds->pupils[p].id);
	return ids;
}

static void a_search_finds_by_each_key_in_any_order(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&REG, NULL);
	assert_non_null(ds);
	assert_string_equal(found(ds, "Mila van Wijk"), "A");
	assert_string_equal(found(ds, "van Wijk Mila"), "A");
	assert_string_equal(found(ds, "Wijk, Mila"), "A,E"); /* Mila Wijkstra starts so too */
	assert_string_equal(found(ds, "Wijk"), "A,E,G");	/* the start of a word: Wijkstra too */
	assert_string_equal(found(ds, "van Wijk"), "A,G");
	assert_string_equal(found(ds, "VAN-WIJK"), "A,G");
	assert_string_equal(found(ds, "ijk"), "");		/* not inside a word */
	assert_string_equal(found(ds, "Yilmaz"), "B");		/* dotless ı */
	assert_string_equal(found(ds, "Lois"), "C,D,F");	/* Loïs */
	assert_string_equal(found(ds, "loïs de vries"), "C,D,F");
	assert_string_equal(found(ds, "111222333"), "A");	/* BSN */
	assert_string_equal(found(ds, "101222331"), "B");	/* onderwijsnummer */
	assert_string_equal(found(ds, "16-02-2014"), "A");	/* birth date as typed in Dutch */
	assert_string_equal(found(ds, "16/2/2014"), "A");
	assert_string_equal(found(ds, "2014-02-16"), "A");	/* and ISO */
	assert_string_equal(found(ds, "Mila 28-02-2013"), "E");
	dataset_free(ds);
}

static void a_search_finds_by_leerling_id(void **state)
{
	(void)state;
	static const fixture IDS = {
		.leerlingen = "U20,,,2014-02-16,Mila,van Wijk,\nx-77,,,2012-01-01,Sem,Bakker,\n",
		.woonadressen = "U20,GM0001,2014-02-16,,0\nx-77,GM0001,2012-01-01,,0\n",
	};
	dataset *ds = fixture_build(&IDS, NULL);
	assert_non_null(ds);
	assert_string_equal(found(ds, "U20"), "U20");
	assert_string_equal(found(ds, "u20"), "U20");
	assert_string_equal(found(ds, "x-77"), "x-77"); /* as typed, though a hyphen folds to a space */
	dataset_free(ds);
}

static void what_cannot_be_searched_on_is_said_in_dutch(void **state)
{
	(void)state;
	search_query q;
	strbuf err = STRBUF_INIT;
	assert_int_equal(search_parse("   ", &q, &err), -1);
	assert_string_equal(sb_str(&err), "vul een naam, geboortedatum, BSN, onderwijsnummer of leerling-id in");
	sb_reset(&err);
	assert_int_equal(search_parse("M", &q, &err), -1);
	assert_string_equal(sb_str(&err), "zoek op woorden van minstens twee letters (niet alleen 'm')");
	sb_reset(&err);
	assert_int_equal(search_parse("01-01-2014 02-01-2014", &q, &err), -1);
	assert_string_equal(sb_str(&err), "zoek op één geboortedatum tegelijk");
	sb_reset(&err);
	assert_int_equal(search_parse("31-02-2014", &q, &err), 0); /* no date: a word (of an id) */
	assert_int_equal(q.born, DAY_NONE);
	assert_int_equal(q.n_words, 1);
	assert_string_equal(q.words[0], "31 02 2014");
	sb_reset(&err);
	char long_text[SEARCH_MAX_TEXT + 2];
	memset(long_text, 'a', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	assert_int_equal(search_parse(long_text, &q, &err), -1);
	sb_free(&err);
}

static void a_new_registration_of_a_known_child_is_found(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&REG, NULL);
	assert_non_null(ds);
	/* The same BSN under another id: refused, whatever the name. */
	new_identity n = {"NEW", "111222333", NULL, "Mila", "Jansen", D("2015-01-01")};
	dup_found f = dup_check(ds, &n);
	assert_int_equal(f.kind, DUP_BSN);
	assert_string_equal(ds->pupils[f.pupil].id, "A");
	/* The same onderwijsnummer. */
	n = (new_identity){"NEW", "", "101222331", "Emre", "Anders", DAY_NONE};
	f = dup_check(ds, &n);
	assert_int_equal(f.kind, DUP_ONDERWIJSNUMMER);
	assert_string_equal(ds->pupils[f.pupil].id, "B");
	/* The same name (accents and case aside) and birth date: the lowest id. */
	n = (new_identity){"NEW", NULL, NULL, "LOIS", "de vries", D("2010-01-31")};
	f = dup_check(ds, &n);
	assert_int_equal(f.kind, DUP_NAME_BIRTH);
	assert_string_equal(ds->pupils[f.pupil].id, "C");
	assert_string_equal(DUP_CODES[f.kind], "naam_geboortedatum");
	/* Another birth date, or only a part of the name: nobody. */
	n = (new_identity){"NEW", NULL, NULL, "Lois", "de Vries", D("2010-02-01")};
	assert_int_equal(dup_check(ds, &n).kind, DUP_NONE);
	n = (new_identity){"NEW", NULL, NULL, "Mila", "Wijk", D("2014-02-16")};
	assert_int_equal(dup_check(ds, &n).kind, DUP_NONE);
	/* An identifier is stronger than a name. */
	n = (new_identity){"NEW", "123456782", NULL, "Lois", "de Vries", D("2010-01-31")};
	f = dup_check(ds, &n);
	assert_int_equal(f.kind, DUP_BSN);
	assert_string_equal(ds->pupils[f.pupil].id, "E");
	/* The pupil itself is no duplicate of itself. */
	n = (new_identity){"A", "111222333", NULL, "Mila", "van Wijk", D("2014-02-16")};
	assert_int_equal(dup_check(ds, &n).kind, DUP_NONE);
	dataset_free(ds);
}

static void likely_duplicates_are_grouped_by_folded_name_and_birth_date(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&REG, NULL);
	assert_non_null(ds);
	uint32_t *members;
	size_t *starts;
	size_t n = dup_groups(ds, &members, &starts);
	assert_int_equal(n, 1); /* C, D and F: Loïs / Lois de Vries / De Vries, 31-01-2010 */
	assert_int_equal(starts[0], 0);
	assert_int_equal(starts[1], 3);
	assert_string_equal(ds->pupils[members[0]].id, "C");
	assert_string_equal(ds->pupils[members[1]].id, "D");
	assert_string_equal(ds->pupils[members[2]].id, "F");
	assert_true(dup_likely(&ds->pupils[members[0]], &ds->pupils[members[1]]));
	assert_false(dup_likely(&ds->pupils[members[0]], &ds->pupils[members[0]]));
	free(members);
	free(starts);
	dataset_free(ds);
}

static void two_records_merge_unless_they_are_two_children(void **state)
{
	(void)state;
	pupil a = {.id = "A", .bsn = "111222333"}, b = {.id = "B"}, c = {.id = "C", .bsn = "123456782"},
	      d = {.id = "D", .onderwijsnummer = "101222331"}, e = {.id = "E", .onderwijsnummer = "100000004"};
	strbuf why = STRBUF_INIT;
	assert_true(dup_merge_allowed(&a, &b, &why));  /* one BSN: the survivor gains it */
	assert_true(dup_merge_allowed(&b, &a, &why));
	assert_true(dup_merge_allowed(&a, &d, &why));  /* a BSN and an onderwijsnummer */
	assert_string_equal(sb_str(&why), "");
	assert_false(dup_merge_allowed(&a, &c, &why));
	assert_string_equal(sb_str(&why), "de leerlingen A en C hebben elk een ander BSN: het zijn twee kinderen");
	sb_reset(&why);
	assert_false(dup_merge_allowed(&d, &e, &why));
	assert_string_equal(sb_str(&why), "de leerlingen D en E hebben elk een ander onderwijsnummer: het zijn twee kinderen");
	sb_reset(&why);
	assert_false(dup_merge_allowed(&a, &a, &why));
	assert_string_equal(sb_str(&why), "een leerling kan niet met zichzelf worden samengevoegd");
	sb_free(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_fold_case_accents_and_punctuation),
		cmocka_unit_test(a_search_finds_by_each_key_in_any_order),
		cmocka_unit_test(a_search_finds_by_leerling_id),
		cmocka_unit_test(what_cannot_be_searched_on_is_said_in_dutch),
		cmocka_unit_test(a_new_registration_of_a_known_child_is_found),
		cmocka_unit_test(likely_duplicates_are_grouped_by_folded_name_and_birth_date),
		cmocka_unit_test(two_records_merge_unless_they_are_two_children),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
