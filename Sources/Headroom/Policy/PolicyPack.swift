import Crypto
import Foundation

/// A versioned policy pack: every figure the engine uses, each with its source.
///
/// Packs are data files, never code (SPEC §8). Every result names the pack's
/// id, the version in force and the SHA-256 digest of the pack's bytes.
public struct PolicyPack: Sendable {
  public enum Model: String, Sendable {
    /// Itemised I&E: expenditure as declared (the UK SFS).
    case itemised
    /// A statutory protected living amount plus actual housing costs (Nordic practice).
    case protectedAmount = "protected_amount"
  }

  public let id: String
  public let name: String
  public let jurisdiction: String
  public let currency: Currency
  public let model: Model
  /// Citation for each source key, in file order.
  public let sources: [(key: String, citation: String)]
  /// Oldest first.
  public let versions: [PolicyVersion]
  /// `sha256:` and the hex digest of the pack file's bytes.
  public let digest: String
  /// The digest of the overlay applied, if any.
  public let overlayDigest: String?

  /// The latest version whose start date is on or before `date`.
  public func version(on date: CivilDate) -> PolicyVersion? {
    versions.last { $0.effectiveFrom <= date }
  }

  /// The citation behind a source key.
  public func citation(_ key: String) -> String? { sources.first { $0.key == key }?.citation }
}

/// One dated set of figures within a pack.
public struct PolicyVersion: Sendable {
  public let version: String
  public let effectiveFrom: CivilDate
  public let figures: PolicyFigures
  /// Each figure's name and source key, in file order (for `policies show`).
  public let figureSources: [(figure: String, source: String, value: JSONValue)]
  /// `figures_dated_months` after `effectiveFrom`: from this day on, the
  /// figures are dated (SPEC §7), worked out once rather than per case.
  let figuresDatedOn: CivilDate
  /// ``figures`` behind one reference, for the engine to hold.
  let shared: SharedFigures

  init(
    version: String, effectiveFrom: CivilDate, figures: PolicyFigures,
    figureSources: [(figure: String, source: String, value: JSONValue)]
  ) {
    self.version = version
    self.effectiveFrom = effectiveFrom
    self.figures = figures
    self.figureSources = figureSources
    self.figuresDatedOn = effectiveFrom.adding(months: figures.figuresDatedMonths)
    self.shared = SharedFigures(figures)
  }
}

/// A version's figures behind one reference: an assessment holds them with
/// one retain and one release, not a copy of each array and table in them.
final class SharedFigures: Sendable {
  let figures: PolicyFigures
  /// The guideline of each standard SFS category, found without reading its group.
  let guidelineOfCategory: CategoryGuidelines

  init(_ figures: PolicyFigures) {
    self.figures = figures
    self.guidelineOfCategory = CategoryGuidelines(figures.guidelines, categories: SFSCategories.standard.all)
  }
}

/// The position in a version's guidelines of each category of one table
/// (the standard one), looked up by the category's ``SFSCategory/identity``.
/// Reading a line's group instead copied a String that every case shares,
/// from two threads at once: a contended atomic retain and release a line.
struct CategoryGuidelines: Sendable {
  /// What a lookup found.
  enum Match: Equatable {
    /// The guideline at this position in `PolicyFigures.guidelines`.
    case guideline(Int)
    /// A category of the table, in no guideline's group.
    case none
    /// A category of another table: the caller compares its group.
    case unknown
  }

  /// Open addressing by the identity's hash: each slot is (bits, position),
  /// with bits 0 for an empty slot and position −1 for a category in no group.
  private let slots: [(bits: UInt, position: Int)]
  private let shift: UInt

  init(_ guidelines: [Guideline], categories: [SFSCategory]) {
    // No category is found when two guidelines share a group (a line counts
    // towards each): every line then compares its group.
    let distinct = Set(guidelines.map(\.group)).count == guidelines.count
    guard distinct else {
      slots = []
      shift = 0
      return
    }
    var capacity = 16
    var bits = 4
    while capacity < 4 * categories.count {
      capacity *= 2
      bits += 1
    }
    shift = UInt(UInt.bitWidth - bits)
    var slots = [(bits: UInt, position: Int)](repeating: (0, -1), count: capacity)
    for category in categories {
      let key = Self.bits(of: category)
      let position = category.group.flatMap { group in guidelines.firstIndex { $0.group == group } } ?? -1
      var slot = Int(truncatingIfNeeded: (key &* Self.multiplier) >> shift)
      while slots[slot].bits != 0 && slots[slot].bits != key { slot = (slot + 1) & (capacity - 1) }
      // A repeated category keeps its first entry; it has one group all the same.
      if slots[slot].bits == 0 { slots[slot] = (key, position) }
    }
    self.slots = slots
  }

  /// Fibonacci hashing: the top bits of bits × 2^64/φ.
  private static let multiplier: UInt = 0x9E37_79B9_7F4A_7C15

  /// The identity's bits: never 0, the empty slot's mark (an object is never at address zero).
  @inline(__always)
  private static func bits(of category: SFSCategory) -> UInt {
    UInt(bitPattern: category.identity)
  }

