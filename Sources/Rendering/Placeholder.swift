public enum _RenderingPlaceholder {}
