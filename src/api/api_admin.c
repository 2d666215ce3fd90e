/*
 * api_admin.c - what only a beheerder does: the audit log, break-glass,
 * accounts, organisations, and loading datasets.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../app/accounts.h"
#include "../io/dataset_dir.h"
#include "../util/alloc.h"
#include "api_cases.h"
#include "../http/http.h"

/* ---- the audit log ------------------------------------------------------------ */

static void audit_row_json(void *ctx, const audit_row *r)
{
	json_t *arr = ctx;
	json_t *details = r->e.details ? json_loads(r->e.details, 0, NULL) : NULL;
	json_array_append_new(arr, json_pack("{s:I, s:s, s:I, s:s, s:s, s:s*, s:s*, s:s, s:s, s:s, s:o, s:s}", "id",
					     (json_int_t)r->id, "tijdstip", r->e.tijdstip, "gebruiker_id",
					     (json_int_t)r->e.gebruiker_id, "gebruikersnaam", r->e.gebruikersnaam, "rol",
					     r->e.rol, "organisatie", r->e.organisatie, "leerling_id", r->e.leerling_id,
					     "actie", r->e.actie, "endpoint", r->e.endpoint, "doel", r->e.doel, "details",
					     details ? details : json_null(), "hash", r->hash));
}

void h_audit(req *r)
{
	const char *leerling = query(r, "leerling");
	const char *voor = query(r, "voor"), *aantal = query(r, "aantal");
	int limit = aantal ? atoi(aantal) : 100;
	if (limit < 1 || limit > 1000) {
		reply_error(r, 400, "ongeldige_parameter", "aantal ligt tussen 1 en 1000");
		return;
	}
	json_t *arr = json_array();
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	int rc = store_audit_query(st, leerling, voor ? strtoll(voor, NULL, 10) : 0, limit, audit_row_json, arr, &err);
	pool_put(r->srv, st);
	sb_free(&err);
	if (rc) {
		json_decref(arr);
		reply_error(r, 500, "interne_fout", "het auditlog is niet leesbaar");
		return;
	}
	/* Reading who looked at a child is itself recorded, outside that child's own
	 * entries (so the list a beheerder asks for is not changed by asking). */
	reply_audited(r, 200, arr, "auditlog_lezen", NULL, json_pack("{s:s*, s:I}", "leerling", leerling, "aantal",
						      (json_int_t)json_array_size(arr)));
}

void h_break_glass(req *r)
{
	const char *id = json_string_value(json_object_get(r->json, "leerling_id"));
	const char *reden = json_string_value(json_object_get(r->json, "reden"));
	if (strlen(reden) < 10) {
		reply_error(r, 400, "reden_te_kort", "geef een reden van minstens 10 tekens; die komt in het auditlog");
		return;
	}
	snapshot *s = snapshot_acquire(r->srv);
	bool known = dataset_pupil(s->ds, id, strlen(id)) != NO_REF;
	snapshot_release(s);
	if (!known) {
		reply_error(r, 404, "onbekend", "leerling '%.64s' is onbekend", id);
		return;
	}
	grant_add(r->srv, r->who->id, id, 0);
	r->break_glass = true;
	char until[20];
	store_time_after(15 * 60, until);
	if (audit(r, "noodtoegang", id, json_pack("{s:s, s:s}", "reden", reden, "geldig_tot", until)))
		reply_json(r, 200, json_pack("{s:s, s:s}", "leerling_id", id, "geldig_tot", until));
}

/* ---- accounts ------------------------------------------------------------------- */

static json_t *account_json(const account *a)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:s, s:s}", "id", (json_int_t)a->id, "naam", a->naam, "rol",
			 a->rol, "scope", a->scope, "organisatie", a->organisatie, "actief", a->actief, "aangemaakt",
			 a->aangemaakt, "gewijzigd", a->gewijzigd);
}

void h_users(req *r)
{
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	account *list = NULL;
	size_t n = 0;
	int rc = store_accounts_list(st, &list, &n, &err);
	pool_put(r->srv, st);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(arr, account_json(&list[i]));
		account_free(&list[i]);
	}
	free(list);
	sb_free(&err);
	if (rc) {
		json_decref(arr);
		reply_error(r, 500, "interne_fout", "de gebruikers zijn niet leesbaar");
		return;
	}
	reply_json(r, 200, arr);
}

