/*
 * pipeline.h - what the HTTP room's own files share about a request's way
 * through the server (pipeline.c, validate.c, daemon.c).
 */
#ifndef INBEELD_HTTP_PIPELINE_H
#define INBEELD_HTTP_PIPELINE_H

#include "http.h"

/* libmicrohttpd's callbacks (pipeline.c); cls is the server. */
enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			   const char *version, const char *upload_data, size_t *upload_size, void **con_cls);
void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe);

/* The query parameters and the body against the route (validate.c): false
 * after a 400 (or 415) reply. */
bool check_query(req *r);
bool check_body(req *r);
/* The checks themselves, without a request (validate.c; the fuzzers call
 * them too): a query value against its declaration; a parsed body against
 * the route's fields, false with what is wrong (a field of obj, or of the
 * route when it is missing). */
bool param_value_ok(const param_spec *ps, const char *v);
typedef struct field_problem {
	const char *code;     /* onbekend_veld, verkeerd_type, veld_ontbreekt */
	const char *field;    /* its name */
	const field_spec *spec; /* its declaration; NULL for an unknown field */
} field_problem;
bool fields_ok(const route *rt, json_t *obj, field_problem *why);
/* Whether a Content-Type value is the media type `want`, with or without
 * parameters ("application/json; charset=utf-8"), case-insensitive. */
bool media_type_is(const char *ct, const char *want);

#ifdef INBEELD_TEST_BUILD
/* The test build's probe of the sandbox (sandbox_probe.c): true when the
 * request was GET /_test/sandbox and has been answered. */
bool sandbox_probe(req *r);
#endif

#endif
