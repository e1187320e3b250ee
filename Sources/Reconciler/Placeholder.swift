public enum _ReconcilerPlaceholder {}
