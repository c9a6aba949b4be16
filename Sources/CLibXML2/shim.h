// Umbrella for the libxml2 headers replylint uses (streaming reader only; never the DOM tree API).
#ifndef REPLYLINT_CLIBXML2_SHIM_H
#define REPLYLINT_CLIBXML2_SHIM_H
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
#endif