void h_organisations(req *r)
{
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	organisation *list = NULL;
	size_t n = 0;
	int rc = store_organisations_list(st, &list, &n, &err);
	pool_put(r->srv, st);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)list[i].id, "naam", list[i].naam,
						     "soort", list[i].soort));
	organisations_free(list, n);
	sb_free(&err);
	if (rc) {
		json_decref(arr);
		reply_error(r, 500, "interne_fout", "de organisaties zijn niet leesbaar");
		return;
	}
	reply_json(r, 200, arr);
}

static bool name_ok(const char *n)
{
	size_t len = strlen(n);
	return len >= 2 && len <= 64 && !strpbrk(n, " \t\r\n");
}

/* Validate role, scope, organisation and password, and store the account. */
static void save_account(req *r, const char *naam, const char *rol, const char *scope_text, const char *org,
			 const char *password, bool actief, bool must_be_new)
{
	role rl = role_from_name(rol);
	if (rl == ROLE_COUNT) {
		reply_error(r, 400, "ongeldige_rol", "onbekende rol '%.20s' (school, leerplicht, swv, analist of beheerder)", rol);
		return;
	}
	scope sc;
	strbuf err = STRBUF_INIT;
	if (scope_parse(rl, scope_text, &sc, &err) != 0) {
		reply_error(r, 400, "ongeldige_scope", "%s", sb_str(&err));
		sb_free(&err);
		return;
	}
	if (password && strlen(password) < 12) {
		reply_error(r, 400, "wachtwoord_te_kort", "een wachtwoord heeft minstens 12 tekens");
		scope_free(&sc);
		sb_free(&err);
		return;
	}
	char hash[PASSWORD_HASH_MAX] = "";
	strbuf org_name = STRBUF_INIT, canon = STRBUF_INIT;
	snapshot *s = snapshot_acquire(r->srv);
	if (org)
		sb_puts(&org_name, org);
	else
		organisation_default_name(rl, &sc, s->ds, &org_name);
	snapshot_release(s);
	scope_format(&sc, &canon);
	store *st = pool_get(r->srv);
	account existing = {0};
	int64_t org_id = 0, id = 0;
	size_t revoked = 0;
	int found = store_account_get(st, naam, 0, &existing, &err);
	if (found < 0) {
		reply_error(r, 500, "interne_fout", "de gebruikers zijn niet leesbaar");
	} else if (must_be_new && found) {
		reply_error(r, 409, "bestaat_al", "gebruiker '%s' bestaat al", naam);
	} else if ((password && password_hash(password, hash, &err) != 0) ||
		   store_organisation_ensure(st, sb_str(&org_name), organisation_kind(rl), sb_str(&canon), &org_id, &err) != 0 ||
		   store_account_upsert(st, naam, ROLE_NAMES[rl], sb_str(&canon), org_id, hash[0] ? hash : NULL, actief, &id,
					NULL, &err) != 0 ||
		   (!must_be_new && store_sessions_revoke_user(st, id, NULL, &revoked, &err) != 0)) {
		reply_error(r, 500, "interne_fout", "de gebruiker kon niet worden opgeslagen");
	} else {
		session_forget_user(r->srv, id);
		account a = {0};
		store_account_get(st, NULL, id, &a, &err);
		if (audit(r, "gebruikersbeheer", NULL,
			  json_pack("{s:s, s:s, s:s, s:s, s:b}", "gebruiker", naam, "rol", ROLE_NAMES[rl], "scope",
				    sb_str(&canon), "wijziging", must_be_new ? "aangemaakt" : "gewijzigd", "actief", actief)))
			reply_json(r, must_be_new ? 201 : 200, account_json(&a));
		account_free(&a);
	}
	pool_put(r->srv, st);
	account_free(&existing);
	scope_free(&sc);
	sb_free(&org_name);
	sb_free(&canon);
	sb_free(&err);
}

void h_user_create(req *r)
{
	const char *naam = json_string_value(json_object_get(r->json, "naam"));
	if (!name_ok(naam)) {
		reply_error(r, 400, "ongeldige_naam", "een gebruikersnaam heeft 2 tot 64 tekens, zonder spaties");
		return;
	}
	save_account(r, naam, json_string_value(json_object_get(r->json, "rol")),
		     json_string_value(json_object_get(r->json, "scope")),
		     json_string_value(json_object_get(r->json, "organisatie")),
		     json_string_value(json_object_get(r->json, "wachtwoord")), true, true);
}

