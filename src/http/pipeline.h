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
/* Whether a Content-Type value is the media type `want`, with or without
 * parameters ("application/json; charset=utf-8"), case-insensitive. */
bool media_type_is(const char *ct, const char *want);

#endif
