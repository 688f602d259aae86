#ifndef XMLSECSHIM_H
#define XMLSECSHIM_H
#include <stddef.h>

/* A narrow C face of libxmlsec1 (OpenSSL back end) for enveloped XML Signatures over a whole
   report: exclusive canonicalisation, SHA-256, ECDSA or RSA. Written in C because libxmlsec1's
   transform and key-data identifiers are function-like macros that Swift cannot import.
   No function here prints anything: libxmlsec1's and libxml2's messages are kept out of
   stderr, and none of them ever carries key material. */

enum vaxs_status {
    VAXS_OK = 0,
    VAXS_NOT_XML = 1,        /* the document does not parse */
    VAXS_BAD_KEY = 2,        /* the key does not load, or is of a kind we do not sign with */
    VAXS_NO_SIGNATURE = 3,   /* no ds:Signature child of the root */
    VAXS_MALFORMED = 4,      /* a signature we do not accept: several, misplaced, other algorithms,
                                other references or transforms */
    VAXS_INVALID = 5,        /* the signature does not verify with the key */
    VAXS_FAILED = 6          /* libxmlsec1 failed for another reason (out of memory, init) */
};

/* Initialises libxml2 and libxmlsec1 once per process; safe to call from any thread. */
int vaxs_init(void);

/* Signs `doc` (a whole report) with the PEM private key and returns, in *out (malloc'd, caller
   frees), the serialised ds:Signature element to insert verbatim just before the root's closing
   tag. `key_name` goes into ds:KeyInfo/ds:KeyName; `reference_id` becomes the Reference's Id. */
int vaxs_sign(const char *doc, size_t doc_len, const char *key_pem, size_t key_len, const char *key_name,
              const char *reference_id, char **out, size_t *out_len);

/* What a report says about itself before its signature is checked. Strings are NUL-terminated
   and truncated to their arrays. */
struct vaxs_report_facts {
    char key_name[256];      /* ds:KeyInfo/ds:KeyName of the signature, if any */
    char reference_id[256];  /* the Id of the signature's Reference, if any */
    char generated_at[64];   /* the root's generated-at attribute */
    /* The facts that make one report this report and not another, one per line: when it was
       generated, the input's SHA-256 and document index, the venue id, the assessment date. */
    char identity[1024];
};

/* Fills `facts` and returns VAXS_OK when the report has one acceptable signature,
   VAXS_NO_SIGNATURE when it has none, VAXS_MALFORMED or VAXS_NOT_XML. */
int vaxs_inspect(const char *doc, size_t doc_len, struct vaxs_report_facts *facts);

/* The DER SubjectPublicKeyInfo of a PEM key (private or public), in *out (malloc'd, caller
   frees), and its PEM form in *pem_out (malloc'd). VAXS_OK or VAXS_BAD_KEY. */
int vaxs_public_key(const char *pem, size_t len, unsigned char **der_out, size_t *der_len, char **pem_out,
                    size_t *pem_len);

/* Verifies the signature of `doc` with the PEM public key. On VAXS_INVALID, *reference_ok tells
   whether the signed content matched (1: the SignatureValue is what failed; 0: the content
   differs from what was signed). */
int vaxs_verify(const char *doc, size_t doc_len, const char *pub_pem, size_t pub_len, int *reference_ok);
#endif
