#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; its ICU headers clash with Foundation's own ICU module
   ("'UErrorCode' has different definitions in different modules"). Nothing we call needs the
   ICU parts of libxml2's API, so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>

/* xmlFree is a global function-pointer variable, which Swift 6 will not touch. */
static inline void clibxml2_free(void *p) { xmlFree(p); }
#endif
