import Foundation

/// Byte counts for people: `512 B`, `12.3 MB`, `1.2 GB` (powers of 1000, as docker prints them).
public enum ByteText {
    public static func format(_ bytes: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}
