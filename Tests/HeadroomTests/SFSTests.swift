import Foundation
import Headroom
import Testing

let sfsFolder = fixturesURL.appendingPathComponent("sfs")

func sfsBytes(_ name: String) throws -> [UInt8] {
  Array(try Data(contentsOf: sfsFolder.appendingPathComponent(name)))
}

/// The published SFS schemas and examples, in the shared folder beside the
/// repository (`../shared/external/sfs-dds-v1.1/`; see its SOURCE.md).
let publishedSFSFolder = fixturesURL.deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("shared/external/sfs-dds-v1.1")

func publishedBytes(_ name: String) throws -> [UInt8] {
  Array(try Data(contentsOf: publishedSFSFolder.appendingPathComponent(name)))
}

/// Reads a document by its extension.
func document(_ bytes: [UInt8], named name: String) throws -> SFSDocument {
  name.hasSuffix(".xml") ? try SFSDocument(xml: bytes) : try SFSDocument(json: bytes)
}

/// Reads a fixture by its extension.
func sfsDocument(_ name: String) throws -> SFSDocument { try document(sfsBytes(name), named: name) }

/// Reads a published example by its extension.
func publishedDocument(_ name: String) throws -> SFSDocument {
  try document(publishedBytes(name), named: name)
}

func imported(_ document: SFSDocument, id: String = "J") -> SFSImport {
  SFSImport(document, id: id, asOf: day("2026-11-22"), policy: "gb-sfs", currency: .gbp)
}

/// The problems an SFS text is refused with, as "path: code".
func refusal(_ read: () throws(SFSError) -> SFSDocument) -> [String] {
  do {
    _ = try read()
    return []
  } catch {
    return error.problems.map { "\($0.path): \($0.code.rawValue)" }
  }
}

func refusal(json text: String) -> [String] {
  refusal { () throws(SFSError) in try SFSDocument(json: Array(text.utf8)) }
}

func refusal(xml text: String) -> [String] {
  refusal { () throws(SFSError) in try SFSDocument(xml: Array(text.utf8)) }
}

@Suite struct SFSImportTests {
  /// Worked by hand in fixtures/sfs/NOTES.md: field, stated, recomputed.
  static let fixtureDiscrepancies: [[String]] = [
    ["overview.total-monthly-income", "3020.65", "3029.65"],
    ["overview.total-monthly-outgoings", "2327.63", "2347.63"],
    ["overview.income-minus-outgoings", "693.02", "682.02"],
    ["overview.total-available-for-priority-debts", "678.02", "667.02"],
    ["overview.total-available-for-non-priority-debts", "638.02", "609.02"],
    ["monthly-income.benefits.total-benefits", "378.15", "387.15"],
    ["monthly-income.total-monthly-income", "3020.65", "3029.65"],
    ["monthly-outgoings.fixed-costs.transport-travel.total-transport-travel", "272.25", "292.25"],
    ["monthly-outgoings.fixed-costs.total-fixed-costs", "1495.63", "1515.63"],
    ["monthly-outgoings.total-monthly-outgoings", "2327.63", "2347.63"],
    ["debts.total-available-for-priority-debts", "678.02", "667.02"],
    ["debts.total-available-for-non-priority-debts", "620.02", "609.02"],
    ["debts.total-non-priority-debts", "5050.00", "5470.00"],
  ]

  @Test(arguments: ["joint-household.json", "joint-household.xml"])
  func fixtureGivesTheHandFiguresAndNamesEveryDiscrepancy(name: String) throws {
    let result = imported(try sfsDocument(name))
    #expect(
      result.discrepancies.map { [$0.field, $0.text.stated, $0.text.recomputed] } == Self.fixtureDiscrepancies
    )

