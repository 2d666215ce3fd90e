/*
 * registry_load.c - the registry's current dataset, from the snapshot file
 * beside it (SQLite) or in the cache folder (PostgreSQL) when that is fresh,
 * else read from the registry (and the file written anew). See
 * registry_load.h.
 */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "registry_load.h"

#include <elf.h>
#include <errno.h>
#include <link.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../io/dataset_file.h"
#include "../util/alloc.h"

/* ---- which build reads the file ------------------------------------------ */

/* The GNU build id of the program (hex), "" when it has none: a file written
 * by another build of inbeeld - whose builder may derive a field otherwise -
 * is not read. */
static int build_id_of(struct dl_phdr_info *info, size_t size, void *ctx)
{
	(void)size;
	char *out = ctx;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr), *end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const void *)p;
			const char *name = p + sizeof *n;
			const unsigned char *desc = (const unsigned char *)name + ((n->n_namesz + 3) & ~3u);
			if ((const char *)desc + n->n_descsz > end)
				break;
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
				for (size_t j = 0; j < n->n_descsz && j < 32; j++)
					snprintf(out + 2 * j, 3, "%02x", desc[j]);
				return 1;
			}
			p = (const char *)desc + ((n->n_descsz + 3) & ~3u);
		}
	}
	return 1; /* the first object is the program itself: look no further */
}

static void file_key_of(const char *version, const strbuf *identity, strbuf *key)
{
	char build[65] = "";
	dl_iterate_phdr(build_id_of, build);
	sb_printf(key, "inbeeld %s; registratie %s", build, version);
	if (identity->len)
		sb_printf(key, "; database %s", sb_str(identity));
}

static void file_key(const strbuf *version, const strbuf *identity, strbuf *key)
{
	file_key_of(sb_str(version), identity, key);
}

void registry_snapshot_path(const char *registry_path, strbuf *out)
{
	sb_printf(out, "%s.snapshot", registry_path);
}

/* ---- where the file is ---------------------------------------------------- */

/* The registry is a file (not PostgreSQL, not SQLite's in-memory database). */
static bool has_file(const store *st)
{
	const char *p = store_file(st);
	return store_is_file(st) && p && *p && strcmp(p, ":memory:") != 0 && strncmp(p, "file:", 5) != 0;
}

/* The folder path and those above it, each made 0700 when missing. */
static bool make_folder(const char *path)
{
	char *p = xstrdup(path);
	bool ok = true;
	for (char *c = p + 1; ok; c++) {
		if (*c != '/' && *c != '\0')
			continue;
		char was = *c;
		*c = '\0';
		ok = mkdir(p, 0700) == 0 || errno == EEXIST;
		*c = was;
		if (!was)
			break;
	}
	free(p);
	return ok;
}

bool registry_cache_folder(strbuf *out)
{
	const char *env = getenv("INBEELD_CACHE"), *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	size_t start = out->len;
	if (env)
		sb_puts(out, env); /* empty: none */
	else if (xdg && xdg[0] == '/')
		sb_printf(out, "%s/inbeeld", xdg);
	else if (home && home[0] == '/')
		sb_printf(out, "%s/.cache/inbeeld", home);
	return out->len > start && make_folder(sb_str(out) + start);
}

/* Where st's snapshot file is, in *path, and which database it is of, in
 * *identity (PostgreSQL: part of the file's key); false when the registry
 * has none: an in-memory SQLite database, or a PostgreSQL database without
 * a cache folder (INBEELD_CACHE empty, or the folder cannot be made). */
static bool snapshot_place(store *st, strbuf *path, strbuf *identity)
{
	if (has_file(st)) {
		registry_snapshot_path(store_file(st), path);
		return true;
	}
	if (store_is_file(st))
		return false;
	strbuf folder = STRBUF_INIT, err = STRBUF_INIT;
	bool ok = registry_cache_folder(&folder) && store_database_identity(st, identity, &err) == 0;
	if (ok) { /* "<system identifier> <oid> <name>": named by the first two */
		const char *id = sb_str(identity), *sp = strchr(id, ' '), *sp2 = sp ? strchr(sp + 1, ' ') : NULL;
		ok = sp2 != NULL;
		if (ok)
			sb_printf(path, "%s/pg-%.*s-%.*s.snapshot", sb_str(&folder), (int)(sp - id), id,
				  (int)(sp2 - sp - 1), sp + 1);
	}
	if (err.len) /* the cache is only a cache: the registry is read */
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
	sb_free(&folder);
	sb_free(&err);
	return ok;
}

static void save(const char *path, const dataset *ds, const strbuf *key)
{
	strbuf err = STRBUF_INIT;
	if (key->len >= DATASET_FILE_KEY_MAX)
		sb_printf(&err, "momentopname %s: de stand van de registratie is te lang om te bewaren", path);
	else
		dataset_file_write(path, ds, sb_str(key), &err);
	if (err.len)
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
	sb_free(&err);
}

