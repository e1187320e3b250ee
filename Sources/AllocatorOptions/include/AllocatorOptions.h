#ifndef COMPOSEPLAN_ALLOCATOR_OPTIONS_H
#define COMPOSEPLAN_ALLOCATOR_OPTIONS_H

/// The options the executables' allocator (jemalloc on Linux) starts with.
extern const char *malloc_conf;

#endif
