import ComposeModel

/// Loads compose projects for the commands.
public enum ProjectSource {
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
