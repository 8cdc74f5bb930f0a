import HeadroomExact
import HeadroomTestSupport
import Testing

@testable import Headroom

/// SPEC §6 order over generated households, rich in ties, against a plain
/// sort by the written keys.
@Suite struct PriorityOrderTests {
  @Test func orderFollowsTheWrittenKeys() throws {
    var random = SeededGenerator(seed: 6_06)
    let kinds = ["rent", "council_tax", "gas", "electricity", "credit_card", "personal_loan"]
    let figures = gbPack.versions.last!.figures
    var mixed = 0
    for _ in 0..<500 {
      var debts: [Debt] = []
      for k in 0..<Int.random(in: 1...9, using: &random) {
        // Few distinct values, so most keys tie and the later ones decide.
        let arrears = Rational(Int.random(in: 0...2, using: &random) * 5_000, 100)
        debts.append(
          Debt(
            id: ["B", "a", "C", "A", "é", "b", "Z", "c", "D"][k], kind: kinds.randomElement(using: &random)!,
            balance: arrears + Rational(Int.random(in: 1...3, using: &random) * 10_000, 100),
            arrears: arrears,
            stage: Stage.allCases.randomElement(using: &random)!))
      }
      let a = try assess(household(debts: debts))
      func rank(_ debt: Debt) -> Int? { figures.priorityKind(of: debt.kind)?.rank }
      let expected = debts.sorted { x, y in
        switch (rank(x), rank(y)) {
        case (nil, _?): return false
        case (_?, nil): return true
        case (let rx?, let ry?):
          if rx != ry { return rx < ry }
          if x.stage != y.stage { return x.stage > y.stage }
          if x.arrears != y.arrears { return x.arrears > y.arrears }
        case (nil, nil): break
        }
        if x.balance != y.balance { return x.balance > y.balance }
        return Array(x.id.unicodeScalars.map(\.value)).lexicographicallyPrecedes(
          y.id.unicodeScalars.map(\.value))
      }
      #expect(a.order == expected.map(\.id))
      if debts.contains(where: { rank($0) != nil }) && debts.contains(where: { rank($0) == nil }) {
        mixed += 1
      }
    }
    #expect(mixed > 200)
  }
}

/// The in-place sort the order uses gives the standard library's stable
/// order, ties kept in input order, at every size (insertion up to 32).
@Suite struct SortInPlaceTests {
  @Test func matchesStableSortWithTies() {
    var random = SeededGenerator(seed: 3_232)
    for _ in 0..<3_000 {
      let count = Int.random(in: 0...40, using: &random)
      // Keys with many ties; the items are their own input positions.
      let keys = (0..<count).map { _ in Int.random(in: 0...3, using: &random) }
      var items = Array(0..<count)
      items.withUnsafeMutableBufferPointer { buffer in sortInPlace(buffer) { keys[$0] < keys[$1] } }
      // By key, then by input position: the stable order, spelled out.
      let expected = Array(0..<count).sorted { (a: Int, b: Int) -> Bool in
        keys[a] != keys[b] ? keys[a] < keys[b] : a < b
      }
      #expect(items == expected)
    }
  }
}