    let c = result.household
    #expect(c.household.adults == 2)
    #expect(c.household.childAges == [15, 15, 17])
    #expect(c.household.vehicles == 1)
    // Zero lines add nothing and are left out: 5 income lines, 34 outgoings (NOTES.md).
    #expect(c.income.count == 5)
    #expect(c.expenditure.count == 34)
    #expect(
      c.expenditure.filter { $0.category.name == "other-essential-costs" }.map(\.amount) == [
        money("30.00"), money("12.99"),
      ])
    #expect(c.debts.map(\.id) == ["P1", "P2", "N1", "N2", "N3"])
    #expect(c.debts.map(\.kind) == ["other_priority", "other_priority", "other", "other", "other"])
    #expect(c.debts[0].creditor == "Leeds City Council")
    #expect(c.debts[0].balance == money("480.00") && c.debts[0].arrears == money("480.00"))
    #expect(c.debts.map(\.stage) == [.none, .none, .none, .courtOrder, .none])

    let a = try assess(c)
    #expect(a.monthly.income == money("3029.65"))
    #expect(a.monthly.expenditure == money("2347.63"))
    #expect(a.monthly.savings == money("10.00"))
    #expect(a.monthly.adminFee == money("5.00"))
    #expect(a.monthly.availableForPriority == money("667.02"))
    #expect(a.priorityOffers.map(\.offer) == [money("40.00"), money("18.00")])
    #expect(a.monthly.availableForNonPriority == money("609.02"))
    // 60902p over 3200 : 1850 : 420 -> floors 35628 + 20597 + 4676, the last penny to N2 (.5686).
    #expect(a.plan.payments.map { shown(a, $0.amount) } == ["356.28", "205.98", "46.76"])
  }

  @Test func jsonAndXMLGiveTheSameCase() throws {
    let json = imported(try sfsDocument("joint-household.json")).jsonBytes()
    let xml = imported(try sfsDocument("joint-household.xml")).jsonBytes()
    #expect(String(decoding: json, as: UTF8.self) == String(decoding: xml, as: UTF8.self))
    // The output is a case the SPEC §3 reader accepts, with the assumption recorded.
    let tree = try JSONParser.parse(json)
    let back = try Case(json: tree, defaultCurrency: .gbp)
    #expect(back.household.childAges == [15, 15, 17])
    guard case .array(let assumptions)? = tree["assumptions"], case .string(let first)? = assumptions.first
    else {
      Issue.record("no assumptions in the output")
      return
    }
    #expect(first.contains("aged 15") && first.contains("as 17"))
    guard case .array(let listed)? = tree["discrepancies"] else {
      Issue.record("no discrepancies in the output")
      return
    }
    #expect(listed.count == 13)
    #expect(
      listed.last
        == .object([
          ("field", .string("debts.total-non-priority-debts")), ("stated", .string("5050.00")),
          ("recomputed", .string("5470.00")),
        ]))
  }

  @Test func loremIpsumExampleIsRefusedFieldByField() throws {
    let bytes = try publishedBytes("sfs-data-entry-example-data.xml")
    do {
      _ = try SFSDocument(xml: bytes)
      Issue.record("the lorem-ipsum example was accepted")
    } catch {
      #expect(
        error.problems.map(\.path) == [
          "dependent-children-under-16", "dependent-children-16-18", "other-dependents", "non-dependents",
          "vehicles", "total-number-in-household",
        ])
      #expect(error.problems.allSatisfy { $0.code == .invalidValue })
      #expect(error.problems[0].message == "expected a whole number from 0 to 20, found 1234")
    }
  }

  @Test func summaryExampleShowsItsKnownDefects() throws {
    let result = imported(try publishedDocument("sfs-summary-example-data.json"))
    // SOURCE.md: fixed-cost lines sum to 1654.85, not 2009.59; the non-priority figure subtracts
    // only part of the offers. Outgoings 1654.85 + 962.49 = 2617.34; Ap = 3157.67 - 2617.34 - 18
    // = 522.33; An = 522.33 - (10 + 12 + 11) = 489.33.
    #expect(
      result.discrepancies.map { [$0.field, $0.text.stated, $0.text.recomputed] } == [
        ["overview.total-monthly-outgoings", "2972.08", "2617.34"],
        ["overview.total-available-for-priority-debts", "167.59", "522.33"],
        ["overview.total-available-for-non-priority-debts", "157.59", "489.33"],
        ["monthly-outgoings.fixed-costs.total-fixed-costs", "2009.59", "1654.85"],
        ["monthly-outgoings.total-monthly-outgoings", "2972.08", "2617.34"],
      ])
    #expect(result.household.debts.last?.stage == .courtOrder)
  }

  static let minimal = """
    {"is-joint-application": false, "dependent-children-under-16": 1, "dependent-children-16-18": 0,
     "other-dependents": 0, "non-dependents": 0, "total-number-in-household": 2, "vehicles": 0
    """

  @Test func implausibleAndMalformedValuesNameTheirFieldPath() {
    #expect(refusal(json: Self.minimal + "}") == [])
    #expect(
      refusal(
        json: Self.minimal
          + #", "debts": {"priority-debts": [{"creditor": "A", "amount-owed": 10.00}, {"creditor": "B", "amount-owed": -5.00}]}}"#
      ) == ["debts.priority-debts[1].amount-owed: invalid_amount"])
    #expect(
      refusal(
        json: Self.minimal
          + #", "monthly-income": {"earnings": {"client-salary-or-wages": {"monthly-amount": 1650.005}}}}"#)
        == ["monthly-income.earnings.client-salary-or-wages.monthly-amount: invalid_amount"])
    #expect(
      refusal(
        json: Self.minimal + #", "monthly-outgoings": {"fixed-costs": {"home-contents": {"rnet": {}}}}}"#)
        == ["monthly-outgoings.fixed-costs.home-contents.rnet: invalid_value"])
    #expect(
      refusal(json: #"{"is-joint-application": "yes", "dependent-children-under-16": 2.5}"#) == [
        "is-joint-application: wrong_type", "dependent-children-under-16: invalid_value",
        "dependent-children-16-18: missing_field", "other-dependents: missing_field",
        "non-dependents: missing_field", "vehicles: missing_field",
        "total-number-in-household: missing_field",
      ])
    #expect(refusal(json: "[1, 2") == [": invalid_json"])
    #expect(
      refusal(
        xml: """
          <root><is-joint-application>maybe</is-joint-application>
          <dependent-children-under-16>1234</dependent-children-under-16><dependent-children-16-18>0</dependent-children-16-18>
          <other-dependents>0</other-dependents><non-dependents>0</non-dependents>
          <total-number-in-household>1</total-number-in-household><vehicles>0</vehicles>
          <debts><non-priority-debts><creditor>X</creditor><amount-owed>1,200.00</amount-owed></non-priority-debts>
          </debts></root>
          """) == [
          "is-joint-application: wrong_type", "dependent-children-under-16: invalid_value",
          "debts.non-priority-debts[0].amount-owed: invalid_amount",
        ])
    #expect(refusal(xml: "<root><vehicles>1</root>") == [": invalid_xml"])
  }
}

