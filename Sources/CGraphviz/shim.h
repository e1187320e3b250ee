#ifndef COMPOSEPLAN_CGRAPHVIZ_SHIM_H
#define COMPOSEPLAN_CGRAPHVIZ_SHIM_H
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

/// cgraph's `Agdirected` is a mutable global that Swift 6 refuses to touch;
/// this returns a copy.
static inline Agdesc_t composeplan_agdirected(void) { return Agdirected; }
#endif
