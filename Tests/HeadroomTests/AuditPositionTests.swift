@testable import Headroom
import HeadroomTestSupport
import Testing

/// The audit finds each agreed payment's debt in the priority order, by
/// comparing ids for a short order and by a table for a long one; both must
/// give the first position of the id, or nil.
@Suite struct AuditPositionTests {
  @Test func positionsAreTheFirstMatchingIdOrNil() {
    var random = SeededGenerator(seed: 2_203)
    let pool = (0..<50).map { "D\($0)" } + ["a-rather-long-debt-identifier-\(7)", "é"]
    for _ in 0..<400 {
      let count = Int.random(in: 0...70, using: &random)
      let debts = (0..<count).map { _ in
        Debt(id: pool.randomElement(using: &random)!, kind: "credit_card", balance: Rational(100))
      }
      var positions = Array(debts.indices)
      positions.shuffle(using: &random)
      let order = DebtOrder(debts: debts, positions: positions)
      let byID = Assessor.positionsByID(in: order)
      #expect((byID != nil) == (count > 32))
      for id in pool + ["missing"] {
        let expected = order.indices.first { order[$0].id == id }
        #expect(Assessor.position(of: id, in: order, byID: byID) == expected, "\(id) in \(count)")
        #expect(Assessor.position(of: id, in: order, byID: nil) == expected)
      }
    }
  }
}
