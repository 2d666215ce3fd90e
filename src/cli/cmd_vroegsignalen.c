/*
 * cmd_vroegsignalen.c - `inbeeld vroegsignalen`: the early signals of SPEC 7.1
 * for every pupil on one or more peildata.
 */
#include "../app/signals_run.h"
#include "../io/report_signals.h"
#include "cli.h"

static const char USAGE_VROEGSIGNALEN[] =
	"inbeeld vroegsignalen (--data MAP | --db PAD [--bekend-op JJJJ-MM-DD]) --peildatum JJJJ-MM-DD "
	"[--peildatum ...] [--ijkmomenten JJJJ-JJJJ] [--format csv|json|table] [--threads N]";

static void signals_compute(const dataset *ds, day_t d, int threads, void *list)
{
	compute_signals(ds, d, threads, NULL, NULL, list);
}

static void signals_report(strbuf *out, const dataset *ds, const void *lists, const day_t *peildata, size_t n,
			   out_format fmt)
{
	report_signals(out, ds, lists, peildata, n, fmt);
}

static void signals_free(void *list)
{
	signal_list_free(list);
}

int cmd_vroegsignalen(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_dated(argc, argv, OPT_SOURCE | OPT_PEILDATUM | OPT_FORMAT, USAGE_VROEGSIGNALEN, &o);
	if (rc)
		return rc;
	const list_command lc = {sizeof(signal_list), signals_compute, signals_report, signals_free};
	return run_lists(&o, &lc);
}
