#line 378 "book/00-preface.nw"
/**
 * @file gengs.h
 * @brief The whole gengs library: every public header, in the order of the book.
 *
 * Generated from book/00-preface.nw by notangle; do not edit.
 */
#ifndef GENGS_H
#define GENGS_H
#include "gengs-core.h"
#include "gengs-latent.h"
#include "gengs-vae.h"
#include "gengs-nvpdef.h"
#include "gengs-estimator.h"
#include "gengs-pool.h"
#include "gengs-layer.h"
#include "gengs-nn.h"
#include "gengs-data.h"
#include "gengs-corpus.h"
#endif /* GENGS_H */
