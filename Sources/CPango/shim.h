#ifndef ROUTINE_CPANGO_SHIM_H
#define ROUTINE_CPANGO_SHIM_H
// Pango text layout on Cairo surfaces (Debian: libpango1.0-dev).
#include <pango/pangocairo.h>
#endif
