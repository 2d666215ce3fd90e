/*
 * api_datasets.c - loading a dataset through the API (beheerder): the folder
 * arrives as multipart/form-data (src/http/upload.c), is imported on a
 * background job (src/http/jobs.c), all or nothing, while the server keeps
 * answering; GET /api/datasets/{job} tells how far it is, its warnings
 * (SPEC 3.1) and its result.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../io/dataset_dir.h"
#include "../util/alloc.h"
#include "../http/upload.h"
#include "api.h"

/* What an import job works on: the uploaded folder, which it owns. */
typedef struct import_job {
	server *srv;
	job *j;
	char dir[PATH_MAX];
} import_job;

static void import_progress(void *ctx, const char *what, uint64_t rows, uint64_t bytes, uint64_t total, int done,
			    double seconds)
{
	(void)bytes;
	(void)total;
	(void)done;
	(void)seconds;
	import_job *ij = ctx;
	char phase[64];
	snprintf(phase, sizeof phase, "inlezen %s", what);
	job_progress(ij->j, phase, rows);
}

/* The result of a finished import, as GET /api/datasets/{job} gives it. */
static json_t *result_json(const import_stats *stats, size_t n_warnings)
{
	size_t added = 0, ended = 0, kept = 0;
	for (int t = 0; t < T_COUNT; t++) {
		added += stats->added[t];
		ended += stats->ended[t];
		kept += stats->kept[t];
	}
	return json_pack("{s:I, s:I, s:I, s:I, s:I}", "registratie", (json_int_t)stats->batch, "toegevoegd",
			 (json_int_t)added, "beeindigd", (json_int_t)ended, "ongewijzigd", (json_int_t)kept,
			 "waarschuwingen", (json_int_t)n_warnings);
}

static void run_import(job *j, void *arg)
{
	import_job *ij = arg;
	ij->j = j;
	server *srv = ij->srv;
	strbuf err = STRBUF_INIT;
	progress pr = {import_progress, ij};
	dataset_warnings warn = {NULL, STRBUF_INIT, 0};
	dataset *ds = dataset_dir_load(ij->dir, BUILD_IDENTITY, NULL, &pr, srv->cfg.threads, &err, &warn);
	/* Doubtful rows (SPEC 3.1), imported all the same: each with file,
	 * line, column and reason, and counted in the result. */
	json_t *warnings = json_array();
	for (const char *w = sb_str(&warn.text), *nl; warnings && (nl = strchr(w, '\n')) != NULL; w = nl + 1)
		if (json_array_append_new(warnings, json_stringn(w, (size_t)(nl - w))) != 0) {
			json_decref(warnings);
			warnings = NULL; /* no memory: said in the message */
		}
	sb_free(&warn.text);
	char *message = NULL;
	const char *status = "klaar";
	import_stats stats = {0};
	if (!ds) {
		status = "afgekeurd";
		message = xstrdup(sb_str(&err));
	} else {
		job_phase(j, "opslaan in de registratie");
		store *st = pool_get(&srv->pool);
		import_options opt = {job_user(j), "upload via de API", NULL, NULL, NULL, false, NULL}; /* others read meanwhile */
		if (store_import(st, ds, &opt, &stats, &err) != 0) {
			status = "mislukt";
			message = xstrdup(sb_str(&err));
		} else if (store_tell_batch(st, stats.batch, &err) != 0) { /* the other servers read it too */
			fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
		}
		pool_put(&srv->pool, st);
		dataset_free(ds);
		snapshot_request_reload(&srv->snap);
	}
	remove_dir(ij->dir);
	json_t *result = strcmp(status, "klaar") == 0 ? result_json(&stats, warn.total) : NULL;
	if (!warnings || (strcmp(status, "klaar") == 0 && !result)) {
		free(message);
		message = xstrdup("de waarschuwingen of de uitkomst konden niet worden vastgelegd (geen geheugen)");
	}
	job_done(j, status, message, warnings ? warnings : json_array(), result);
	sb_free(&err);
	free(ij);
}

static void import_not_started(void *arg)
{
	import_job *ij = arg;
	remove_dir(ij->dir);
	free(ij);
}

void h_dataset_upload(req *r)
{
	upload_state *u = r->upload;
	if (!u || u->error[0] || !u->files) {
		reply_error(r, u && u->pp ? 400 : 415, "ongeldige_upload", "%s",
			    u && u->error[0] ? u->error : "geen bestanden ontvangen (multipart/form-data met de CSV-bestanden)");
		return;
	}
	upload_close_file(u);
	import_job *ij = xcalloc(1, sizeof *ij);
	ij->srv = r->srv;
	snprintf(ij->dir, sizeof ij->dir, "%s", u->dir);
	u->dir[0] = '\0'; /* the job owns the files now */
	int64_t id = jobs_start(&r->srv->jobs, r->who->naam, run_import, import_not_started, ij);
	char loc[64];
	snprintf(loc, sizeof loc, "/api/datasets/%lld", (long long)id);
	add_header(r, "Location", loc);
	if (audit(r, "dataset_laden", NULL, json_pack("{s:I, s:I}", "taak", (json_int_t)id, "bestanden", (json_int_t)u->files)))
		reply_json(r, 202, json_pack("{s:I, s:s, s:s}", "taak", (json_int_t)id, "status", "bezig", "voortgang", loc));
}

void h_dataset_job(req *r)
{
	const char *p = r->params[0];
	int64_t id = strspn(p, "0123456789") == strlen(p) && strlen(p) < 10 ? strtoll(p, NULL, 10) : 0;
	json_t *j;
	if (jobs_describe(&r->srv->jobs, id, &j))
		reply_json(r, 200, j);
	else
		reply_error(r, 404, "onbekend", "taak %.20s is onbekend", p);
}
