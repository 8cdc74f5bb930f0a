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

  public subscript(name: String) -> SFSCategory? { byName[name] }

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
