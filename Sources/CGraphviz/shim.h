#ifndef COMPOSEPLAN_CGRAPHVIZ_SHIM_H
#define COMPOSEPLAN_CGRAPHVIZ_SHIM_H
/* Included through pkg-config's include path (`pkg-config --cflags libgvc`
 * gives .../include/graphviz), so this works wherever Graphviz is
 * installed (Debian /usr/include/graphviz, Homebrew, …). */
#include <gvc.h>
#include <cgraph.h>

/// cgraph's `Agdirected` is a mutable global that Swift 6 refuses to touch;
/// this returns a copy.
static inline Agdesc_t composeplan_agdirected(void) { return Agdirected; }
#endif