static bool load_account(req *r, account *a)
{
	const char *p = r->params[0];
	int64_t id = strspn(p, "0123456789") == strlen(p) && strlen(p) < 19 ? strtoll(p, NULL, 10) : 0;
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	int found = id ? store_account_get(st, NULL, id, a, &err) : 0;
	pool_put(r->srv, st);
	sb_free(&err);
	if (found != 1) {
		reply_error(r, found < 0 ? 500 : 404, found < 0 ? "interne_fout" : "onbekend", "gebruiker %.20s is onbekend", p);
		return false;
	}
	return true;
}

void h_user_update(req *r)
{
	account a;
	if (!load_account(r, &a))
		return;
	json_t *j = r->json;
	const char *rol = json_string_value(json_object_get(j, "rol"));
	const char *sc = json_string_value(json_object_get(j, "scope"));
	const char *org = json_string_value(json_object_get(j, "organisatie"));
	json_t *actief = json_object_get(j, "actief");
	/* An account is deactivated only after its dossiers are handed on. */
	if (a.actief && json_is_false(actief) && !account_may_stop(r, a.id, a.naam)) {
		account_free(&a);
		return;
	}
	save_account(r, a.naam, rol ? rol : a.rol, sc ? sc : a.scope, org ? org : a.organisatie,
		     json_string_value(json_object_get(j, "wachtwoord")), json_is_boolean(actief) ? json_is_true(actief) : a.actief,
		     false);
	account_free(&a);
}

void h_user_revoke(req *r)
{
	account a;
	if (!load_account(r, &a))
		return;
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	size_t n = 0;
	int rc = store_sessions_revoke_user(st, a.id, NULL, &n, &err);
	pool_put(r->srv, st);
	session_forget_user(r->srv, a.id);
	if (rc)
		reply_error(r, 500, "interne_fout", "de sessies konden niet worden beëindigd");
	else
		reply_json(r, 200, json_pack("{s:s, s:I}", "gebruiker", a.naam, "beeindigd", (json_int_t)n));
	account_free(&a);
	sb_free(&err);
}

/* ---- datasets: upload, then import on a background job -------------------------- */

struct upload_state {
	struct MHD_PostProcessor *pp;
	char dir[64];
	int fd;
	char current[64];
	char error[256];
	size_t files;
};

struct job {
	int64_t id, user_id;
	char user[72];
	char dir[64];
	char status[16]; /* bezig, klaar, afgekeurd, mislukt */
	char phase[64];
	uint64_t rows;
	char *message;
	json_t *warnings;    /* the dataset's warnings (SPEC 3.1), the first BUILDER_MAX_ERRORS */
	size_t n_warnings;   /* and how many there were */
	import_stats stats;
	char started[20], finished[20];
	pthread_t thread;
	bool joinable;
};

static bool known_file(const char *name)
{
	for (int t = 0; t < T_COUNT; t++)
		if (strcmp(TABLES[t].file, name) == 0)
			return true;
	return false;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
			       const char *content_type, const char *transfer_encoding, const char *data, uint64_t off,
			       size_t size)
{
	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	upload_state *u = cls;
	if (u->error[0])
		return MHD_YES;
	const char *name = filename && *filename ? filename : key;
	const char *slash = strrchr(name, '/');
	if (slash)
		name = slash + 1;
	if (!known_file(name)) {
		snprintf(u->error, sizeof u->error, "onbekend bestand '%.60s' (verwacht de bestanden van SPEC 3.1)", name);
		return MHD_YES;
	}
	if (strcmp(u->current, name) != 0) {
		if (u->fd >= 0)
			close(u->fd);
		char path[160];
		snprintf(path, sizeof path, "%s/%s", u->dir, name);
		u->fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (u->fd < 0) {
			snprintf(u->error, sizeof u->error, "bestand '%s' komt twee keer voor of kan niet worden bewaard", name);
			return MHD_YES;
		}
		snprintf(u->current, sizeof u->current, "%s", name);
		u->files++;
	}
	(void)off;
	while (size) {
		ssize_t w = write(u->fd, data, size);
		if (w <= 0) {
			snprintf(u->error, sizeof u->error, "opslaan van '%s' mislukt: %s", name, strerror(errno));
			return MHD_YES;
		}
		data += w;
		size -= (size_t)w;
	}
	return MHD_YES;
}

