#ifndef COMPOSEPLAN_CGRAPHVIZ_SHIM_H
#define COMPOSEPLAN_CGRAPHVIZ_SHIM_H
/* Included through pkg-config's include path (`pkg-config --cflags libgvc`
 * gives .../include/graphviz), so this works wherever Graphviz is
 * installed (Debian /usr/include/graphviz, Homebrew, …). */
#include <gvc.h>
#include <cgraph.h>
#include <stdlib.h>
#include <string.h>

/// cgraph's `Agdirected` is a mutable global that Swift 6 refuses to touch;
/// this returns a copy.
static inline Agdesc_t composeplan_agdirected(void) { return Agdirected; }

/* An ID discipline that numbers every object in creation order.
 *
 * cgraph's default discipline uses the address of an object's interned
 * name as its ID and keeps subgraphs ordered by ID, so cluster order (and
 * the layout) would depend on where malloc put the names, which varies
 * between threads and runs. Here every object gets the next odd number;
 * names live in a small hash table owned by the graph and are released
 * when it is closed. (Leaving named objects to cgraph's internal map instead would
 * leak its entries: agclose does not free them.) */
typedef struct {
    int objtype;
    IDTYPE id;
    char *name; /* NULL: empty slot */
} composeplan_id_slot;

typedef struct {
    IDTYPE next;
    composeplan_id_slot *slots; /* open addressing, capacity a power of two */
    size_t slot_count, slot_capacity;
    char **names; /* by (id - 1) / 2; NULL for anonymous objects */
    size_t name_count, name_capacity;
} composeplan_id_state;

static size_t composeplan_id_hash(int objtype, const char *name) {
    size_t hash = 1469598103934665603ULL ^ (size_t)objtype;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++) hash = (hash ^ *c) * 1099511628211ULL;
    return hash;
}

static composeplan_id_slot *composeplan_id_find(composeplan_id_state *state, int objtype, const char *name) {
    size_t mask = state->slot_capacity - 1;
    for (size_t i = composeplan_id_hash(objtype, name) & mask;; i = (i + 1) & mask) {
        composeplan_id_slot *slot = &state->slots[i];
        if (!slot->name || (slot->objtype == objtype && strcmp(slot->name, name) == 0)) return slot;
    }
}

static int composeplan_id_grow(composeplan_id_state *state) {
    composeplan_id_slot *old = state->slots;
    size_t old_capacity = state->slot_capacity;
    composeplan_id_slot *slots = (composeplan_id_slot *)calloc(old_capacity * 2, sizeof(composeplan_id_slot));
    if (!slots) return 0;
    state->slots = slots;
    state->slot_capacity = old_capacity * 2;
    for (size_t i = 0; i < old_capacity; i++) {
        if (old[i].name) *composeplan_id_find(state, old[i].objtype, old[i].name) = old[i];
    }
    free(old);
    return 1;
}

/* Records `name` (or NULL) for the next ID; 0 when out of memory. */
static int composeplan_id_append(composeplan_id_state *state, char *name, IDTYPE *id) {
    if (state->name_count == state->name_capacity) {
        size_t capacity = state->name_capacity ? state->name_capacity * 2 : 256;
        char **names = (char **)realloc(state->names, capacity * sizeof(char *));
        if (!names) return 0;
        state->names = names;
        state->name_capacity = capacity;
    }
    state->names[state->name_count++] = name;
    *id = state->next;
    state->next += 2;
    return 1;
}

static void *composeplan_id_open(Agraph_t *g, Agdisc_t *disc) {
    (void)g; (void)disc;
    composeplan_id_state *state = (composeplan_id_state *)calloc(1, sizeof(composeplan_id_state));
    if (!state) return NULL;
    state->next = 1;
    state->slot_capacity = 256;
    state->slots = (composeplan_id_slot *)calloc(state->slot_capacity, sizeof(composeplan_id_slot));
    if (!state->slots) {
        free(state);
        return NULL;
    }
    return state;
}

static long composeplan_id_map(void *opaque, int objtype, char *str, IDTYPE *id, int createflag) {
    composeplan_id_state *state = (composeplan_id_state *)opaque;
    if (!state) return 0;
    if (!str) return createflag ? composeplan_id_append(state, NULL, id) : 0;
    composeplan_id_slot *slot = composeplan_id_find(state, objtype, str);
    if (slot->name) {
        *id = slot->id;
        return 1;
    }
    if (!createflag) return 0;
    if ((state->slot_count + 1) * 2 > state->slot_capacity) {
        if (!composeplan_id_grow(state)) return 0;
        slot = composeplan_id_find(state, objtype, str);
    }
    /* A refstr (cgraph's interned string): agwrite and agnameof's callers
     * read its header (is it an HTML label?), so plain strdup will not do.
     * Interned without a graph: the graph's own string table is gone by the
     * time the ID discipline closes. */
    char *name = agstrdup(NULL, str);
    if (!name) return 0;
    if (!composeplan_id_append(state, name, id)) {
        agstrfree(NULL, name);
        return 0;
    }
    slot->objtype = objtype;
    slot->name = name;
    slot->id = *id;
    state->slot_count++;
    return 1;
}

static long composeplan_id_alloc(void *state, int objtype, IDTYPE id) {
    (void)state; (void)objtype; (void)id;
    return 0; /* objects are never created with a caller-chosen ID */
}

static void composeplan_id_free(void *state, int objtype, IDTYPE id) {
    (void)state; (void)objtype; (void)id; /* names are freed with the graph */
}

static char *composeplan_id_print(void *opaque, int objtype, IDTYPE id) {
    (void)objtype;
    composeplan_id_state *state = (composeplan_id_state *)opaque;
    size_t index = (size_t)((id - 1) / 2);
    return state && id % 2 == 1 && index < state->name_count ? state->names[index] : NULL;
}

static void composeplan_id_close(void *opaque) {
    composeplan_id_state *state = (composeplan_id_state *)opaque;
    if (!state) return;
    for (size_t i = 0; i < state->name_count; i++) {
        if (state->names[i]) agstrfree(NULL, state->names[i]);
    }
    free(state->names);
    free(state->slots);
    free(state);
}

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
