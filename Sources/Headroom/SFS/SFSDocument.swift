/// A Standard Financial Statement document (SFS Data Definition v1.1), read
/// from JSON or XML: the household's counts, every monthly amount, the debts
/// and the totals the document states.
///
/// Both the data-entry schema (every line itemised) and the summary schema
/// (section totals, as ``SFSSummary`` writes it) are read.
public struct SFSDocument: Sendable {
  /// Which of the two SFS schemas the document follows.
  public enum Kind: String, Sendable {
    case dataEntry = "data-entry"
    case summary
  }

  public var kind: Kind
  public var jointApplication: Bool
  public var childrenUnder16: Int
  public var children16To18: Int
  public var otherDependents: Int
  public var nonDependents: Int
  public var vehicles: Int
  /// Every monthly amount, in reading order.
  public var lines: [Line]
  /// Priority debts first, then non-priority debts, each in document order.
  public var debts: [Debt]
  /// The totals the document states, in reading order.
  public var stated: [StatedFigure]

  /// One monthly amount of one SFS category.
  public struct Line: Sendable {
    public var category: SFSCategory
    public var monthly: Rational
    /// Where it was read, e.g. `monthly-income.earnings.client-salary-or-wages.monthly-amount`.
    public var path: String
  }

  /// One debt of the document's priority or non-priority list.
  public struct Debt: Sendable {
    public var priority: Bool
    public var creditor: String
    public var amountOwed: Rational
    public var repaymentOffer: Rational
    public var ccj: Bool
  }

  /// A total the document states, and what it should equal.
  public struct StatedFigure: Sendable {
    public var field: String
    public var value: Rational
    public var measure: Measure
  }

  /// What a stated figure totals (the SFS definitions).
  public enum Measure: Sendable, Equatable {
    /// The sum of the lines read under this path prefix.
    case lines(under: String)
    case income, outgoings, incomeMinusOutgoings, savings, adminFee
    case availableForPriority, priorityOffers, availableForNonPriority
    case priorityDebts, nonPriorityDebts, householdSize
  }
}

/// Why an SFS document was refused: every problem found, each with its field path.
public struct SFSError: Error, Sendable, CustomStringConvertible {
  public var problems: [CaseError]

  public var description: String {
    problems.map { "\($0.description) [\($0.code.rawValue)]" }.joined(separator: "\n")
  }
}

// MARK: - Layout

/// Where the SFS schemas put each amount.
enum SFSLayout {
  /// A data-entry section: its lines are the categories of `section` in the
  /// category table, with a stated total beside them.
  struct Section {
    let key: String
    /// Another spelling of the key: the XSD says `pensions-insurances`.
    let alias: String?
    let total: String
    let categories: [SFSCategory]
  }

  /// A group of sections with its stated total (`monthly-income`, `fixed-costs`, …).
  struct Group {
    let path: [String]
    let sections: [Section]
    let total: String
  }

  static func section(_ key: String, total: String? = nil, alias: String? = nil) -> Section {
    Section(
      key: key, alias: alias, total: total ?? "total-\(key)",
      categories: SFSCategories.standard.all.filter { $0.section == key })
  }

  /// The data-entry groups, in schema order.
  static let dataEntry: [Group] = [
    Group(
      path: ["monthly-income"],
      sections: ["earnings", "benefits", "pensions", "other-income"].map { section($0) },
      total: "total-monthly-income"),
    Group(
      path: ["monthly-outgoings", "fixed-costs"],
      sections: [
        section("home-contents"), section("utilities"), section("water"), section("care-health"),
        section("transport-travel"), section("school"),
        section("pensions-insurance", total: "total-pensions-insurances", alias: "pensions-insurances"),
        section("professional"), section("other-essential"),
      ],
      total: "total-fixed-costs"),
    Group(
      path: ["monthly-outgoings", "flexible-costs"],
      sections: ["communications-leisure", "food-housekeeping", "personal"].map { section($0) },
      total: "total-flexible-costs"),
  ]

  /// One amount of the summary schema: the categories it totals (when
  /// exporting) and the category it is read back as (when importing).
  struct SummaryField {
    let group: [String]
    let key: String
    let categories: [String]
    let readAs: String
  }

