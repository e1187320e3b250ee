public enum _ExecutorPlaceholder {}
