#include "XMLSecShim.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <xmlsec/xmlsec.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmltree.h>
#include <xmlsec/openssl/evp.h>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_result = VAXS_FAILED;

/* libxmlsec1 reports each failure through this callback; the status codes say what went
   wrong, so the messages are dropped rather than printed. */
static void quiet(const char *file, int line, const char *func, const char *object, const char *subject, int reason,
                  const char *msg) {
    (void)file; (void)line; (void)func; (void)object; (void)subject; (void)reason; (void)msg;
}

static void init_once_body(void) {
    xmlInitParser();
    if (xmlSecInit() < 0) return;
    if (xmlSecCheckVersion() != 1) return;
    if (xmlSecCryptoAppInit(NULL) < 0) return;
    if (xmlSecCryptoInit() < 0) return;
    xmlSecErrorsSetCallback(quiet);
    init_result = VAXS_OK;
}

int vaxs_init(void) {
    pthread_once(&init_once, init_once_body);
    return init_result;
}

/* No network, no entity expansion, no messages on stderr; whitespace kept, because the
   signature covers it. */
static xmlDocPtr parse(const char *doc, size_t len) {
    if (len > INT_MAX) return NULL;
    return xmlReadMemory(doc, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

/* The one ds:Signature element child of the root, which must be its last element child.
   Sets *status to VAXS_NO_SIGNATURE or VAXS_MALFORMED when there is none to use. */
static xmlNodePtr find_signature(xmlDocPtr d, int *status) {
    xmlNodePtr root = xmlDocGetRootElement(d);
    xmlNodePtr found = NULL, last = NULL;
    int count = 0;
    if (root == NULL) { *status = VAXS_NOT_XML; return NULL; }
    for (xmlNodePtr n = root->children; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        last = n;
        if (xmlSecCheckNodeName(n, xmlSecNodeSignature, xmlSecDSigNs)) { found = n; count++; }
    }
    /* A signature anywhere deeper is not ours to accept either. */
    if (count == 0) {
        xmlNodePtr deep = xmlSecFindNode(root, xmlSecNodeSignature, xmlSecDSigNs);
        *status = deep == NULL ? VAXS_NO_SIGNATURE : VAXS_MALFORMED;
        return NULL;
    }
    if (count > 1 || found != last || xmlSecFindNode(found->next, xmlSecNodeSignature, xmlSecDSigNs) != NULL) {
        *status = VAXS_MALFORMED;
        return NULL;
    }
    *status = VAXS_OK;
    return found;
}

static xmlSecKeyPtr load_key(const char *pem, size_t len) {
    if (len > UINT_MAX) return NULL;
    return xmlSecCryptoAppKeyLoadMemory((const xmlSecByte *)pem, (xmlSecSize)len, xmlSecKeyDataFormatPem, NULL, NULL,
                                        NULL);
}

static int der_and_pem(EVP_PKEY *pkey, unsigned char **der_out, size_t *der_len, char **pem_out, size_t *pem_len) {
    int n = i2d_PUBKEY(pkey, NULL);
    if (n <= 0) return VAXS_BAD_KEY;
    unsigned char *der = malloc((size_t)n), *p = der;
    if (der == NULL) return VAXS_FAILED;
    if (i2d_PUBKEY(pkey, &p) != n) { free(der); return VAXS_BAD_KEY; }
    BIO *bio = BIO_new(BIO_s_mem());
    char *data = NULL;
    long len = 0;
    if (bio == NULL || PEM_write_bio_PUBKEY(bio, pkey) != 1 || (len = BIO_get_mem_data(bio, &data)) <= 0) {
        if (bio) BIO_free(bio);
        free(der);
        return VAXS_FAILED;
    }
    *pem_out = malloc((size_t)len);
    if (*pem_out == NULL) { BIO_free(bio); free(der); return VAXS_FAILED; }
    memcpy(*pem_out, data, (size_t)len);
    *pem_len = (size_t)len;
    BIO_free(bio);
    *der_out = der;
    *der_len = (size_t)n;
    return VAXS_OK;
}

int vaxs_public_key(const char *pem, size_t len, unsigned char **der_out, size_t *der_len, char **pem_out,
                    size_t *pem_len) {
    int status = vaxs_init();
    if (status != VAXS_OK) return status;
    *der_out = NULL;
    *pem_out = NULL;
    xmlSecKeyPtr key = load_key(pem, len);
    if (key == NULL) return VAXS_BAD_KEY;
    EVP_PKEY *pkey = xmlSecOpenSSLEvpKeyDataGetEvp(xmlSecKeyGetValue(key));
    status = pkey == NULL ? VAXS_BAD_KEY : der_and_pem(pkey, der_out, der_len, pem_out, pem_len);
    xmlSecKeyDestroy(key);
    return status;
}

int vaxs_sign(const char *doc, size_t doc_len, const char *key_pem, size_t key_len, const char *key_name,
              const char *reference_id, char **out, size_t *out_len) {
    int status = vaxs_init();
    if (status != VAXS_OK) return status;
    *out = NULL;
    *out_len = 0;
    xmlDocPtr d = parse(doc, doc_len);
    if (d == NULL || xmlDocGetRootElement(d) == NULL) { if (d) xmlFreeDoc(d); return VAXS_NOT_XML; }
    find_signature(d, &status);
    if (status != VAXS_NO_SIGNATURE) { xmlFreeDoc(d); return VAXS_MALFORMED; } /* already signed */

    xmlSecKeyPtr key = load_key(key_pem, key_len);
    xmlSecTransformId method = NULL;
    if (key != NULL && (xmlSecKeyGetType(key) & xmlSecKeyDataTypePrivate)) {
        if (xmlSecKeyCheckId(key, xmlSecKeyDataEcdsaId)) method = xmlSecTransformEcdsaSha256Id;
        else if (xmlSecKeyCheckId(key, xmlSecKeyDataRsaId)) method = xmlSecTransformRsaSha256Id;
    }
    if (method == NULL || xmlSecKeySetName(key, BAD_CAST key_name) < 0) {
        if (key) xmlSecKeyDestroy(key);
        xmlFreeDoc(d);
        return VAXS_BAD_KEY;
    }

    status = VAXS_FAILED;
    xmlSecDSigCtxPtr ctx = NULL;
    xmlNodePtr sig = xmlSecTmplSignatureCreateNsPref(d, xmlSecTransformExclC14NId, method, NULL, BAD_CAST "ds");
    if (sig == NULL) goto done;
    xmlAddChild(xmlDocGetRootElement(d), sig);
    xmlNodePtr ref = xmlSecTmplSignatureAddReference(sig, xmlSecTransformSha256Id, BAD_CAST reference_id, BAD_CAST "", NULL);
    if (ref == NULL) goto done;
    if (xmlSecTmplReferenceAddTransform(ref, xmlSecTransformEnvelopedId) == NULL) goto done;
    if (xmlSecTmplReferenceAddTransform(ref, xmlSecTransformExclC14NId) == NULL) goto done;
    xmlNodePtr info = xmlSecTmplSignatureEnsureKeyInfo(sig, NULL);
    if (info == NULL || xmlSecTmplKeyInfoAddKeyName(info, NULL) == NULL) goto done;

    ctx = xmlSecDSigCtxCreate(NULL);
    if (ctx == NULL) goto done;
    ctx->signKey = key; /* the context owns the key from here */
    key = NULL;
    if (xmlSecDSigCtxSign(ctx, sig) < 0) goto done;

    xmlBufferPtr buf = xmlBufferCreate();
    if (buf == NULL) goto done;
    if (xmlNodeDump(buf, d, sig, 0, 0) > 0) {
        size_t n = (size_t)xmlBufferLength(buf);
        *out = malloc(n);
        if (*out != NULL) {
            memcpy(*out, xmlBufferContent(buf), n);
            *out_len = n;
            status = VAXS_OK;
        }
    }
    xmlBufferFree(buf);
done:
    if (ctx) xmlSecDSigCtxDestroy(ctx);
    if (key) xmlSecKeyDestroy(key);
    xmlFreeDoc(d);
    return status;
}

static void copy(char *dst, size_t cap, const xmlChar *s) {
    dst[0] = 0;
    if (s != NULL) {
        strncpy(dst, (const char *)s, cap - 1);
        dst[cap - 1] = 0;
    }
}

static void append_attribute(char *dst, size_t cap, xmlNodePtr node, const char *name) {
    xmlChar *value = node ? xmlGetProp(node, BAD_CAST name) : NULL;
    size_t used = strlen(dst);
    if (used + 1 < cap) {
        snprintf(dst + used, cap - used, "%s\n", value ? (const char *)value : "");
    }
    if (value) xmlFree(value);
}

static xmlNodePtr element_child(xmlNodePtr parent, const char *name) {
    for (xmlNodePtr n = parent ? parent->children : NULL; n != NULL; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name)) return n;
    }
    return NULL;
}

