import ComposeModel

/// Loads compose projects for the commands, with errors worded for the CLI.
public enum ProjectSource {
    public static func load(_ options: LoadOptions) throws -> Project {
        do {
            return try ProjectLoader().load(options)
        } catch let error as ComposeError {
            throw WorkflowError(error.description)
        }
    }
}
