/*
 * fuzz_json.c - libFuzzer harness for default-deny input (src/http/validate.c):
 * a JSON body against a route's declared fields, query values against the
 * route's declared parameters, and the media-type check, over the real route
 * tables of the server (src/web/route_tables.c).
 *
 * Byte 0 picks a route, byte 1 what to check: 0 the rest as a JSON body,
 * 1 the rest as a query "k=v&k=v" (values as libmicrohttpd hands them:
 * decoded, a %00 already refused), 2 the rest as a Content-Type value.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/http/pipeline.h"
#include "../../src/web/route_tables.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const route **ROUTES;
static size_t N_ROUTES;

static void load_routes(void)
{
	server_config cfg = {0};
	site_routes(&cfg);
	size_t n = 0;
	for (size_t t = 0; t < cfg.routes.n; t++)
		n += *cfg.routes.tables[t].n;
	ROUTES = malloc(n * sizeof *ROUTES);
	if (!ROUTES)
		abort();
	for (size_t t = 0; t < cfg.routes.n; t++)
		for (size_t i = 0; i < *cfg.routes.tables[t].n; i++)
			ROUTES[N_ROUTES++] = &cfg.routes.tables[t].routes[i];
}

static void check_query_text(const route *rt, char *q)
{
	for (char *save = NULL, *kv = strtok_r(q, "&", &save); kv; kv = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(kv, '=');
		const char *v = eq ? eq + 1 : "";
		if (eq)
			*eq = '\0';
		for (int i = 0; i < MAX_PARAMS && rt->query[i].name; i++)
			if (strcmp(rt->query[i].name, kv) == 0)
				(void)param_value_ok(&rt->query[i], v);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ROUTES)
		load_routes();
	if (size < 2 || !N_ROUTES)
		return 0;
	const route *rt = ROUTES[data[0] % N_ROUTES];
	const char *rest = (const char *)data + 2;
	size_t len = size - 2;
	if (data[1] % 3 == 0) {
		json_error_t jerr;
		json_t *body = json_loadb(rest, len, JSON_REJECT_DUPLICATES, &jerr);
		if (json_is_object(body)) {
			field_problem why;
			if (!fields_ok(rt, body, &why) && (!why.code || !why.field))
				abort(); /* a refusal names its field */
		}
		json_decref(body);
		return 0;
	}
	char *text = malloc(len + 1);
	if (!text)
		return 0;
	memcpy(text, rest, len);
	text[len] = '\0';
	if (data[1] % 3 == 1)
		check_query_text(rt, text);
	else if (media_type_is(text, "application/json") && strncasecmp(text, "application/json", 16) != 0)
		abort(); /* never more than the media type */
	free(text);
	return 0;
}
