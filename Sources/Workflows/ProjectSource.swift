import ComposeModel

/// Loads compose projects for the commands.
public enum ProjectSource {
    /// The project's name: `-p` when given (normalized as compose does,
    /// without reading any file: `unlock` may run where the compose files
    /// are not), else the name the compose files give.
    public static func name(_ options: LoadOptions) throws(WorkflowError) -> String {
        guard let raw = options.projectName else { return try load(options).name }
        guard let name = ProjectName.normalize(raw) else {
            throw .compose(.project(file: "-p", "project name \"\(raw)\" has no letter or digit"))
        }
        return name
    }

    public static func load(_ options: LoadOptions) throws(WorkflowError) -> Project {
        do {
            return try ProjectLoader().load(options)
        } catch let error as ComposeError {
            throw .compose(error)
        } catch {
            throw .compose(.unreadableFile(path: options.files.first ?? ".", reason: "\(error)"))
        }
    }
}