int vaxs_inspect(const char *doc, size_t doc_len, struct vaxs_report_facts *facts) {
    int status = vaxs_init();
    if (status != VAXS_OK) return status;
    memset(facts, 0, sizeof *facts);
    xmlDocPtr d = parse(doc, doc_len);
    if (d == NULL) return VAXS_NOT_XML;
    xmlNodePtr root = xmlDocGetRootElement(d);
    if (root == NULL) { xmlFreeDoc(d); return VAXS_NOT_XML; }
    xmlChar *generated = xmlGetProp(root, BAD_CAST "generated-at");
    copy(facts->generated_at, sizeof facts->generated_at, generated);
    if (generated) xmlFree(generated);
    append_attribute(facts->identity, sizeof facts->identity, root, "generated-at");
    append_attribute(facts->identity, sizeof facts->identity, element_child(root, "input"), "sha256");
    append_attribute(facts->identity, sizeof facts->identity, element_child(root, "input"), "document-index");
    append_attribute(facts->identity, sizeof facts->identity, element_child(root, "venue"), "id");
    append_attribute(facts->identity, sizeof facts->identity, element_child(root, "assessment"), "date");

    xmlNodePtr sig = find_signature(d, &status);
    if (sig != NULL) {
        xmlNodePtr info = xmlSecFindChild(sig, xmlSecNodeKeyInfo, xmlSecDSigNs);
        xmlNodePtr name = info ? xmlSecFindChild(info, xmlSecNodeKeyName, xmlSecDSigNs) : NULL;
        xmlChar *text = name ? xmlNodeGetContent(name) : NULL;
        copy(facts->key_name, sizeof facts->key_name, text);
        if (text) xmlFree(text);
        xmlNodePtr signed_info = xmlSecFindChild(sig, xmlSecNodeSignedInfo, xmlSecDSigNs);
        xmlNodePtr ref = signed_info ? xmlSecFindChild(signed_info, xmlSecNodeReference, xmlSecDSigNs) : NULL;
        xmlChar *id = ref ? xmlGetProp(ref, xmlSecAttrId) : NULL;
        copy(facts->reference_id, sizeof facts->reference_id, id);
        if (id) xmlFree(id);
    }
    xmlFreeDoc(d);
    return status;
}