// MARK: - Export

/// A small JSON Schema (draft-04) checker for the keywords the SFS schemas
/// use: `$ref`, `type`, `required`, `properties`, `items`, `minItems`, `enum`
/// and `multipleOf` (exact). It refuses a schema with any other constraint,
/// so a schema that starts asking for more cannot pass unchecked.
struct SchemaChecker {
  let root: JSONValue
  static let understood: Set<String> = [
    "$schema", "title", "description", "definitions", "$ref", "type", "required", "properties", "items",
    "minItems", "enum", "multipleOf",
    // An annotation here: the export has no dates to write (Rules.md).
    "format",
  ]

  func check(_ value: JSONValue, against schema: JSONValue? = nil, at path: String = "") -> [String] {
    let schema = schema ?? root
    guard case .object(let keywords) = schema else { return ["\(path): schema is not an object"] }
    var problems: [String] = []
    for keyword in keywords where !Self.understood.contains(keyword.key) {
      problems.append("\(path): schema keyword '\(keyword.key)' not understood")
    }
    if case .string(let ref)? = schema["$ref"] {
      let name = ref.replacingOccurrences(of: "#/definitions/", with: "")
      guard let target = root["definitions"]?[name] else { return ["\(path): unresolved \(ref)"] }
      return problems + check(value, against: target, at: path)
    }
    if case .string(let type)? = schema["type"], !Self.has(value, type: type) {
      return problems + ["\(path): expected \(type), found \(value.kindName)"]
    }
    if case .array(let allowed)? = schema["enum"], !allowed.contains(value) {
      problems.append("\(path): not one of the enum")
    }
    if case .number(let step)? = schema["multipleOf"], case .number(let text) = value {
      let ratio = (try? DecimalText.parse(text, maxFractionDigits: nil, allowNegative: true))
        .map { $0 / money(step) }
      if ratio?.isInteger != true { problems.append("\(path): \(text) is not a multiple of \(step)") }
    }
    if case .array(let required)? = schema["required"] {
      for case .string(let key) in required where value[key] == nil {
        problems.append("\(path.isEmpty ? key : path + "." + key): required, missing")
      }
    }
    if case .object(let properties)? = schema["properties"], case .object(let members) = value {
      for member in members {
        guard let sub = properties.first(where: { $0.key == member.key })?.value else { continue }
        problems += check(member.value, against: sub, at: path.isEmpty ? member.key : "\(path).\(member.key)")
      }
    }
    if case .array(let elements) = value {
      if case .number(let least)? = schema["minItems"], elements.count < Int(least) ?? 0 {
        problems.append("\(path): fewer than \(least) items")
      }
      if let items = schema["items"] {
        for (i, element) in elements.enumerated() {
          problems += check(element, against: items, at: "\(path)[\(i)]")
        }
      }
    }
    return problems
  }