  static func sectionField(_ group: [String], _ key: String, _ section: String, readAs: String)
    -> SummaryField
  {
    SummaryField(
      group: group, key: key,
      categories: SFSCategories.standard.all.filter { $0.section == section }.map(\.name), readAs: readAs)
  }

  static let income = ["monthly-income"]
  static let fixed = ["monthly-outgoings", "fixed-costs"]
  static let flexible = ["monthly-outgoings", "flexible-costs"]

  /// The summary schema's amounts, in schema order.
  static let summary: [SummaryField] = [
    sectionField(income, "total-earnings", "earnings", readAs: "other-earnings"),
    sectionField(income, "total-benefits", "benefits", readAs: "other-benefits"),
    sectionField(income, "total-pensions", "pensions", readAs: "other-pensions"),
    sectionField(income, "total-other-income", "other-income", readAs: "other-other-income"),
    SummaryField(group: fixed, key: "rent", categories: ["rent"], readAs: "rent"),
    SummaryField(group: fixed, key: "mortgage", categories: ["mortgage"], readAs: "mortgage"),
    SummaryField(group: fixed, key: "secured-loans", categories: ["secured-loans"], readAs: "secured-loans"),
    SummaryField(
      group: fixed, key: "council-tax-rates", categories: ["council-tax-rates"], readAs: "council-tax-rates"),
    SummaryField(
      group: fixed, key: "other-home-contents",
      categories: [
        "ground-rent-service-charges", "mortgage-endowment", "appliance-furniture-rental", "tv-licence",
        "other-home-contents",
      ], readAs: "other-home-contents"),
    SummaryField(group: fixed, key: "gas", categories: ["gas"], readAs: "gas"),
    SummaryField(group: fixed, key: "electricity", categories: ["electricity"], readAs: "electricity"),
    SummaryField(
      group: fixed, key: "other-utilities", categories: ["other-utilities", "other-utilities-expenditure"],
      readAs: "other-utilities"),
    sectionField(fixed, "total-water", "water", readAs: "water-supply"),
    sectionField(fixed, "total-care-health", "care-health", readAs: "other-care-health"),
    sectionField(fixed, "total-transport-travel", "transport-travel", readAs: "other-transport-travel"),
    sectionField(fixed, "total-school", "school", readAs: "other-school"),
    sectionField(
      fixed, "total-pensions-insurances", "pensions-insurance", readAs: "other-pensions-insurances"),
    sectionField(fixed, "total-professional", "professional", readAs: "other-professional"),
    sectionField(fixed, "total-other-essential", "other-essential", readAs: "other-essential-costs"),
    sectionField(
      flexible, "total-communications-leisure", "communications-leisure",
      readAs: "other-communications-leisure"),
    sectionField(flexible, "total-food-housekeeping", "food-housekeeping", readAs: "other-food-housekeeping"),
    sectionField(flexible, "total-personal", "personal", readAs: "other-personal"),
  ]

  /// The summary groups' stated totals.
  static let summaryTotals: [(group: [String], key: String)] = [
    (income, "total-monthly-income"), (fixed, "total-fixed-costs"), (flexible, "total-flexible-costs"),
  ]

  /// The most of any one kind of household member the reader accepts.
  static let maxCount = 20
}

// MARK: - Reading

extension SFSDocument {
  /// Reads a document tree; `textual` when every scalar arrives as text (XML).
  init(tree: JSONValue, textual: Bool) throws(SFSError) {
    let reader = SFSReader(textual: textual)
    self = reader.document(SFSReader.Node(value: tree, path: ""))
    guard reader.problems.isEmpty else { throw SFSError(problems: reader.problems) }
  }
}

/// Walks an SFS tree, collecting every problem (with its path) instead of
/// stopping at the first, so a refused document lists all that is wrong.
private final class SFSReader {
  struct Node {
    let value: JSONValue
    let path: String

    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
  }

  let textual: Bool
  var problems: [CaseError] = []
  var lines: [SFSDocument.Line] = []
  var stated: [SFSDocument.StatedFigure] = []
  var resolved: [String: Node?] = [:]

  init(textual: Bool) { self.textual = textual }

  func fail(_ code: CaseError.Code, _ path: String, _ message: String) {
    problems.append(CaseError(code, path: path, message))
  }

