import HeadroomTestSupport
import Testing

@testable import Headroom

/// A writer copies the policy reference it wrote last when the next one is
/// identical: the bytes must be those of writing each reference afresh.
@Suite struct Writer2PolicyMemoTests {
  /// `reference` written by a writer that has written nothing before.
  func fresh(_ reference: PolicyReference) -> String {
    var w = JSONWriter()
    reference.write(to: &w)
    return String(decoding: w.bytes, as: UTF8.self)
  }

  /// All of `references` written as one array by one writer.
  func inOneWriter(_ references: [PolicyReference]) -> String {
    var w = JSONWriter()
    w.beginArray()
    for reference in references { reference.write(to: &w) }
    w.endArray()
    return String(decoding: w.bytes, as: UTF8.self)
  }

  @Test func sameReferenceAgainIsTheSameBytes() {
    let pack = PolicyReference(
      id: "gb-sfs", version: "2026.1", digest: "sha256:" + String(repeating: "0f", count: 32),
      overlayDigest: nil)
    let one = fresh(pack)
    #expect(
      one
        == "{\"id\":\"gb-sfs\",\"version\":\"2026.1\",\"digest\":\"sha256:\(String(repeating: "0f", count: 32))\"}"
    )
    #expect(
      inOneWriter(Array(repeating: pack, count: 5)) == "["
        + Array(repeating: one, count: 5).joined(separator: ",") + "]")
  }

  /// Seeded references, some sharing strings, some equal in value only,
  /// some with text that needs escaping: each as if written alone.
  @Test func mixedReferencesAreEachWrittenAsAlone() {
    var random = SeededGenerator(seed: 61)
    let ids = [
      "gb-sfs", "gb-sfs-2", "tab\tid", "quote\"id", "a-much-longer-policy-identifier-than-fits-in-a-word",
    ]
    let digests = [
      "sha256:" + String(repeating: "ab", count: 32), "sha256:" + String(repeating: "cd", count: 32), "x",
    ]
    let overlays: [String?] = [nil, "sha256:" + String(repeating: "ef", count: 32), "o\\v"]
    let made = (0..<12).map { k in
      PolicyReference(
        id: ids[k % ids.count], version: "2026.\(k % 3)", digest: digests[k % digests.count],
        overlayDigest: overlays[k % overlays.count])
    }
    var references: [PolicyReference] = []
    for _ in 0..<400 {
      var reference = made[Int.random(in: 0..<made.count, using: &random)]
      if Bool.random(using: &random) {
        // Equal values in new storage: written the same, memo or not.
        reference.digest = String(decoding: Array(reference.digest.utf8), as: UTF8.self)
      }
      references.append(reference)
    }
    #expect(
      Array(inOneWriter(references).utf8)
        == Array(("[" + references.map(fresh).joined(separator: ",") + "]").utf8))
  }

  /// Canonically equivalent strings are `==` but not the same bytes: the
  /// second reference must not be written as the first. (Compared as
  /// bytes: `==` on the texts would not tell them apart either.)
  @Test func equivalentButDifferentBytesAreNotCopied() {
    let composed = PolicyReference(id: "caf\u{E9}", version: "1", digest: "d", overlayDigest: nil)
    let decomposed = PolicyReference(id: "cafe\u{301}", version: "1", digest: "d", overlayDigest: nil)
    #expect(composed.id == decomposed.id)
    let text = Array(inOneWriter([composed, decomposed, composed]).utf8)
    let expected = Array("[\(fresh(composed)),\(fresh(decomposed)),\(fresh(composed))]".utf8)
    #expect(text == expected)
    #expect(Array(fresh(composed).utf8) != Array(fresh(decomposed).utf8))
    #expect(
      Array(fresh(decomposed).utf8)
        == Array("{\"id\":\"cafe\u{301}\",\"version\":\"1\",\"digest\":\"d\"}".utf8))
  }

  /// The memo survives the writer being cleared and copied, and a copy's
  /// bytes stay its own.
  @Test func clearedAndCopiedWritersKeepTheirBytes() {
    let pack = PolicyReference(
      id: "gb-sfs", version: "2026.1", digest: "sha256:00", overlayDigest: "sha256:11")
    var w = JSONWriter()
    pack.write(to: &w)
    let copy = w
    w.removeAll()
    pack.write(to: &w)
    w.newline()
    pack.write(to: &w)
    #expect(String(decoding: w.bytes, as: UTF8.self) == fresh(pack) + "\n" + fresh(pack))
    #expect(String(decoding: copy.bytes, as: UTF8.self) == fresh(pack))
  }
}
