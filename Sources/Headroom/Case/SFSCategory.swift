/// A Standard Financial Statement leaf category (`sfs-categories.tsv`).
public struct SFSCategory: Hashable, Sendable {
  public enum Direction: String, Sendable { case income, expenditure }

  public let name: String
  public let direction: Direction
  /// The SFS section, e.g. `home-contents`, `savings`, `debt-admin-fee`.
  public let section: String
  /// The spending-guideline group, if the category has one.
  public let group: String?
  /// Whether the SFS lets the category repeat.
  public let repeatable: Bool
}

/// The SFS category list, read from the bundled `sfs-categories.tsv`.
public struct SFSCategories: Sendable {
  public let all: [SFSCategory]
  private let byName: [String: SFSCategory]
  /// `all`'s names, looked up by bytes (the first of a repeated name, as in `byName`).
  private let table: KeyTable

  public subscript(name: String) -> SFSCategory? { byName[name] }

  /// The category whose name is spelled by `utf8`, without making a String.
  func category(utf8: UnsafeBufferPointer<UInt8>) -> SFSCategory? {
    guard let position = table.index(utf8) else { return nil }
    return all[position]
  }

  /// Reads the tab-separated table: category, direction, section, group, repeatable.
  public init(tsv text: String) throws(PolicyError) {
    var categories: [SFSCategory] = []
    for (number, line) in text.split(separator: "\n").enumerated() where number > 0 && !line.isEmpty {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 5, let direction = SFSCategory.Direction(rawValue: fields[1]) else {
        throw PolicyError(
          path: "sfs-categories.tsv:\(number + 1)", message: "expected 5 tab-separated fields")
      }
      categories.append(
        SFSCategory(
          name: fields[0], direction: direction, section: fields[2],
          group: fields[3] == "-" ? nil : fields[3], repeatable: fields[4] == "yes"))
    }
    all = categories
    byName = Dictionary(categories.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    table = KeyTable(categories.map(\.name))
  }

  /// The table that ships with Headroom.
  public static let standard: SFSCategories = {
    do {
      return try SFSCategories(tsv: BundledResource.text("sfs-categories.tsv"))
    } catch {
      fatalError("the bundled sfs-categories.tsv is damaged: \(error)")
    }
  }()
}
