/*
 * routes.h - the route table: the single description of every request the
 * server answers (method, path, handler, roles, CSRF, declared query
 * parameters and body fields). Dispatch, the role check, default-deny input
 * validation (validate.c) and the API description (src/api/openapi.c) all
 * come from it. The tables belong to the rooms above (src/api, src/web) and
 * are handed to the server at start (server_config.tables).
 */
#ifndef INBEELD_HTTP_ROUTES_H
#define INBEELD_HTTP_ROUTES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "../core/access.h"

typedef struct req req;

typedef enum param_type {
	P_DATE,	   /* YYYY-MM-DD */
	P_SPAN,	   /* YYYY-YYYY (ijkmomenten) */
	P_TEXT,	   /* free text, bounded */
	P_CODE,	   /* [A-Za-z0-9:_-], bounded */
	P_INT,	   /* non-negative integer */
	P_CHOICE,  /* one of choices */
} param_type;

typedef struct param_spec {
	const char *name;
	param_type type;
	bool required;
	const char *choices; /* "gemeente|swv" for P_CHOICE */
	const char *doc;
} param_spec;

typedef enum body_kind {
	BODY_NONE,
	BODY_JSON,   /* an object with the declared fields, nothing else */
	BODY_UPLOAD, /* multipart/form-data: a dataset folder's files */
	BODY_FORM,   /* application/x-www-form-urlencoded with the declared fields */
} body_kind;

typedef struct field_spec {
	const char *name;
	json_type type; /* JSON_STRING, JSON_INTEGER, JSON_TRUE (boolean), JSON_OBJECT */
	bool required;
	const char *doc;
} field_spec;

enum { MAX_PARAMS = 10, MAX_FIELDS = 12 };

typedef void (*handler_fn)(req *r);

typedef struct route {
	const char *method;
	const char *path; /* "/api/leerlingen/{id}"; a last segment {*} takes the rest of the path */
	handler_fn handler;
	unsigned roles;	   /* bit per role allowed; 0 with public = anyone */
	bool public;	   /* no session needed */
	bool changes;	   /* changes state: CSRF token required */
	body_kind body;
	size_t max_body;
	const char *summary; /* OpenAPI */
	const char *tag;
	param_spec query[MAX_PARAMS];
	field_spec fields[MAX_FIELDS];
	const char *responses; /* OpenAPI: "200,400,401,403" */
	bool page;	       /* an HTML page: no session redirects to the login page */
} route;

#define R(x) (1u << (x))
#define ALL_ROLES (R(ROLE_SCHOOL) | R(ROLE_LEERPLICHT) | R(ROLE_SWV) | R(ROLE_ANALIST) | R(ROLE_BEHEERDER))
#define CASE_ROLES (R(ROLE_SCHOOL) | R(ROLE_LEERPLICHT) | R(ROLE_SWV))

/* The routes come in tables, one per module, matched in the order given.
 * Only tables marked api appear in /api/openapi.json. */
typedef struct route_table {
	const route *routes;
	const size_t *n;
	bool api;
	/* For page tables: turns an error reply (r->status >= 400, r->error_code
	 * set, JSON in r->out) into an HTML page. NULL keeps the JSON. */
	void (*error_page)(req *r);
} route_table;

/* The tables a server answers (server_config.tables). */
typedef struct route_set {
	const route_table *tables;
	size_t n;
} route_set;

/* Match method and path; params gets the {..} values. Returns the route, or
 * NULL with *status 404 (no path) or 405 (no such method). */
const route *route_match(const route_set *set, const char *method, const char *path, char params[][80], int *n_params,
			 int *status);
/* The table a route belongs to. */
const route_table *route_table_of(const route_set *set, const route *rt);

#endif