  /// The guideline `category` counts towards, read from the table.
  @inline(__always)
  func match(_ category: SFSCategory) -> Match {
    guard !slots.isEmpty else { return .unknown }
    let key = Self.bits(of: category)
    var slot = Int(truncatingIfNeeded: (key &* Self.multiplier) >> shift)
    while true {
      let entry = slots[slot]
      if entry.bits == key { return entry.position < 0 ? .none : .guideline(entry.position) }
      if entry.bits == 0 { return .unknown }
      slot = (slot + 1) & (slots.count - 1)
    }
  }
}

extension PolicyPack {
  /// Reads a pack from its file bytes, with an optional overlay whose
  /// `figures` replace or extend those of every version.
  public init(bytes: [UInt8], overlay: [UInt8]? = nil) throws(PolicyError) {
    let json = try PolicyPack.parse(bytes, what: "policy pack")
    let overlayJSON = try overlay.map { bytes throws(PolicyError) in
      try PolicyPack.parse(bytes, what: "overlay")
    }
    do {
      try self.init(
        json: json, overlay: overlayJSON, digest: PolicyPack.digest(bytes),
        overlayDigest: overlay.map(PolicyPack.digest))
    } catch {
      throw PolicyError(path: error.path, message: error.message)
    }
  }

  private init(json: JSONValue, overlay: JSONValue?, digest: String, overlayDigest: String?) throws(CaseError)
  {
    let document = overlay.map { json.applyingOverlay($0) } ?? json
    self = try document.decoding { root throws(CaseError) in
      try PolicyPack.decode(FieldReader(root, path: ""), digest: digest, overlayDigest: overlayDigest)
    }
  }

  private static func decode(_ root: FieldReader, digest: String, overlayDigest: String?) throws(CaseError)
    -> PolicyPack
  {
    let id = try root.string("id")
    let code = try root.string("currency")
    guard let currency = Currency.named(code) else {
      throw CaseError(.invalidValue, path: "currency", "expected GBP, SEK, NOK, DKK or EUR, found '\(code)'")
    }
    let model = try root.choice("model", "itemised or protected_amount") { Model(rawValue: $0) }
    let sources = try root.stringMap("sources")
    let sourceKeys = Set(sources.map(\.key))
    var versions: [PolicyVersion] = []
    for (value, path) in try root.array("versions") {
      let entry = try FieldReader(value, path: path)
      let figures = try FigureReader(
        entry.required("figures", "the version's figures"), path: entry.child("figures"), sources: sourceKeys)
      let version = PolicyVersion(
        version: try entry.string("version"),
        effectiveFrom: try entry.date("effective_from"),
        figures: try PolicyFigures(figures, model: model, currency: currency),
        figureSources: figures.listing)
      if let previous = versions.last, previous.effectiveFrom >= version.effectiveFrom {
        throw CaseError(
          .invalidValue, path: entry.child("effective_from"), "expected versions in increasing date order")
      }
      versions.append(version)
    }
    guard !versions.isEmpty else {
      throw CaseError(.missingField, path: "versions", "expected at least one version")
    }
    return PolicyPack(
      id: id, name: try root.optionalString("name") ?? id, jurisdiction: try root.string("jurisdiction"),
      currency: currency, model: model, sources: sources, versions: versions, digest: digest,
      overlayDigest: overlayDigest)
  }

  static func digest(_ bytes: [UInt8]) -> String { sha256Text(SHA256.hash(data: bytes)) }

  static func parse(_ bytes: [UInt8], what: String) throws(PolicyError) -> JSONValue {
    do {
      return try JSONParser.parse(bytes)
    } catch {
      throw PolicyError(path: "", message: "\(what): \(error)")
    }
  }
}

extension JSONValue {
  /// A pack document with an overlay applied: the overlay's `sources` join
  /// the pack's, and its `figures` are merged into every version's figures.
  func applyingOverlay(_ overlay: JSONValue) -> JSONValue {
    guard case .object(var members) = self else { return self }
    for index in members.indices {
      switch members[index].key {
      case "sources":
        if let sources = overlay["sources"] { members[index].value = members[index].value.merging(sources) }
      case "versions":
        guard let figures = overlay["figures"], case .array(var versions) = members[index].value else {
          continue
        }
        for v in versions.indices {
          guard case .object(var entry) = versions[v] else { continue }
          for e in entry.indices where entry[e].key == "figures" {
            entry[e].value = entry[e].value.merging(figures)
          }
          versions[v] = .object(entry)
        }
        members[index].value = .array(versions)
      default: continue
      }
    }
    return .object(members)
  }

  /// This object with `other`'s members laid over it, objects merged member by
  /// member; anything else in `other` replaces what was here.
  func merging(_ other: JSONValue) -> JSONValue {
    guard case .object(var members) = self, case .object(let overlay) = other else { return other }
    for (key, value) in overlay {
      if let index = members.firstIndex(where: { $0.key == key }) {
        members[index].value = members[index].value.merging(value)
      } else {
        members.append((key, value))
      }
    }
    return .object(members)
  }
}