static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			char path[512];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

void upload_free(upload_state *u)
{
	if (!u)
		return;
	if (u->pp)
		MHD_destroy_post_processor(u->pp);
	if (u->fd >= 0)
		close(u->fd);
	if (u->dir[0])
		remove_dir(u->dir);
	free(u);
}

enum MHD_Result upload_feed(req *r, const char *data, size_t size)
{
	if (!r->upload) {
		upload_state *u = xcalloc(1, sizeof *u);
		u->fd = -1;
		r->upload = u;
		snprintf(u->dir, sizeof u->dir, "/tmp/inbeeld-upload-XXXXXX");
		if (!mkdtemp(u->dir)) {
			u->dir[0] = '\0';
			snprintf(u->error, sizeof u->error, "tijdelijke map aanmaken mislukt");
			return MHD_YES;
		}
		u->pp = MHD_create_post_processor(r->conn, 64 * 1024, on_part, u);
		if (!u->pp)
			snprintf(u->error, sizeof u->error, "verwacht multipart/form-data met de CSV-bestanden");
	}
	if (data && size && r->upload->pp && !r->upload->error[0] && MHD_post_process(r->upload->pp, data, size) != MHD_YES)
		snprintf(r->upload->error, sizeof r->upload->error, "de upload is niet te lezen als multipart/form-data");
	return MHD_YES;
}

typedef struct job_arg {
	server *srv;
	struct job *job;
} job_arg;

static void job_progress(void *ctx, const char *what, uint64_t rows, uint64_t bytes, uint64_t total, int done,
			 double seconds)
{
	(void)bytes;
	(void)total;
	(void)done;
	(void)seconds;
	job_arg *ja = ctx;
	pthread_mutex_lock(&ja->srv->job_lock);
	snprintf(ja->job->phase, sizeof ja->job->phase, "inlezen %s", what);
	ja->job->rows = rows;
	pthread_mutex_unlock(&ja->srv->job_lock);
}

static void *run_job(void *arg)
{
	job_arg *ja = arg;
	server *srv = ja->srv;
	struct job *job = ja->job;
	strbuf err = STRBUF_INIT;
	progress pr = {job_progress, ja};
	dataset_warnings warn = {NULL, STRBUF_INIT, 0};
	dataset *ds = dataset_dir_load(job->dir, BUILD_IDENTITY, NULL, &pr, srv->cfg.threads, &err, &warn);
	json_t *warnings = json_array();
	for (const char *w = sb_str(&warn.text), *nl; (nl = strchr(w, '\n')) != NULL; w = nl + 1)
		json_array_append_new(warnings, json_stringn(w, (size_t)(nl - w)));
	sb_free(&warn.text);
	char *message = NULL;
	const char *status = "klaar";
	import_stats stats = {0};
	if (!ds) {
		status = "afgekeurd";
		message = xstrdup(sb_str(&err));
	} else {
		pthread_mutex_lock(&srv->job_lock);
		snprintf(job->phase, sizeof job->phase, "opslaan in de registratie");
		pthread_mutex_unlock(&srv->job_lock);
		store *st = pool_get(srv);
		import_options opt = {job->user, "upload via de API", NULL, NULL, NULL, false}; /* others read meanwhile */
		if (store_import(st, ds, &opt, &stats, &err) != 0) {
			status = "mislukt";
			message = xstrdup(sb_str(&err));
		}
		pool_put(srv, st);
		dataset_free(ds);
		snapshot_request_reload(srv);
	}
	remove_dir(job->dir);
	pthread_mutex_lock(&srv->job_lock);
	snprintf(job->status, sizeof job->status, "%s", status);
	snprintf(job->phase, sizeof job->phase, "gereed");
	job->message = message;
	job->warnings = warnings;
	job->n_warnings = warn.total;
	job->stats = stats;
	store_now(job->finished);
	pthread_mutex_unlock(&srv->job_lock);
	sb_free(&err);
	free(ja);
	return NULL;
}

