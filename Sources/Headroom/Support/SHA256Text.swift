import Crypto

/// A SHA-256 digest as Headroom writes it: `sha256:` and 64 lower-case hex digits.
///
/// Shared by the policy-pack digest and the audit report's input digest, so
/// both are spelled the same way.
func sha256Text(_ digest: SHA256.Digest) -> String {
  let hex = Array("0123456789abcdef".utf8)
  var text: [UInt8] = Array("sha256:".utf8)
  text.reserveCapacity(7 + 64)
  for byte in digest {
    text.append(hex[Int(byte >> 4)])
    text.append(hex[Int(byte & 15)])
  }
  return String(decoding: text, as: UTF8.self)
}
