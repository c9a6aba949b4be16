// Umbrella for the libxml2 headers replylint uses (push parser with SAX2 callbacks and streaming
// reader; never the DOM tree API).
#ifndef REPLYLINT_CLIBXML2_SHIM_H
#define REPLYLINT_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, and its encoding.h then includes the system's ICU headers,
// whose declarations clash with the private copy of ICU inside Swift's Foundation when a module
// sees both (a clean build fails with "UErrorCode ... is not present in definition"). replylint
// never touches the ICU converter fields of xmlCharEncodingHandler (it only passes pointers to
// libxml2), so the ICU part of the headers is hidden.
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
#endif