int vaxs_verify(const char *doc, size_t doc_len, const char *pub_pem, size_t pub_len, int *reference_ok) {
    int status = vaxs_init();
    if (status != VAXS_OK) return status;
    *reference_ok = 0;
    xmlDocPtr d = parse(doc, doc_len);
    if (d == NULL) return VAXS_NOT_XML;
    xmlNodePtr sig = find_signature(d, &status);
    if (sig == NULL) { xmlFreeDoc(d); return status; }
    xmlSecKeyPtr key = load_key(pub_pem, pub_len);
    if (key == NULL) { xmlFreeDoc(d); return VAXS_BAD_KEY; }

    status = VAXS_FAILED;
    xmlSecDSigCtxPtr ctx = xmlSecDSigCtxCreate(NULL);
    if (ctx == NULL) { xmlSecKeyDestroy(key); xmlFreeDoc(d); return status; }
    ctx->signKey = key;
    /* Only what we sign with: the whole document (URI=""), enveloped, exclusive c14n, SHA-256,
       ECDSA or RSA. Anything else (an XPath or XSLT transform, a reference to part of the
       document or to a file) makes the signature malformed, not merely invalid. */
    ctx->enabledReferenceUris = xmlSecTransformUriTypeEmpty;
    if (xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformEnvelopedId) < 0 ||
        xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformExclC14NId) < 0 ||
        xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformSha256Id) < 0 ||
        xmlSecDSigCtxEnableSignatureTransform(ctx, xmlSecTransformExclC14NId) < 0 ||
        xmlSecDSigCtxEnableSignatureTransform(ctx, xmlSecTransformEcdsaSha256Id) < 0 ||
        xmlSecDSigCtxEnableSignatureTransform(ctx, xmlSecTransformRsaSha256Id) < 0) goto done;

    if (xmlSecDSigCtxVerify(ctx, sig) < 0) { status = VAXS_MALFORMED; goto done; }
    if (xmlSecPtrListGetSize(&(ctx->signedInfoReferences)) != 1) { status = VAXS_MALFORMED; goto done; }
    xmlSecDSigReferenceCtxPtr ref = (xmlSecDSigReferenceCtxPtr)xmlSecPtrListGetItem(&(ctx->signedInfoReferences), 0);
    if (ref == NULL || ref->uri == NULL || ref->uri[0] != 0) { status = VAXS_MALFORMED; goto done; }
    *reference_ok = ref->status == xmlSecDSigStatusSucceeded;
    status = ctx->status == xmlSecDSigStatusSucceeded ? VAXS_OK : VAXS_INVALID;
done:
    xmlSecDSigCtxDestroy(ctx);
    xmlFreeDoc(d);
    return status;
}
