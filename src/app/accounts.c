/*
 * accounts.c - passwords (Argon2id through libsodium), tokens and hashes,
 * and the defaults that come with an account. See accounts.h.
 */
#include "accounts.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

int accounts_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

int password_hash(const char *password, char out[PASSWORD_HASH_MAX], strbuf *err)
{
	_Static_assert(crypto_pwhash_STRBYTES <= PASSWORD_HASH_MAX, "hash buffer too small");
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		sb_puts(err, "wachtwoord versleutelen mislukt (onvoldoende geheugen)");
		return -1;
	}
	return 0;
}

bool password_verify(const char *stored_hash, const char *password)
{
	return crypto_pwhash_str_verify(stored_hash, password, strlen(password)) == 0;
}

int password_dummy_hash(char out[PASSWORD_HASH_MAX])
{
	char pw[33];
	random_token(pw, sizeof pw, 16);
	strbuf err = STRBUF_INIT;
	int rc = password_hash(pw, out, &err);
	sb_free(&err);
	return rc;
}

const char *organisation_kind(role r)
{
	switch (r) {
	case ROLE_SCHOOL: return "school";
	case ROLE_LEERPLICHT: return "leerplicht";
	case ROLE_SWV: return "swv";
	case ROLE_ANALIST: return "gemeente";
	default: return "beheer";
	}
}

static const char *first_name(role r, const scope *s, const dataset *ds)
{
	if (!ds || !s->n)
		return NULL;
	const char *c = s->codes[0];
	if (r == ROLE_SCHOOL) {
		char brin[5], vest[3];
		memcpy(brin, c, 4);
		brin[4] = '\0';
		memcpy(vest, c + 5, 2);
		vest[2] = '\0';
		int32_t i = dataset_school(ds, brin, vest);
		return i == NO_REF ? NULL : ds->schools[i].naam;
	}
	if (r == ROLE_SWV) {
		int32_t i = dataset_swv(ds, c, strlen(c));
		return i == NO_REF ? NULL : ds->swvs[i].naam;
	}
	int32_t i = dataset_gemeente(ds, c, strlen(c));
	return i == NO_REF ? NULL : ds->gemeenten[i].naam;
}

void organisation_default_name(role r, const scope *s, const dataset *ds, strbuf *out)
{
	const char *name = first_name(r, s, ds);
	const char *what = r == ROLE_LEERPLICHT ? "Leerplicht " : r == ROLE_ANALIST ? "Gemeente " : "";
	if (r == ROLE_BEHEERDER) {
		sb_puts(out, "Beheer inbeeld");
		return;
	}
	sb_printf(out, "%s%s", what, name ? name : s->n ? s->codes[0] : "?");
	if (s->n > 1)
		sb_printf(out, " en %zu andere", s->n - 1);
}

void random_token(char *out, size_t out_size, size_t n)
{
	unsigned char raw[64];
	if (n > sizeof raw)
		n = sizeof raw;
	randombytes_buf(raw, n);
	sodium_bin2base64(out, out_size, raw, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

void sha256_hex(const char *s, char out[65])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, 65, digest, sizeof digest);
}

int account_scope(const account *a, role r, scope *out, strbuf *err)
{
	if (a->organisatie_soort && org_kind_from_name(a->organisatie_soort) == ORG_ZORG) {
		*out = (scope){.rol = r};
		return 0;
	}
	return scope_parse(r, a->scope, out, err);
}

void code_half_new(char shown[CODE_SHOWN], char hash[65])
{
	unsigned char random[CODE_HALF];
	randombytes_buf(random, sizeof random);
	code_half_format(random, shown);
	char bare[2][CODE_HALF + 1];
	code_parse(shown, 1, bare); /* the shown half without its dash */
	sha256_hex(bare[0], hash);
	sodium_memzero(random, sizeof random);
}
