import Crypto
import Foundation

/// SHA-256 as lowercase hex, the form of every digest composeplan writes
/// (config hashes, compose file digests, state fingerprints).
public enum SHA256Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func digest<Bytes: DataProtocol>(of bytes: Bytes) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
