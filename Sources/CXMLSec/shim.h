#ifndef CXMLSEC_SHIM_H
#define CXMLSEC_SHIM_H
/* Only XMLSecShim's C code includes libxmlsec1's headers; Swift sees that target's small API, so
   no libxml2 type is imported twice through two modules. This header exists because a system
   library target needs one. */
#include <xmlsec/version.h>
#endif
