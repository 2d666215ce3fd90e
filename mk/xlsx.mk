# Reading an XLSX workbook (src/io/xlsx_read.c, issue 15: the SWV's own list
# as a spreadsheet): zlib unpacks the zip archive's entries, expat parses
# the parts. Both come with Debian (zlib1g-dev, libexpat1-dev; scripts/deps.sh).
# The fuzzer of the reader is build/fuzz/fuzz_xlsx (mk/fuzz.mk).

LIBS += -lexpat -lz
