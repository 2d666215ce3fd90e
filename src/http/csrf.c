/*
 * csrf.c - a state change must come from this site and carry the session's
 * token. Every state change needs the CSRF token (X-CSRF-Token, or the
 * csrf_token field of a form) and may not come from another site
 * (Sec-Fetch-Site / Origin); logging in and out need no token (there is none
 * before, and ending one's own session harms nobody) but are refused from
 * other sites too.
 */
#include <sodium.h>
#include <string.h>

#include "http.h"

bool same_origin_ok(req *r)
{
	const char *site = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Sec-Fetch-Site");
	if (site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
		return false;
	const char *origin = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Origin");
	if (!origin)
		return true;
	/* Under Referrer-Policy: no-referrer a browser sends "Origin: null" with
	 * a form post; its Sec-Fetch-Site (which pages cannot set) decides. */
	if (strcmp(origin, "null") == 0)
		return site && strcmp(site, "same-origin") == 0;
	const char *host = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Host");
	if (r->srv->cfg.behind_proxy) {
		const char *fwd = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-Host");
		if (fwd)
			host = fwd;
	}
	const char *sep = strstr(origin, "://");
	return host && sep && strcmp(sep + 3, host) == 0;
}

bool csrf_ok(req *r)
{
	/* The header (API, htmx), or the csrf_token field of an HTML form. */
	const char *token = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
	if (!token && r->rt && r->rt->body == BODY_FORM)
		token = form(r, "csrf_token");
	if (!token || !r->who || strlen(token) != strlen(r->who->csrf))
		return false;
	return sodium_memcmp(token, r->who->csrf, strlen(token)) == 0 && same_origin_ok(r);
}
