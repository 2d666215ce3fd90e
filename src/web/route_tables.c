/*
 * route_tables.c - the route tables of all modules, in match order.
 * A module with routes adds its table here (and nowhere else).
 */
#include "../api/api_cases.h"
#include "../http/http.h"
#include "ui.h"
#include "ui_cases.h"

const route_table ROUTE_TABLES[] = {
	{ROUTES, &N_ROUTES, true, NULL},
	{CASE_ROUTES, &N_CASE_ROUTES, true, NULL},
	{PROCEDURE_ROUTES, &N_PROCEDURE_ROUTES, true, NULL},
	{TAFEL_ROUTES, &N_TAFEL_ROUTES, true, NULL},
	{UI_ROUTES, &N_UI_ROUTES, false, ui_error_page},
	{CASE_PAGES, &N_CASE_PAGES, false, ui_error_page},
};

const size_t N_ROUTE_TABLES = sizeof ROUTE_TABLES / sizeof ROUTE_TABLES[0];
