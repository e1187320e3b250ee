/// composeplan's own version, written in plan files and records.
public enum ToolVersion {
    public static let current = "0.1.0"
}
