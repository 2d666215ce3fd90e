/*
 * inbeeld - ieder kind in beeld.
 *
 * The command table below is the single description of the command line: the
 * dispatcher and `inbeeld help` are both driven by it.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} command;

static int cmd_help(int argc, char **argv);

static const command COMMANDS[] = {
	{"status", cmd_status, "de leerlingen in beeld op een peildatum, met categorie en duur (SPEC 4.1)"},
	{"telling", cmd_telling, "het Resultaatschema per gemeente of per samenwerkingsverband (SPEC 5)"},
	{"jaartelling", cmd_jaartelling, "de telling over een schooljaar (leerplichttelling, SPEC 8.1)"},
	{"uitleg", cmd_uitleg, "waarom een leerling op een peildatum zo is ingedeeld, in woorden"},
	{"vroegsignalen", cmd_vroegsignalen, "de vroegsignalen op een peildatum: meldplicht, ziekteverzuim, Kearney (SPEC 7.1)"},
	{"import", cmd_import, "een datasetmap in de registratie laden, alles of niets"},
	{"gebruiker", cmd_gebruiker, "een gebruiker aanmaken of bijwerken (wachtwoord via standaardinvoer)"},
	{"serve", cmd_serve, "de registratie via HTTP aanbieden (API en webinterface)"},
	{"herinneringen", cmd_herinneringen, "de dagelijkse herinneringen per e-mail nu versturen (verstuur)"},
	{"audit", cmd_audit, "het auditlog controleren (hashketen) of opschonen (bewaartermijn)"},
	{"schema", cmd_schema, "het schema van de registratie bijwerken en de databaserollen hun rechten geven (eigenaar)"},
	{"dossierwerk", cmd_dossierwerk, "dossierwerk uit een bestand naspelen met de regels van elke dag (de demo, docs/generator.md)"},
	{"migreer", cmd_migreer, "een registratie met al haar geschiedenis kopiëren naar een nieuwe, lege (bv. PostgreSQL)"},
	{"help", cmd_help, "dit overzicht"},
};

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	puts("inbeeld - ieder kind in beeld\n\nOpdrachten:");
	int width = 0; /* the longest name */
	for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
		if ((int)strlen(COMMANDS[i].name) > width)
			width = (int)strlen(COMMANDS[i].name);
	for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
		printf("  %-*s %s\n", width, COMMANDS[i].name, COMMANDS[i].summary);
	puts("\n'inbeeld OPDRACHT --help' toont de opties van een opdracht.\n"
	     "Gegevens komen uit een datasetmap (--data MAP) of uit de registratie (--db PAD, standaard\n"
	     "$INBEELD_DB of ./inbeeld.db). Uitvoer: --format table (standaard op een terminal), csv of json.");
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return cmd_help(argc, argv), EXIT_USAGE;
	for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
		if (strcmp(argv[1], COMMANDS[i].name) == 0)
			return COMMANDS[i].run(argc - 1, argv + 1);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(argc, argv);
	return usage_error("onbekende opdracht '%s'", argv[1]);
}
