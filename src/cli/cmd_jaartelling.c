/*
 * cmd_jaartelling.c - `inbeeld jaartelling`: the school-year count of SPEC 8.1
 * (leerplichttelling, Leerplichtwet art. 25) per gemeente or per SWV.
 */
#include <stdlib.h>

#include "../app/compute_year.h"
#include "../io/report_jaar.h"
#include "../util/alloc.h"
#include "cli.h"

static const char USAGE_JAARTELLING[] =
	"inbeeld jaartelling (--data MAP | --db PAD [--bekend-op JJJJ-MM-DD]) --schooljaar JJJJ [--schooljaar ...] "
	"--per gemeente|swv [--gebied CODE ...] [--format csv|json|table]";

int cmd_jaartelling(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_options(argc, argv, OPT_SOURCE | OPT_SCHOOLJAAR | OPT_FORMAT | OPT_PER | OPT_GEBIED,
			       USAGE_JAARTELLING, &o);
	if (!rc && !o.n_schooljaren)
		rc = usage_error("--schooljaar ontbreekt (het beginjaar, bv. 2024 voor 2024/2025)\ngebruik: %s",
				 USAGE_JAARTELLING);
	view v = VIEW_GEMEENTE;
	dataset *ds = NULL;
	bool *keep = NULL;
	if (!rc)
		rc = cli_count_start(&o, USAGE_JAARTELLING, &v, &ds, &keep);
	if (!rc) {
		jaartelling *counts = xcalloc(o.n_schooljaren, sizeof *counts);
		for (size_t k = 0; k < o.n_schooljaren; k++)
			compute_jaartelling(ds, o.schooljaren[k], v, o.threads, &counts[k]);
		strbuf out = STRBUF_INIT;
		report_jaartelling(&out, ds, counts, o.n_schooljaren, keep, o.format);
		rc = cli_write(&out);
		sb_free(&out);
		for (size_t k = 0; k < o.n_schooljaren; k++)
			jaartelling_free(&counts[k]);
		free(counts);
	}
	free(keep);
	if (ds)
		dataset_free(ds);
	cli_opts_free(&o);
	return rc;
}
