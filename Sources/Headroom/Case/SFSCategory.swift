/// A Standard Financial Statement leaf category (`sfs-categories.tsv`).
///
/// One reference to a shared, immutable record: copying a category (every
/// income and expenditure line holds one) retains one object, not four strings.
public struct SFSCategory: Hashable, Sendable {
  public enum Direction: String, Sendable { case income, expenditure }

  /// What SPEC §4 does with the category's section.
  enum Role: Sendable {
    /// Savings contribution *S*.
    case savings
    /// Debt admin fee *F*.
    case adminFee
    /// Every other income or expenditure line.
    case other
  }

  private final class Record: Sendable {
    let name: String
    let direction: Direction
    let section: String
    let group: String?
    let repeatable: Bool
    let role: Role

    init(name: String, direction: Direction, section: String, group: String?, repeatable: Bool) {
      self.name = name
      self.direction = direction
      self.section = section
      self.group = group
      self.repeatable = repeatable
      switch section {
      case "savings": role = .savings
      case "debt-admin-fee": role = .adminFee
      default: role = .other
      }
    }
  }

  /// The category's record, which lives as long as the process. Holding it
  /// without a reference count keeps lines free to copy and destroy on any
  /// thread: every line of every case points at one of a few dozen records,
  /// and counting those references from two cores at once made each count
  /// a contended atomic (about 5 % of a bulk run's time).
  private unowned(unsafe) let record: Record

  /// Makes a category whose record is never freed; tables are made once.
  init(name: String, direction: Direction, section: String, group: String?, repeatable: Bool) {
    let record = Record(
      name: name, direction: direction, section: section, group: group, repeatable: repeatable)
    self.record = Unmanaged.passRetained(record).takeUnretainedValue()
  }

  public var name: String { record.name }
  public var direction: Direction { record.direction }
  /// The SFS section, e.g. `home-contents`, `savings`, `debt-admin-fee`.
  public var section: String { record.section }
  /// The spending-guideline group, if the category has one.
  public var group: String? { record.group }
  /// Whether the SFS lets the category repeat.
  public var repeatable: Bool { record.repeatable }
  /// The section's part in the affordability sums (SPEC §4).
  var role: Role { record.role }
  /// The category's record, as an identity: the same for every copy of one
  /// category of one table, and never reused (records are never freed).
  var identity: ObjectIdentifier { ObjectIdentifier(record) }

  public static func == (lhs: SFSCategory, rhs: SFSCategory) -> Bool {
    lhs.record === rhs.record
      || (lhs.name == rhs.name && lhs.direction == rhs.direction && lhs.section == rhs.section
        && lhs.group == rhs.group && lhs.repeatable == rhs.repeatable)
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// The SFS category list, read from the bundled `sfs-categories.tsv`.
///
/// One reference to a shared, immutable record, so passing the list to
/// each line's reader (or capturing it in a closure) retains one object
/// instead of copying two arrays, a dictionary and a name table.
public struct SFSCategories: Sendable {
  private final class Storage: Sendable {
    let all: [SFSCategory]
    let byName: [String: SFSCategory]
    /// `all`'s names, looked up by bytes (the first of a repeated name, as in `byName`).
    let table: KeyTable

    init(_ categories: [SFSCategory]) {
      all = categories
      byName = Dictionary(categories.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
      table = KeyTable(categories.map(\.name))
    }
  }

  private let storage: Storage

  public var all: [SFSCategory] { storage.all }

  public subscript(name: String) -> SFSCategory? { storage.byName[name] }

  /// The category whose name is spelled by `utf8`, without making a String.
  func category(utf8: UnsafeBufferPointer<UInt8>) -> SFSCategory? {
    guard let position = storage.table.index(utf8) else { return nil }
    return storage.all[position]
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
    storage = Storage(categories)
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
