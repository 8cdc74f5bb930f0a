import Foundation
import Headroom
import Testing

/// SPEC §3's example case must give SPEC §9's figures exactly.
@Suite struct SpecExampleTests {
  let result: JSONValue

  init() throws {
    let bytes = try [UInt8](Data(contentsOf: fixturesURL.appendingPathComponent("cases/spec-example.json")))
    let assessment = try bytes.withUnsafeBufferPointer { buffer in
      try Assessment(json: buffer, policies: PolicyLibrary())
    }
    result = try resultJSON(assessment)
  }

  /// Reads a dotted path such as `plan.payments`.
  func at(_ path: String) -> JSONValue? {
    var value: JSONValue? = result
    for key in path.split(separator: ".") { value = value?[String(key)] }
    return value
  }

  func expectJSON(_ path: String, _ text: String) throws {
    #expect(at(path) == (try JSONParser.parse(Array(text.utf8))), "\(path)")
  }

  @Test func monthlyAndExactFigures() throws {
    // SPEC §9, figures as published there.
    try expectJSON(
      "monthly",
      #"{"income": "1833.52", "expenditure": "1201.67", "savings": "0.00", "admin_fee": "0.00", "available_for_priority": "631.85", "available_for_non_priority": "578.51"}"#
    )
    try expectJSON("exact.income", #""110011/60""#)
    try expectJSON("exact.expenditure", #""3605/3""#)
    try expectJSON("exact.available_for_priority", #""12637/20""#)
    try expectJSON("exact.available_for_non_priority", #""57851/100""#)
  }

  @Test func orderOffersAndPlan() throws {
    try expectJSON("order", #"["D1", "D2"]"#)
    try expectJSON(
      "priority_offers", #"[{"debt": "D1", "target": "53.34", "offer": "53.34", "consequence": "liberty"}]"#)
    try expectJSON(
      "plan",
      #"{"kind": "pro_rata", "pot": "578.51", "unallocated": "0.00", "payments": [{"debt": "D2", "amount": "578.51"}], "term_months": 12, "review_on": null, "clears": [{"debt": "D2", "month": 6}, {"debt": "D1", "month": 12}], "total_interest": "0.00"}"#
    )
    try expectJSON(
      "guidelines",
      #"[{"group": "food-housekeeping", "spend": "476.67", "guideline": "990.00", "exceeded": false}]"#)
  }

  @Test func flagsOfferAuditAndRecommendation() throws {
    guard case .array(let flags)? = at("flags") else {
      Issue.record("no flags")
      return
    }
    #expect(
      flags.map { $0["code"] } == [
        .string("BREATHING_SPACE"), .string("ADVICE_HOLD"), .string("VULNERABILITY"),
      ])
    #expect(flags.map { $0["until"] } == [.string("2027-01-09"), .string("2026-12-18"), .null])
    #expect(flags.map { $0["action"] } == [.string("hold"), .string("hold"), .string("review")])
    #expect(flags[1]["rule"] == .string("CONC 7.3"))
    #expect(flags[2]["rule"] == .string("FG21/1"))
    #expect(at("offer_check.verdict") == .string("hold"))
    #expect(at("offer_check.monthly_offer") == .string("25.00"))
    #expect(at("offer_check.fair_share") == .string("578.51"))
    #expect(at("offer_check.available") == .string("578.51"))
    try expectJSON("audit", #"{"findings": [], "max_share_deviation": "0.0000"}"#)
    #expect(at("recommendation") == .string("hold"))
    #expect(at("policy.id") == .string("gb-sfs"))
    #expect(at("policy.version") == .string("2026.1"))
  }

  @Test func keysComeInContractOrder() {
    guard case .object(let members) = result else {
      Issue.record("not an object")
      return
    }
    #expect(
      members.map(\.key) == [
        "id", "as_of", "policy", "currency", "monthly", "exact", "order", "priority_offers", "plan",
        "guidelines",
        "flags", "offer_check", "audit", "recommendation",
      ])
  }
}