  // MARK: Structure

  func members(_ node: Node, _ key: String) -> [JSONValue] {
    guard case .object(let members) = node.value else { return [] }
    return members.filter { $0.key == key && $0.value != .null }.map(\.value)
  }

  /// The member `key`, once; nil when absent or null.
  func one(_ node: Node, _ key: String) -> Node? {
    let found = members(node, key)
    if found.count > 1 {
      fail(.invalidValue, node.child(key), "expected one '\(key)', found \(found.count)")
    }
    return found.first.map { Node(value: $0, path: node.child(key)) }
  }

  func required(_ node: Node, _ key: String, _ what: String) -> Node? {
    guard let found = one(node, key) else {
      fail(.missingField, node.child(key), "expected \(what)")
      return nil
    }
    return found
  }

  /// A repeatable member: a JSON array, or repeated XML elements.
  func many(_ node: Node, _ key: String) -> [Node] {
    let found = members(node, key)
    if found.count == 1, case .array(let elements) = found[0] {
      return elements.enumerated().map { Node(value: $1, path: "\(node.child(key))[\($0)]") }
    }
    if !textual, let first = found.first {
      fail(.wrongType, node.child(key), "expected an array, found \(first.kindName)")
      return []
    }
    return found.enumerated().map { Node(value: $1, path: "\(node.child(key))[\($0)]") }
  }

  /// The node as an object (an empty XML element counts as an empty one).
  func object(_ node: Node?) -> Node? {
    guard let node else { return nil }
    switch node.value {
    case .object: return node
    case .string("") where textual: return Node(value: .object([]), path: node.path)
    default:
      fail(
        .wrongType, node.path,
        "expected \(textual ? "an element with child elements" : "an object"), found \(node.value.kindName)")
      return nil
    }
  }

  /// Refuses members outside `allowed`: where money is read, an unknown
  /// name is a misspelt line, and ignoring it would lose the amount.
  func closed(_ node: Node, _ allowed: Set<String>) {
    guard case .object(let members) = node.value else { return }
    for member in members where !allowed.contains(member.key) {
      fail(
        .invalidValue, node.child(member.key),
        "expected one of \(allowed.sorted().joined(separator: ", ")), found an unknown field")
    }
  }

  // MARK: Scalars

  func scalarText(_ node: Node, _ what: String, number: Bool) -> String? {
    switch node.value {
    case .string(let text) where textual || !number: return text
    case .number(let text) where number: return text
    default:
      fail(.wrongType, node.path, "expected \(what), found \(node.value.kindName)")
      return nil
    }
  }

  /// An amount in pounds and pence; negative only where the SFS allows a deficit.
  func amount(_ node: Node?, signed: Bool = false) -> Rational? {
    guard let node else { return nil }
    let text: String
    switch node.value {
    case .string(let t), .number(let t): text = t
    default:
      fail(.wrongType, node.path, "expected an amount such as 123.45, found \(node.value.kindName)")
      return nil
    }
    do {
      return try DecimalText.parse(text, maxFractionDigits: 2, allowNegative: signed)
    } catch {
      fail(.invalidAmount, node.path, "\(error), found '\(text.prefix(40))'")
      return nil
    }
  }

  func count(_ node: Node?, in range: ClosedRange<Int>) -> Int? {
    guard let node, let text = scalarText(node, "a whole number", number: true) else { return nil }
    guard let value = Int(text), range.contains(value) else {
      fail(
        .invalidValue, node.path,
        "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(text.prefix(40))")
      return nil
    }
    return value
  }

  func bool(_ node: Node?) -> Bool? {
    guard let node else { return nil }
    switch node.value {
    case .bool(let value) where !textual: return value
    case .string("true"), .string("1"): if textual { return true }
    case .string("false"), .string("0"): if textual { return false }
    default: break
    }
    fail(.wrongType, node.path, "expected true or false, found \(node.value.kindName)")
    return nil
  }

  func string(_ node: Node?) -> String? {
    guard let node else { return nil }
    if textual, case .object(let members) = node.value, members.isEmpty { return "" }
    return scalarText(node, "text", number: false)
  }

  // MARK: The document

