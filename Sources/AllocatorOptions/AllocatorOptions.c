#include "AllocatorOptions.h"

// jemalloc reads its options from this symbol when the process starts
// (before MALLOC_CONF, which still overrides them). Other allocators
// ignore it.
//
// thp:always, metadata_thp:always: jemalloc asks the kernel for
// transparent huge pages (madvise) for its memory. A `plan` of a large
// project touches a few hundred megabytes once; with 4 KiB pages that is
// some 60,000 page faults, about a tenth of the process's time. Where the
// kernel has transparent huge pages off, nothing changes.
const char *malloc_conf = "thp:always,metadata_thp:always";
