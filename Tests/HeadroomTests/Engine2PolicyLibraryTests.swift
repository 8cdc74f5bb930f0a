import Foundation
import HeadroomTestSupport
import Synchronization
import Testing

@testable import Headroom

/// `PolicyLibrary.loadedPack(for:)`: the first pack loaded is read with no
/// lock; every lookup of a key must still give the one pack loaded for it.
@Suite struct Engine2PolicyLibraryTests {
  /// Seeded lookups over every bundled pack, the default and an unknown one:
  /// each key gives the same instance every time, and the pack it names.
  @Test func eachKeyGivesOnePack() throws {
    var random = SeededGenerator(seed: 4203)
    let library = PolicyLibrary()
    var seen: [String: PolicyLibrary.LoadedPack] = [:]
    let keys: [String?] = PolicyPack.bundledIDs + [nil, "nonsense"]
    for _ in 0..<400 {
      let requested = keys.randomElement(using: &random)!
      let key = requested ?? "gb-sfs"
      do {
        let pack = try library.loadedPack(for: requested)
        #expect(key != "nonsense")
        #expect(pack.key == key && pack.pack.id == key)
        if let earlier = seen[key] { #expect(earlier === pack, "\(key)") } else { seen[key] = pack }
      } catch {
        #expect(key == "nonsense" && error.code == .unknownPolicy)
      }
    }
    #expect(seen.count == PolicyPack.bundledIDs.count)
  }

  /// Many threads asking a fresh library at once all get one instance.
  @Test func concurrentFirstLookupsShareOnePack() throws {
    for _ in 0..<4 {
      let library = PolicyLibrary(source: .bundled("se-kfm"))
      let found = Mutex<[ObjectIdentifier]>([])
      DispatchQueue.concurrentPerform(iterations: 16) { k in
        let pack = try! library.loadedPack(for: k % 2 == 0 ? nil : "gb-sfs")
        found.withLock { $0.append(ObjectIdentifier(pack)) }
      }
      let identities = found.withLock { $0 }
      #expect(identities.count == 16 && Set(identities).count == 1)
      #expect(try library.loadedPack(for: nil).pack.id == "se-kfm")
    }
  }
}