  func document(_ root: Node) -> SFSDocument {
    guard let root = object(root) else {
      return SFSDocument(
        kind: .dataEntry, jointApplication: false, childrenUnder16: 0, children16To18: 0, otherDependents: 0,
        nonDependents: 0, vehicles: 0, lines: [], debts: [], stated: [])
    }
    let range = 0...SFSLayout.maxCount
    let joint = bool(required(root, "is-joint-application", "true or false")) ?? false
    let under16 = count(required(root, "dependent-children-under-16", "a whole number"), in: range) ?? 0
    let older = count(required(root, "dependent-children-16-18", "a whole number"), in: range) ?? 0
    let other = count(required(root, "other-dependents", "a whole number"), in: range) ?? 0
    let nonDependents = count(required(root, "non-dependents", "a whole number"), in: range) ?? 0
    let vehicles = count(required(root, "vehicles", "a whole number"), in: range) ?? 0
    if let size = required(root, "total-number-in-household", "a whole number"),
      let value = count(size, in: 1...(2 + 4 * SFSLayout.maxCount))
    {
      stated.append(.init(field: size.path, value: Rational(value), measure: .householdSize))
    }

    let income = resolve(root, ["monthly-income"])
    let isSummary = income.map { one($0, "earnings") == nil && one($0, "total-earnings") != nil } ?? false
    overview(object(one(root, "overview")), summary: isSummary)
    if isSummary {
      summaryLines(root)
    } else {
      dataEntryLines(root)
      if let savings = object(one(root, "savings")) {
        closed(savings, ["savings-contribution", "savings-contribution-considered"])
        add(
          "savings-contribution", amount(one(savings, "savings-contribution")),
          savings.child("savings-contribution"))
        _ = bool(one(savings, "savings-contribution-considered"))
      }
    }
    let debts = self.debts(object(one(root, "debts")), summary: isSummary)
    return SFSDocument(
      kind: isSummary ? .summary : .dataEntry, jointApplication: joint, childrenUnder16: under16,
      children16To18: older, otherDependents: other, nonDependents: nonDependents, vehicles: vehicles,
      lines: lines, debts: debts, stated: stated)
  }

  func add(_ category: String, _ amount: Rational?, _ path: String) {
    guard let amount, let known = SFSCategories.standard[category] else { return }
    lines.append(SFSDocument.Line(category: known, monthly: amount, path: path))
  }

  func state(_ node: Node?, _ measure: SFSDocument.Measure, signed: Bool = false) {
    guard let node, let value = amount(node, signed: signed) else { return }
    stated.append(.init(field: node.path, value: value, measure: measure))
  }

  func overview(_ node: Node?, summary: Bool) {
    guard let node else { return }
    var figures: [(String, SFSDocument.Measure, Bool)] = [
      ("total-monthly-income", .income, false), ("total-monthly-outgoings", .outgoings, false),
      ("income-minus-outgoings", .incomeMinusOutgoings, true), ("savings-contribution", .savings, false),
      ("debt-admin-fee", .adminFee, false),
      ("total-available-for-priority-debts", .availableForPriority, true),
      ("total-available-for-non-priority-debts", .availableForNonPriority, true),
    ]
    if summary {
      // A summary has no savings or fee lines elsewhere: these two are the lines.
      figures.removeAll { $0.1 == .incomeMinusOutgoings || $0.1 == .savings || $0.1 == .adminFee }
      for key in ["savings-contribution", "debt-admin-fee"] {
        add(key, amount(one(node, key)), node.child(key))
      }
    }
    closed(node, Set(figures.map(\.0) + (summary ? ["savings-contribution", "debt-admin-fee"] : [])))
    for (key, measure, signed) in figures { state(one(node, key), measure, signed: signed) }
  }

  /// One income or expenditure line: `{"monthly-amount": …, "notes": …}`.
  func line(_ node: Node, _ category: SFSCategory) {
    guard let item = object(node) else { return }
    closed(item, ["monthly-amount", "notes"])
    _ = string(one(item, "notes"))
    add(category.name, amount(one(item, "monthly-amount")), item.child("monthly-amount"))
  }

