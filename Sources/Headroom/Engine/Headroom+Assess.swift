import Synchronization

/// Where a case's policy pack comes from.
public enum PolicySource: Sendable {
  /// The pack the case names (`policy`), bundled with Headroom.
  case named
  /// A bundled pack by id, overriding the case's.
  case bundled(String)
  /// A pack file's bytes.
  case file([UInt8])
}

/// Resolves packs for many cases, loading each at most once.
public final class PolicyLibrary: Sendable {
  private let source: PolicySource
  private let overlay: [UInt8]?
  private let cache = Mutex<Cache>(Cache())
  /// The first pack loaded, published once and read with no lock (a nightly
  /// file names one pack, so nearly every lookup ends here): the bits of an
  /// unretained reference, 0 until then. `cache.packs` holds that pack as
  /// long as the library lives, so the reference stays valid. (Not
  /// `AtomicLazyReference`, whose `load` is not specialized: some 650
  /// instructions a call.)
  private let first = Atomic<UInt>(0)

  /// Every pack loaded so far, and the one found last: nightly files name
  /// one pack case after case, so the common lookup is one String compare.
  private struct Cache {
    var packs: [String: LoadedPack] = [:]
    var lastKey: String?
    var lastPack: LoadedPack?
  }

  /// A loaded pack, shared by reference: handing it to a case costs one
  /// retain, where a `PolicyPack` copy retains each of its fields.
  final class LoadedPack: Sendable {
    let pack: PolicyPack
    /// The key it is cached under (see `loadedPack(for:)`).
    let key: String
    init(_ pack: PolicyPack, key: String) {
      self.pack = pack
      self.key = key
    }

    /// Assesses a case read from JSON under this pack, borrowed in place:
    /// `loaded.pack` read through a local reference was copied whole for
    /// the call (each of its fields retained and released).
    func assessment(of household: consuming Case, options: AssessmentOptions) throws(CaseError) -> Assessment
    {
      try Assessment(assessing: household, under: pack, options: options, validated: true)
    }
  }

  public init(source: PolicySource = .named, overlay: [UInt8]? = nil) {
    self.source = source
    self.overlay = overlay
  }

  /// The pack for a case that names `requested` (nil: none named).
  public func pack(for requested: String?) throws(CaseError) -> PolicyPack {
    try loadedPack(for: requested).pack
  }

  /// ``pack(for:)``, shared rather than copied.
  func loadedPack(for requested: String?) throws(CaseError) -> LoadedPack {
    try unretainedPack(for: requested).takeUnretainedValue()
  }

  /// ``loadedPack(for:)`` without a retain: the library holds every pack it
  /// has loaded for as long as it lives, so a caller that keeps the library
  /// alive may use the pack unretained. Every case of a bulk run uses the
  /// same pack from two threads at once, and counting references to it made
  /// each retain and release a contended atomic.
  func unretainedPack(for requested: String?) throws(CaseError) -> Unmanaged<LoadedPack> {
    let key: String
    switch source {
    case .named: key = requested ?? "gb-sfs"
    case .bundled(let id): key = id
    case .file: key = "\u{0}file"
    }
    let published = first.load(ordering: .acquiring)
    if let pointer = UnsafeRawPointer(bitPattern: published) {
      let pack = Unmanaged<LoadedPack>.fromOpaque(pointer)
      if pack._withUnsafeGuaranteedRef({ $0.key == key }) { return pack }
    }
    return .passUnretained(try loadPack(key: key))
  }

  /// The pack for `key`, from the cache or loaded and published.
  private func loadPack(key: String) throws(CaseError) -> LoadedPack {
    let cached = cache.withLock { (cache) -> LoadedPack? in
      if let lastKey = cache.lastKey, lastKey == key { return cache.lastPack }
      guard let pack = cache.packs[key] else { return nil }
      cache.lastKey = key
      cache.lastPack = pack
      return pack
    }
    if let cached { return cached }
    let pack: LoadedPack
    do {
      switch source {
      case .file(let bytes): pack = LoadedPack(try PolicyPack(bytes: bytes, overlay: overlay), key: key)
      case .named, .bundled: pack = LoadedPack(try PolicyPack.bundled(key, overlay: overlay), key: key)
      }
    } catch {
      throw CaseError(.unknownPolicy, path: "policy", error.description)
    }
    // Two threads may load the same key at once: the first to publish wins,
    // in the dictionary as in `first`, so every case of a key shares one pack.
    let winner = cache.withLock { (cache) -> LoadedPack in
      if let loaded = cache.packs[key] { return loaded }
      cache.packs[key] = pack
      return pack
    }
    // Published only once the dictionary holds it (which keeps it alive).
    _ = first.compareExchange(
      expected: 0, desired: UInt(bitPattern: Unmanaged.passUnretained(winner).toOpaque()),
      ordering: .releasing)
    return winner
  }
}