  static func has(_ value: JSONValue, type: String) -> Bool {
    switch (type, value) {
    case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("number", .number):
      return true
    case ("integer", .number(let text)): return Int(text) != nil
    default: return false
    }
  }
}

@Suite struct SFSExportTests {
  static let schema: SchemaChecker = {
    do {
      return SchemaChecker(root: try JSONParser.parse(try publishedBytes("sfs-summary-schema.json")))
    } catch { fatalError("the summary schema must load: \(error)") }
  }()

  /// A household with lines in merged summary fields, savings, a fee, and
  /// priority debts whose balance exceeds their arrears.
  static func roundTripCase(weeklyGroceries: Bool) -> Case {
    Case(
      id: "RT", asOf: day("2026-11-22"), household: Household(adults: 2, childAges: [4, 17], vehicles: 1),
      income: [
        line("client-salary-or-wages", "1650.00"), line("child-benefit", "166.32"),
        line("state-pensions", "0.00"), line("boarders-lodgers", "200.00"),
      ],
      expenditure: [
        line("rent", "725.00"), line("council-tax-rates", "140.00"), line("tv-licence", "14.13"),
        line("ground-rent-service-charges", "20.00"), line("gas", "60.00"),
        line("other-utilities-expenditure", "15.00"),
        line("water-waste", "21.30"), line("childcare-costs", "120.00"), line("car-insurance", "38.00"),
        line("school-uniform", "12.50"), line("life-insurance", "9.99"), line("union-fees", "11.00"),
        line("other-essential-costs", "25.00"), line("other-essential-costs", "5.00"),
        line("mobile-phone", "30.00"),
        weeklyGroceries ? line("groceries", "110.00", .weekly) : line("groceries", "480.00"),
        line("toiletries", "18.00"), line("savings-contribution", "10.00"), line("debt-admin-fee", "4.50"),
      ],
      debts: [
        Debt(
          id: "D1", creditor: "Borough Council", kind: "council_tax", balance: money("640.00"),
          arrears: money("640.00")),
        Debt(
          id: "D2", creditor: "Home Lender", kind: "mortgage", balance: money("90000.00"),
          arrears: money("1250.00")),
        Debt(id: "D3", creditor: "Card Co", kind: "credit_card", balance: money("3200.00")),
        Debt(
          id: "D4", creditor: "Loans Ltd", kind: "personal_loan", balance: money("1500.00"),
          stage: .courtOrder),
      ])
  }

  /// Exports, validates against the schema, imports back, and assesses both.
  func roundTrip(_ original: Case) throws -> (Assessment, Assessment, SFSImport, [String]) {
    let bytes = try SFSSummary.jsonBytes(for: original, under: gbPack)
    let problems = Self.schema.check(try JSONParser.parse(bytes))
    let back = imported(try SFSDocument(json: bytes), id: "RT")
    return (try assess(original), try assess(back.household), back, problems)
  }

