/*
 * route_tables.c - what the server answers: the route tables of the API and
 * of the pages, in match order, and the API's description built from them.
 * A module with routes adds its table here (and nowhere else); serve
 * (src/cli/cmd_serve.c) hands this to the server.
 */
#include "../api/api.h"
#include "route_tables.h"
#include "ui.h"
#include "ui_cases.h"
#include "ui_doelen.h"
#include "ui_record.h"
#include "../api/api_settings.h" /* the reminders by e-mail (issue 14) */
#include "ui_settings.h"

static const route_table SITE[] = {
	{API_ROUTES, &N_API_ROUTES, true, NULL},
	{CASE_ROUTES, &N_CASE_ROUTES, true, NULL},
	{PROCEDURE_ROUTES, &N_PROCEDURE_ROUTES, true, NULL},
	{REVIEW_ROUTES, &N_REVIEW_ROUTES, true, NULL},
	{TAFEL_ROUTES, &N_TAFEL_ROUTES, true, NULL},
	{STAY_ROUTES, &N_STAY_ROUTES, true, NULL},
	{TARGET_ROUTES, &N_TARGET_ROUTES, true, NULL},
	{SEARCH_ROUTES, &N_SEARCH_ROUTES, true, NULL},
	{SETTINGS_ROUTES, &N_SETTINGS_ROUTES, true, NULL}, /* the reminders by e-mail (issue 14) */
	{UI_ROUTES, &N_UI_ROUTES, false, ui_error_page},
	{CASE_PAGES, &N_CASE_PAGES, false, ui_error_page},
	{DOEL_PAGES, &N_DOEL_PAGES, false, ui_error_page},
	{JAARVERSLAG_PAGES, &N_JAARVERSLAG_PAGES, false, ui_error_page},
	{RECORD_PAGES, &N_RECORD_PAGES, false, ui_error_page},
	{SETTINGS_PAGES, &N_SETTINGS_PAGES, false, ui_error_page}, /* Mijn instellingen (issue 14) */
};

void site_routes(server_config *cfg)
{
	cfg->routes = (route_set){SITE, sizeof SITE / sizeof SITE[0]};
	cfg->describe = openapi_build;
	cfg->field_label = field_label;
}