dataset *registry_load(store *st, unsigned flags, int threads, int64_t *version, strbuf *err)
{
	int64_t batch;
	strbuf v = STRBUF_INIT, key = STRBUF_INIT, path = STRBUF_INIT, why = STRBUF_INIT, identity = STRBUF_INIT;
	dataset *ds = NULL;
	if (store_version_key(st, &batch, &v, err) != 0)
		goto done;
	if (version)
		*version = batch;
	bool cached = batch > 0 && snapshot_place(st, &path, &identity);
	if (cached) {
		file_key(&v, &identity, &key);
		int rc = dataset_file_read(sb_str(&path), sb_str(&key), flags & BUILD_IDENTITY, threads, &ds, &why);
		if (rc == 0)
			goto done;
		/* A file of an older version is the normal case after a change;
		 * anything else is worth a line. */
		if (rc < 0)
			fprintf(stderr, "inbeeld: %s; de registratie wordt gelezen en de momentopname opnieuw geschreven\n",
				sb_str(&why));
	}
	/* With identity whenever the file is to be written: it serves both. */
	ds = store_load_version(st, cached ? BUILD_IDENTITY : flags, batch, threads, err);
	if (ds && cached) {
		save(sb_str(&path), ds, &key);
		if (!(flags & BUILD_IDENTITY))
			for (size_t i = 0; i < ds->n_pupils; i++) {
				pupil *p = &ds->pupils[i];
				p->bsn = p->onderwijsnummer = p->voornaam = p->achternaam = NULL;
			}
	}
done:
	sb_free(&v);
	sb_free(&key);
	sb_free(&path);
	sb_free(&why);
	sb_free(&identity);
	return ds;
}

void registry_save(store *st, const dataset *ds, int64_t batch)
{
	int64_t now;
	strbuf v = STRBUF_INIT, err = STRBUF_INIT, path = STRBUF_INIT, identity = STRBUF_INIT;
	if (!snapshot_place(st, &path, &identity)) {
		/* no file to keep */
	} else if (store_version_key(st, &now, &v, &err) != 0) {
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
	} else if (now == batch) { /* else someone wrote since: the next load writes it */
		strbuf key = STRBUF_INIT;
		file_key(&v, &identity, &key);
		save(sb_str(&path), ds, &key);
		sb_free(&key);
	}
	sb_free(&v);
	sb_free(&err);
	sb_free(&path);
	sb_free(&identity);
}

/* ---- written during the first import -------------------------------------- */

enum { SNAPSHOT_ROW_NS = 100 }; /* CPU a pupil or fact costs the file (national: 3.1 s, 32 M) */

/* The import's aside, on its second thread: only the job and the dataset,
 * never the store. */
static void snapshot_stage(void *ctx, const char *version_key)
{
	registry_snapshot_job *job = ctx;
	file_key_of(version_key, &job->identity, &job->key);
	if (job->key.len >= DATASET_FILE_KEY_MAX)
		sb_printf(&job->err, "momentopname %s: de stand van de registratie is te lang om te bewaren",
			  sb_str(&job->path));
	else
		dataset_file_stage(sb_str(&job->path), job->ds, sb_str(&job->key), &job->staged, &job->err);
	malloc_trim(0); /* the file's buffers: back to the system before the commit's peak */
}

void registry_snapshot_begin(store *st, const dataset *ds, registry_snapshot_job *job)
{
	*job = (registry_snapshot_job){.ds = ds, .path = STRBUF_INIT, .identity = STRBUF_INIT, .key = STRBUF_INIT,
				       .err = STRBUF_INIT};
	if (!snapshot_place(st, &job->path, &job->identity))
		sb_reset(&job->path);
	size_t rows = ds->n_pupils;
	for (int k = 0; k < F_COUNT; k++)
		rows += ds->n_fact[k];
	job->aside = (import_aside){snapshot_stage, job, (uint64_t)rows * SNAPSHOT_ROW_NS};
}

void registry_snapshot_end(store *st, registry_snapshot_job *job, bool imported, int64_t batch)
{
	if (imported && job->staged) {
		int64_t now;
		strbuf v = STRBUF_INIT, key = STRBUF_INIT, err = STRBUF_INIT;
		if (store_version_key(st, &now, &v, &err) != 0) {
			dataset_file_discard(job->staged);
		} else {
			file_key(&v, &job->identity, &key);
			if (now == batch && strcmp(sb_str(&key), sb_str(&job->key)) == 0)
				dataset_file_publish(job->staged, sb_str(&job->path), &err);
			else /* not the registry's version: never to be read as it */
				dataset_file_discard(job->staged);
		}
		if (err.len)
			fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
		sb_free(&v);
		sb_free(&key);
		sb_free(&err);
	} else if (imported) {
		if (job->err.len)
			fprintf(stderr, "inbeeld: %s\n", sb_str(&job->err));
		else if (job->path.len)
			registry_save(st, job->ds, batch);
	} else {
		dataset_file_discard(job->staged);
	}
	job->staged = NULL;
	sb_free(&job->path);
	sb_free(&job->identity);
	sb_free(&job->key);
	sb_free(&job->err);
}
