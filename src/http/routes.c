/*
 * routes.c - matching a request to its route. See routes.h.
 */
#include "routes.h"

#include <string.h>

/* Compare a path with a pattern; {x} takes one non-empty segment. */
static bool path_matches(const char *pattern, const char *path, char params[][80], int *n)
{
	*n = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (strcmp(p, "{*}") == 0) { /* the rest of the path */
			size_t len = strlen(s);
			if (!len || len >= 80 || *n >= 4)
				return false;
			memcpy(params[*n], s, len + 1);
			(*n)++;
			return true;
		}
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t len = strcspn(s, "/");
			if (!close || !len || len >= 80 || *n >= 4)
				return false;
			memcpy(params[*n], s, len);
			params[(*n)++][len] = '\0';
			p = close + 1;
			s += len;
			continue;
		}
		if (*p != *s)
			return false;
		p++, s++;
	}
	return !*p && !*s;
}

const route *route_match(const route_set *set, const char *method, const char *path, char params[][80], int *n_params,
			 int *status)
{
	bool path_found = false;
	for (size_t t = 0; t < set->n; t++) {
		const route *rs = set->tables[t].routes;
		for (size_t i = 0; i < *set->tables[t].n; i++) {
			if (!path_matches(rs[i].path, path, params, n_params))
				continue;
			if (strcmp(rs[i].method, method) == 0)
				return &rs[i];
			path_found = true;
		}
	}
	*status = path_found ? 405 : 404;
	*n_params = 0;
	return NULL;
}

const route_table *route_table_of(const route_set *set, const route *rt)
{
	for (size_t t = 0; t < set->n; t++)
		if (rt >= set->tables[t].routes && rt < set->tables[t].routes + *set->tables[t].n)
			return &set->tables[t];
	return NULL;
}
