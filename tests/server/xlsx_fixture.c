/*
 * xlsx_fixture.c - writes an XLSX file with libxlsxwriter, for the server
 * tests of the SWV's own list (tests/server/tafel_eigen.test.mjs): one row
 * per line of stdin, cells separated by tabs; a cell "#123" is the number
 * 123, a cell "@2013-04-01" that date as a date cell (shown dd-mm-yyyy),
 * any other cell a text. Built by the test itself: cc ... -lxlsxwriter.
 *
 *   xlsx_fixture OUT.xlsx < rows.tsv
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "gebruik: xlsx_fixture UIT.xlsx < regels.tsv\n");
		return 2;
	}
	lxw_workbook *wb = workbook_new(argv[1]);
	if (!wb)
		return 1;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Thuiszitters");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd-mm-yyyy");
	char line[4096];
	lxw_row_t r = 0;
	while (ws && fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\r\n")] = '\0';
		lxw_col_t c = 0;
		for (char *cell = line, *tab;; cell = tab + 1, c++) {
			tab = strchr(cell, '\t');
			if (tab)
				*tab = '\0';
			if (cell[0] == '#') {
				worksheet_write_number(ws, r, c, strtod(cell + 1, NULL), NULL);
			} else if (cell[0] == '@') {
				lxw_datetime dt = {0};
				if (sscanf(cell + 1, "%d-%d-%d", &dt.year, &dt.month, &dt.day) == 3)
					worksheet_write_datetime(ws, r, c, &dt, date);
			} else if (cell[0]) {
				worksheet_write_string(ws, r, c, cell, NULL);
			}
			if (!tab)
				break;
		}
		r++;
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
