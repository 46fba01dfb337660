#ifndef ROUTINE_CCAIRO_SHIM_H
#define ROUTINE_CCAIRO_SHIM_H
// Cairo with its PDF, SVG and image-surface back ends (Debian: libcairo2-dev).
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#endif