  /// The object at `path` under the root, resolved once (so a wrong type is reported once).
  func resolve(_ root: Node, _ path: [String]) -> Node? {
    let key = path.joined(separator: ".")
    if let found = resolved[key] { return found }
    let parent = path.count == 1 ? root : resolve(root, Array(path.dropLast()))
    let node = object(parent.flatMap { one($0, path[path.count - 1]) })
    resolved[key] = .some(node)
    return node
  }

  func dataEntryLines(_ root: Node) {
    for group in SFSLayout.dataEntry {
      guard let parent = resolve(root, group.path) else { continue }
      var allowed: Set<String> = [group.total]
      for section in group.sections {
        allowed.insert(section.key)
        if let alias = section.alias { allowed.insert(alias) }
        let found = one(parent, section.key) ?? section.alias.flatMap { one(parent, $0) }
        guard let node = object(found) else { continue }
        closed(node, Set(section.categories.map(\.name) + [section.total]))
        for category in section.categories {
          if category.repeatable {
            for item in many(node, category.name) { line(item, category) }
          } else if let item = one(node, category.name) {
            line(item, category)
          }
        }
        state(one(node, section.total), .lines(under: node.path + "."))
      }
      closed(parent, allowed)
      state(one(parent, group.total), .lines(under: parent.path + "."))
    }
    outgoingsTotal(root)
  }

  func outgoingsTotal(_ root: Node) {
    guard let outgoings = resolve(root, ["monthly-outgoings"]) else { return }
    closed(outgoings, ["fixed-costs", "flexible-costs", "total-monthly-outgoings"])
    state(one(outgoings, "total-monthly-outgoings"), .outgoings)
  }

  func summaryLines(_ root: Node) {
    for field in SFSLayout.summary {
      guard let parent = resolve(root, field.group), let node = one(parent, field.key) else { continue }
      add(field.readAs, amount(node), node.path)
    }
    for (path, key) in SFSLayout.summaryTotals {
      guard let parent = resolve(root, path) else { continue }
      closed(parent, Set(SFSLayout.summary.filter { $0.group == path }.map(\.key) + [key]))
      state(one(parent, key), .lines(under: parent.path + "."))
    }
    outgoingsTotal(root)
  }

  func debts(_ node: Node?, summary: Bool) -> [SFSDocument.Debt] {
    guard let node else { return [] }
    var allowed: Set<String> = [
      "priority-debts", "total-priority-debts", "non-priority-debts", "total-non-priority-debts",
      "token-payments",
    ]
    if !summary {
      allowed.formUnion([
        "debt-admin-fee", "total-available-for-priority-debts", "total-priority-debt-offers",
        "total-available-for-non-priority-debts",
      ])
    }
    closed(node, allowed)
    if !summary, let fee = one(node, "debt-admin-fee"),
      let category = SFSCategories.standard["debt-admin-fee"]
    {
      line(fee, category)
    }
    state(one(node, "total-available-for-priority-debts"), .availableForPriority, signed: true)
    var debts: [SFSDocument.Debt] = []
    for (key, priority) in [("priority-debts", true), ("non-priority-debts", false)] {
      for item in many(node, key) {
        guard let item = object(item) else { continue }
        var keys: Set<String> = ["creditor", "amount-owed", "repayment-offer", "notes"]
        if !priority { keys.insert("ccj") }
        closed(item, keys)
        let creditor = string(one(item, "creditor")) ?? ""
        let owed = amount(required(item, "amount-owed", "an amount such as 123.45"))
        let offer = amount(one(item, "repayment-offer")) ?? .zero
        let ccj = priority ? false : bool(one(item, "ccj")) ?? false
        _ = string(one(item, "notes"))
        if let owed {
          debts.append(
            SFSDocument.Debt(
              priority: priority, creditor: creditor, amountOwed: owed, repaymentOffer: offer, ccj: ccj))
        }
      }
      if priority {
        state(one(node, "total-priority-debts"), .priorityDebts)
        state(one(node, "total-priority-debt-offers"), .priorityOffers)
        state(one(node, "total-available-for-non-priority-debts"), .availableForNonPriority, signed: true)
      } else {
        state(one(node, "total-non-priority-debts"), .nonPriorityDebts)
      }
    }
    _ = amount(one(node, "token-payments"))
    return debts
  }
}