extension PolicyLibrary {
  /// Reads a case from JSON text and finds the pack it is assessed under.
  ///
  /// - Parameter asOf: overrides the case's `as_of`.
  public func read(json bytes: UnsafeBufferPointer<UInt8>, asOf: CivilDate? = nil) throws(CaseError) -> (
    Case, PolicyPack
  ) {
    let (household, loaded) = try readShared(json: bytes, asOf: asOf)
    return (household, loaded.pack)
  }

  /// ``read(json:asOf:)``, the pack shared rather than copied.
  func readShared(json bytes: UnsafeBufferPointer<UInt8>, asOf: CivilDate? = nil) throws(CaseError) -> (
    Case, LoadedPack
  ) {
    let (household, loaded) = try readUnretained(json: bytes, asOf: asOf)
    return (household, loaded.takeUnretainedValue())
  }

  /// ``readShared(json:asOf:)`` with the pack unretained (see
  /// ``unretainedPack(for:)``): valid while the library lives.
  func readUnretained(json bytes: UnsafeBufferPointer<UInt8>, asOf: CivilDate? = nil) throws(CaseError) -> (
    Case, Unmanaged<LoadedPack>
  ) {
    return try JSONTape.withRoot(of: bytes) { (root, names) throws(CaseError) in
      // The root's members are found once, for the pack and the case.
      let fields: ObjectReader<CaseKey>
      do throws(CaseError) {
        fields = try ObjectReader(root)
      } catch {
        // Not an object: it names no pack, and the default pack's error comes first.
        _ = try loadedPack(for: nil)
        throw error
      }
      var requested: String?
      if let name = fields.value(.policy), name.token.kind == .string {
        requested =
          name.token.escaped ? name.string : names.pointee.string(name.text, readable: name.readable)
      }
      let pack = try unretainedPack(for: requested)
      var household = try Case.read(
        fields, policy: requested, defaultCurrency: pack._withUnsafeGuaranteedRef { $0.pack.currency },
        names: names)
      if let asOf { household.asOf = asOf }
      return (household, pack)
    }
  }
}

extension PolicyLibrary {
  /// Reads a case from JSON text and assesses it (the bulk path of
  /// ``Assessment/init(json:policies:asOf:options:)``).
  func assessment(
    json bytes: UnsafeBufferPointer<UInt8>, asOf: CivilDate?, options: AssessmentOptions = AssessmentOptions()
  ) throws(CaseError) -> Assessment {
    // The library outlives the call, so the pack is used unretained.
    let (read, loaded) = try readUnretained(json: bytes, asOf: asOf)
    // Moved into the closure through an optional: captured, it was copied.
    var household: Case? = consume read
    var failure: CaseError?
    let assessment = loaded._withUnsafeGuaranteedRef { pack -> Assessment? in
      do throws(CaseError) {
        return try pack.assessment(of: household.take()!, options: options)
      } catch {
        failure = error
        return nil
      }
    }
    if let failure { throw failure }
    return assessment!
  }
}

extension Assessment {
  /// Reads a case from JSON text and assesses it: the one call most callers need.
  ///
  /// - Parameter asOf: overrides the case's `as_of`.
  public init(
    json bytes: UnsafeBufferPointer<UInt8>, policies: PolicyLibrary, asOf: CivilDate? = nil,
    options: AssessmentOptions = AssessmentOptions()
  ) throws(CaseError) {
    let (household, loaded) = try policies.readShared(json: bytes, asOf: asOf)
    try self.init(assessing: household, under: loaded.pack, options: options, validated: true)
  }
}