  @Test(arguments: [false, true])
  func roundTripKeepsTheMonthlyFigures(weeklyGroceries: Bool) throws {
    let (before, after, back, problems) = try roundTrip(Self.roundTripCase(weeklyGroceries: weeklyGroceries))
    #expect(problems == [])
    #expect(back.discrepancies == [])
    func figures(_ a: Assessment) -> [String] {
      [
        a.monthly.income, a.monthly.expenditure, a.monthly.savings, a.monthly.adminFee,
        a.monthly.availableForPriority, a.monthly.availableForNonPriority,
      ].map { shown(a, $0) }
    }
    #expect(figures(before) == figures(after))
    // By hand (monthly groceries): income 1650 + 166.32 + 200 = 2016.32; outgoings 1744.92;
    // Ap = 2016.32 - 1744.92 - 10 - 4.50 = 256.90; offers ceil(640/12) = 53.34 and
    // ceil(1250/12) = 104.17; An = 256.90 - 157.51 = 99.39.
    if !weeklyGroceries {
      #expect(figures(before) == ["2016.32", "1744.92", "10.00", "4.50", "256.90", "99.39"])
      #expect(before.monthly.availableForNonPriority == after.monthly.availableForNonPriority)
    }
    #expect(
      before.plan.payments.map { shown(before, $0.amount) }
        == after.plan.payments.map { shown(after, $0.amount) })
    #expect(back.household.debts.last?.stage == .courtOrder)
  }

  @Test func exportCarriesTheRecomputedTotalsAndTheOffers() throws {
    let bytes = try SFSSummary.jsonBytes(for: Self.roundTripCase(weeklyGroceries: true), under: gbPack)
    let text = String(decoding: bytes, as: UTF8.self)
    // 110.00 weekly = 5720/12 = 476.666... -> 476.67 (R1); food 476.67, personal 18.00.
    #expect(text.contains(#""total-food-housekeeping":476.67"#))
    // other-home-contents = tv-licence 14.13 + ground rent 20.00; other-utilities = 15.00.
    #expect(text.contains(#""other-home-contents":34.13"#))
    #expect(text.contains(#""other-utilities":15.00"#))
    // Priority debts carry their arrears and offers; D2's target ceil(1250/12) = 104.17.
    #expect(text.contains(#"{"creditor":"Home Lender","amount-owed":1250.00,"repayment-offer":104.17}"#))
    #expect(text.contains(#""total-priority-debts":1890.00"#))
    #expect(text.contains(#""ccj":true"#))
  }

  @Test func tokenAndDeficitExportsValidate() throws {
    // Token: An = 1000.00 - 998.00 = 2.00, below 3 debts x 1.00: 1.00 each, 3.00 in all.
    let token = household(
      income: "1000.00", rent: "998.00",
      debts: [
        Debt(id: "A", kind: "credit_card", balance: money("900.00")),
        Debt(id: "B", kind: "catalogue", balance: money("300.00")),
        Debt(id: "C", kind: "overdraft", balance: money("200.00")),
      ])
    let tokenBytes = try SFSSummary.jsonBytes(for: token, under: gbPack)
    #expect(Self.schema.check(try JSONParser.parse(tokenBytes)) == [])
    #expect(String(decoding: tokenBytes, as: UTF8.self).contains(#""token-payments":3.00"#))
    let deficit = household(income: "500.00", rent: "725.00")
    let deficitBytes = try SFSSummary.jsonBytes(for: deficit, under: gbPack)
    #expect(Self.schema.check(try JSONParser.parse(deficitBytes)) == [])
    #expect(
      String(decoding: deficitBytes, as: UTF8.self).contains(#""total-available-for-priority-debts":-225.00"#)
    )
  }

  @Test func theSchemaCheckerCanFail() throws {
    let good = try JSONParser.parse(
      try SFSSummary.jsonBytes(for: Self.roundTripCase(weeklyGroceries: false), under: gbPack))
    guard case .object(let members) = good else { return }
    let withoutVehicles = JSONValue.object(members.filter { $0.key != "vehicles" })
    #expect(Self.schema.check(withoutVehicles) == ["vehicles: required, missing"])
    let halfPenny = JSONValue.object(
      members.map {
        $0.key == "overview" ? ($0.key, .object([("total-monthly-income", .number("1.005"))])) : $0
      })
    #expect(
      Self.schema.check(halfPenny).contains("overview.total-monthly-income: 1.005 is not a multiple of 0.01"))
    let textCount = JSONValue.object(
      members.map { $0.key == "vehicles" ? ($0.key, .string("1")) : $0 })
    #expect(Self.schema.check(textCount) == ["vehicles: expected integer, found a string"])
  }
}
