public enum _EnginePlaceholder {}