void h_dataset_upload(req *r)
{
	upload_state *u = r->upload;
	if (!u || u->error[0] || !u->files) {
		reply_error(r, u && u->pp ? 400 : 415, "ongeldige_upload", "%s",
			    u && u->error[0] ? u->error : "geen bestanden ontvangen (multipart/form-data met de CSV-bestanden)");
		return;
	}
	if (u->fd >= 0) {
		close(u->fd);
		u->fd = -1;
	}
	server *srv = r->srv;
	struct job *job = xcalloc(1, sizeof *job);
	job->user_id = r->who->id;
	snprintf(job->user, sizeof job->user, "%s", r->who->naam);
	snprintf(job->dir, sizeof job->dir, "%s", u->dir);
	u->dir[0] = '\0'; /* the job owns the files now */
	snprintf(job->status, sizeof job->status, "bezig");
	snprintf(job->phase, sizeof job->phase, "wachten");
	store_now(job->started);
	job_arg *ja = xmalloc(sizeof *ja);
	*ja = (job_arg){srv, job};
	pthread_mutex_lock(&srv->job_lock);
	srv->jobs = xgrow(srv->jobs, &srv->cap_jobs, srv->n_jobs + 1, sizeof *srv->jobs);
	srv->jobs[srv->n_jobs++] = job;
	job->id = (int64_t)srv->n_jobs;
	job->joinable = pthread_create(&job->thread, NULL, run_job, ja) == 0;
	if (!job->joinable) {
		snprintf(job->status, sizeof job->status, "mislukt");
		job->message = xstrdup("de taak kon niet worden gestart");
		remove_dir(job->dir);
		free(ja);
	}
	int64_t id = job->id;
	pthread_mutex_unlock(&srv->job_lock);
	char loc[64];
	snprintf(loc, sizeof loc, "/api/datasets/%lld", (long long)id);
	add_header(r, "Location", loc);
	if (audit(r, "dataset_laden", NULL, json_pack("{s:I, s:I}", "taak", (json_int_t)id, "bestanden", (json_int_t)u->files)))
		reply_json(r, 202, json_pack("{s:I, s:s, s:s}", "taak", (json_int_t)id, "status", "bezig", "voortgang", loc));
}

void h_dataset_job(req *r)
{
	server *srv = r->srv;
	const char *p = r->params[0];
	int64_t id = strspn(p, "0123456789") == strlen(p) && strlen(p) < 10 ? strtoll(p, NULL, 10) : 0;
	pthread_mutex_lock(&srv->job_lock);
	struct job *job = id >= 1 && (size_t)id <= srv->n_jobs ? srv->jobs[id - 1] : NULL;
	json_t *j = NULL;
	if (job) {
		size_t added = 0, ended = 0, kept = 0;
		for (int t = 0; t < T_COUNT; t++) {
			added += job->stats.added[t];
			ended += job->stats.ended[t];
			kept += job->stats.kept[t];
		}
		j = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s*, s:s*}", "taak", (json_int_t)job->id, "status", job->status,
			      "fase", job->phase, "regels", (json_int_t)job->rows, "gestart", job->started, "klaar",
			      job->finished[0] ? job->finished : NULL, "bericht", job->message);
		/* Doubtful rows (SPEC 3.1), imported all the same: each with file,
		 * line, column and reason, and counted in the result. */
		json_object_set_new(j, "waarschuwingen", job->warnings ? json_copy(job->warnings) : json_array());
		if (!strcmp(job->status, "klaar"))
			json_object_set_new(j, "resultaat",
					    json_pack("{s:I, s:I, s:I, s:I, s:I}", "registratie", (json_int_t)job->stats.batch,
						      "toegevoegd", (json_int_t)added, "beeindigd", (json_int_t)ended,
						      "ongewijzigd", (json_int_t)kept, "waarschuwingen",
						      (json_int_t)job->n_warnings));
	}
	pthread_mutex_unlock(&srv->job_lock);
	if (j)
		reply_json(r, 200, j);
	else
		reply_error(r, 404, "onbekend", "taak %.20s is onbekend", p);
}

void jobs_finish(server *srv)
{
	for (size_t i = 0; i < srv->n_jobs; i++) {
		if (srv->jobs[i]->joinable)
			pthread_join(srv->jobs[i]->thread, NULL);
		free(srv->jobs[i]->message);
		json_decref(srv->jobs[i]->warnings);
		free(srv->jobs[i]);
	}
	free(srv->jobs);
	srv->jobs = NULL;
	srv->n_jobs = 0;
}
