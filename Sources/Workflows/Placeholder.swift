public enum _WorkflowsPlaceholder {}
