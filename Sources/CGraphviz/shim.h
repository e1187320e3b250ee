#ifndef COMPOSEPLAN_CGRAPHVIZ_SHIM_H
#define COMPOSEPLAN_CGRAPHVIZ_SHIM_H
/* Included through pkg-config's include path (`pkg-config --cflags libgvc`
 * gives .../include/graphviz), so this works wherever Graphviz is
 * installed (Debian /usr/include/graphviz, Homebrew, …). */
#include <gvc.h>
#include <cgraph.h>
#include <stdlib.h>

/// cgraph's `Agdirected` is a mutable global that Swift 6 refuses to touch;
/// this returns a copy.
static inline Agdesc_t composeplan_agdirected(void) { return Agdirected; }

/* An ID discipline that numbers every object in creation order.
 *
 * cgraph's default discipline uses the address of an object's interned
 * name as its ID, and keeps subgraphs ordered by ID: cluster order, and so
 * the layout, would then depend on where malloc put the names (which varies
 * between threads and runs). Here named objects are refused (`map` returns
 * 0), so cgraph gives them a sequential anonymous ID and remembers the name
 * in its internal map, which `agnameof` and `agwrite` use. */
static void *composeplan_id_open(Agraph_t *g, Agdisc_t *disc) {
    (void)g; (void)disc;
    IDTYPE *counter = (IDTYPE *)malloc(sizeof(IDTYPE));
    if (counter) *counter = 1;
    return counter;
}
static long composeplan_id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag) {
    (void)objtype;
    IDTYPE *counter = (IDTYPE *)state;
    if (str || !createflag || !counter) return 0;
    *id = *counter;
    *counter += 2;
    return 1;
}
static long composeplan_id_alloc(void *state, int objtype, IDTYPE id) {
    (void)state; (void)objtype; (void)id;
    return 0;
}
static void composeplan_id_free(void *state, int objtype, IDTYPE id) { (void)state; (void)objtype; (void)id; }
static char *composeplan_id_print(void *state, int objtype, IDTYPE id) {
    (void)state; (void)objtype; (void)id;
    return NULL;
}
static void composeplan_id_close(void *state) { free(state); }
static void composeplan_id_register(void *state, int objtype, void *obj) { (void)state; (void)objtype; (void)obj; }

/// The discipline to pass to `agopen`: cgraph's memory and I/O disciplines
/// with the sequential ID discipline above.
static inline Agdisc_t *composeplan_sequential_disc(void) {
    static Agiddisc_t ids = {
        composeplan_id_open, composeplan_id_map, composeplan_id_alloc, composeplan_id_free,
        composeplan_id_print, composeplan_id_close, composeplan_id_register,
    };
    static Agdisc_t disc;
    disc.mem = &AgMemDisc;
    disc.id = &ids;
    disc.io = &AgIoDisc;
    return &disc;
}
#endif
