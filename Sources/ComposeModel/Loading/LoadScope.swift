/// The context one set of compose files is read in: the project's own
/// files, or the files of one `include` entry, which docker compose loads as
/// a project of its own (its own project directory and environment) before
/// importing its resources.
struct LoadScope {
    /// Interpolation environment: for the project, the process environment
    /// over `.env` (plus `COMPOSE_PROJECT_NAME`); for an include, its
    /// parent's environment over the include's env files (the parent wins).
    var environment: [String: String]
    /// Absolute folder that `include` paths, `env_file`s and
    /// `project_directory`, and `extends.file` of the scope's files, are
    /// relative to (the project directory, or the include's).
    var directory: String
    /// Absolute paths of the files that include this scope's files, outermost
    /// first, to detect include cycles.
    var includeChain: [String]
    /// Whether relative paths are made absolute against `directory` once the
    /// scope's files are merged (included files); the project's own paths
    /// are resolved by the decoder instead.
    var resolvesPaths: Bool
}
