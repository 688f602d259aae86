/* Print where libyaml (the event parser venue-audit uses) reports a problem in a file.
 *
 * Build: gcc libyaml-position.c $(pkg-config --cflags --libs yaml-0.1) -o libyaml-position
 * Usage: ./libyaml-position FILE            first error as LINE:COLUMN|problem|context
 *        ./libyaml-position --events FILE   also every event with its start mark
 *
 * Marks are printed 1-based (libyaml's are 0-based). Reader errors (bad encoding, control
 * characters) carry no mark, only a byte offset: for them the program prints
 * "offset N" and the 1-based line:column of that byte, counting characters after the last
 * line break (the bytes before a reader error are valid UTF-8, so this equals what libyaml's
 * marks would say). Exit status 0 if the file parses, 1 on a libyaml error, 2 on usage.
 */
#include <stdio.h>
#include <string.h>
#include <yaml.h>

static const char *event_name(yaml_event_type_t t) {
    switch (t) {
    case YAML_STREAM_START_EVENT: return "stream-start";
    case YAML_STREAM_END_EVENT: return "stream-end";
    case YAML_DOCUMENT_START_EVENT: return "document-start";
    case YAML_DOCUMENT_END_EVENT: return "document-end";
    case YAML_ALIAS_EVENT: return "alias";
    case YAML_SCALAR_EVENT: return "scalar";
    case YAML_SEQUENCE_START_EVENT: return "sequence-start";
    case YAML_SEQUENCE_END_EVENT: return "sequence-end";
    case YAML_MAPPING_START_EVENT: return "mapping-start";
    case YAML_MAPPING_END_EVENT: return "mapping-end";
    default: return "none";
    }
}

/* 1-based line:column of byte `offset`, columns counted in UTF-8 characters. */
static void offset_to_line_column(FILE *f, size_t offset, long *line, long *column) {
    int c;
    size_t i = 0;
    *line = 1;
    *column = 1;
    rewind(f);
    while (i < offset && (c = fgetc(f)) != EOF) {
        i++;
        if (c == '\n') { (*line)++; *column = 1; }
        else if (c == '\r') { /* CR LF counts once, at the LF */
            int d = fgetc(f);
            if (d == '\n' && i < offset) { i++; }
            else if (d != EOF) ungetc(d, f);
            (*line)++; *column = 1;
        }
        else if ((c & 0xC0) != 0x80) (*column)++; /* not a UTF-8 continuation byte */
    }
}

int main(int argc, char **argv) {
    int events = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--events") == 0) events = 1;
        else path = argv[i];
    }
    if (!path) { fprintf(stderr, "usage: %s [--events] FILE\n", argv[0]); return 2; }
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return 2; }

    yaml_parser_t parser;
    yaml_event_t event;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    int status = 0;
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            const char *kind = parser.error == YAML_READER_ERROR ? "reader"
                : parser.error == YAML_SCANNER_ERROR ? "scanner"
                : parser.error == YAML_PARSER_ERROR ? "parser" : "other";
            if (parser.error == YAML_READER_ERROR) {
                long line, column;
                offset_to_line_column(f, parser.problem_offset, &line, &column);
                printf("%ld:%ld|%s|offset %zu value %d\n", line, column,
                       parser.problem ? parser.problem : "", parser.problem_offset,
                       parser.problem_value);
            } else {
                printf("%zu:%zu|%s|%s", parser.problem_mark.line + 1,
                       parser.problem_mark.column + 1, parser.problem ? parser.problem : "",
                       parser.context ? parser.context : "");
                if (parser.context)
                    printf(" (context at %zu:%zu)", parser.context_mark.line + 1,
                           parser.context_mark.column + 1);
                printf("\n");
            }
            printf("error kind: %s\n", kind);
            status = 1;
            break;
        }
        if (events) {
            printf("%zu:%zu %s", event.start_mark.line + 1, event.start_mark.column + 1,
                   event_name(event.type));
            if (event.type == YAML_SCALAR_EVENT)
                printf(" %.40s", (const char *)event.data.scalar.value);
            if (event.type == YAML_ALIAS_EVENT)
                printf(" *%s", (const char *)event.data.alias.anchor);
            printf("\n");
        }
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    if (status == 0) printf("ok\n");
    yaml_parser_delete(&parser);
    fclose(f);
    return status;
}
