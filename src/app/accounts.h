/*
 * accounts.h - passwords (Argon2id through libsodium) and the defaults that
 * come with an account.
 */
#ifndef INBEELD_ACCOUNTS_H
#define INBEELD_ACCOUNTS_H

#include <stdbool.h>

#include "../core/access.h"
#include "../core/four_eyes.h"
#include "../store/store.h"
#include "../util/strbuf.h"

/* Call once before anything else here (initialises libsodium). */
int accounts_init(void);

enum { PASSWORD_HASH_MAX = 128 };

/* Hash with Argon2id (libsodium's interactive limits: 64 MiB, 2 passes). */
int password_hash(const char *password, char out[PASSWORD_HASH_MAX], strbuf *err);
bool password_verify(const char *stored_hash, const char *password);
/* A hash of a random password, for verifying against when the account does
 * not exist, so that a failed login takes as long either way. */
int password_dummy_hash(char out[PASSWORD_HASH_MAX]);

/* The kind of organisation a role works for (organisatie.soort). */
const char *organisation_kind(role r);
/* A default organisation name for a role and scope, using the names in the
 * registry's reference data when ds is non-NULL ("Leerplicht Amsterdam"). */
void organisation_default_name(role r, const scope *s, const dataset *ds, strbuf *out);

/* The scope an account works with, as role r. The people of a care
 * organisation (organisatie.soort zorg) see no pupils by scope: only those
 * whose case their organisation leads (SPEC 6), whatever codes the account
 * holds. 0, or -1 with a message. */
int account_scope(const account *a, role r, scope *out, strbuf *err);

/* Random URL-safe token of n random bytes (base64url, no padding). */
void random_token(char *out, size_t out_size, size_t n);
/* SHA-256 of a string, as 64 hex digits. */
void sha256_hex(const char *s, char out[65]);

/* A new half of a one-time code (core/four_eyes.h): as shown to who hands
 * it on, and the SHA-256 of its characters, which is all the registry keeps. */
void code_half_new(char shown[CODE_SHOWN], char hash[65]);

#endif
