public enum _ReportPlaceholder {}
