#ifndef ROUTINE_COPENBLAS_SHIM_H
#define ROUTINE_COPENBLAS_SHIM_H
// OpenBLAS's CBLAS interface (the pthread build on Debian: pkg-config openblas).
#include <cblas.h>
#endif
