import HeadroomTestSupport
import Testing

@testable import Headroom

/// The kind position a debt carries (`Debt.kindPosition`) against its kind
/// looked up by text, however the debt was made.
@Suite struct Engine2DebtKindTests {
  /// The position `kind` names in ``Case/debtKinds``, found by text.
  static func expectedPosition(_ kind: String) -> Int8 {
    Case.debtKinds.firstIndex(of: kind).map { Int8($0) } ?? -1
  }

  /// The public initializer and the `kind` setter keep the position in step.
  @Test func initializerAndSetterKeepThePosition() {
    var random = SeededGenerator(seed: 4201)
    let kinds = Case.debtKinds + ["", "nonsense", "Rent", "rent ", "credit_cards"]
    for kind in kinds {
      var debt = Debt(id: "D1", kind: kind, balance: 1)
      #expect(debt.kindPosition == Self.expectedPosition(kind), "\(kind)")
      #expect(debt.kind == kind)
      for _ in 0..<5 {
        let next = kinds.randomElement(using: &random)!
        debt.kind = next
        #expect(debt.kind == next && debt.kindPosition == Self.expectedPosition(next), "\(next)")
      }
    }
  }

  /// Both readers (the plain path and the general one, which reads an
  /// escaped kind) carry the position of the kind they read.
  @Test func readersCarryThePosition() throws {
    for (index, kind) in Case.debtKinds.enumerated() {
      let escaped = "\\u00" + String(kind.utf8.first!, radix: 16) + kind.dropFirst()
      for written in [kind, escaped] {
        let debt = #"{"id": "D1", "kind": "\#(written)", "balance": "10.00"}"#
        let household = try PlainReadingTests().read(PlainReadingTests.text(debt: debt))
        #expect(household.debts[0].kind == kind)
        #expect(household.debts[0].kindPosition == Int8(index), "\(written)")
      }
    }
  }

  /// The assessor ranks each debt as the pack ranks its kind by name.
  @Test func assessorRanksByThePosition() {
    let pack = gbPack
    let figures = pack.versions[pack.versions.count - 1].figures
    var debts: [Debt] = []
    for (index, kind) in Case.debtKinds.enumerated() {
      debts.append(Debt(id: "D\(index)", kind: kind, balance: 1))
    }
    let household = Headroom.Case(
      id: "K1", asOf: day("2026-11-22"), household: Household(adults: 1),
      income: [line("client-salary-or-wages", "1000.00")], expenditure: [], debts: debts)
    let assessor = Assessor(
      household: household, pack: pack, versionAt: pack.versions.count - 1, options: AssessmentOptions())
    func described(_ kind: PriorityKind?) -> String { kind.map { "\($0.rank) \($0.consequence)" } ?? "-" }
    var priority = 0
    for index in debts.indices {
      let expected = described(figures.priorityKinds[debts[index].kind])
      #expect(described(assessor.priorityKind(at: index)) == expected, "\(debts[index].kind)")
      #expect(assessor.isPriority(at: index) == (expected != "-"))
      if expected != "-" { priority += 1 }
    }
    #expect(priority > 5 && assessor.priorityCount == priority)
  }

  /// Seeded households: the assessor's order (ranks read by kind position)
  /// is the SPEC §6 order written out over the pack's ranks by kind name.
  @Test func orderMatchesRanksByName() {
    var random = SeededGenerator(seed: 4202)
    let pack = gbPack
    let figures = pack.versions[pack.versions.count - 1].figures
    let stages: [Stage] = [.none, .arrears, .default, .courtOrder, .enforcement]
    for number in 0..<500 {
      var debts: [Debt] = []
      for k in 0..<Int.random(in: 0...9, using: &random) {
        let balance = Rational(Int.random(in: 1...4, using: &random) * 1_000, 100)
        var debt = Debt(
          id: "D\(k)", kind: "other", balance: balance,
          arrears: Bool.random(using: &random) ? balance : .zero, stage: stages.randomElement(using: &random)!
        )
        debt.kind = Case.debtKinds.randomElement(using: &random)!
        debts.append(debt)
      }
      let household = Headroom.Case(
        id: "K\(number)", asOf: day("2026-11-22"), household: Household(adults: 1),
        income: [line("client-salary-or-wages", "1000.00")], expenditure: [], debts: debts)
      let assessor = Assessor(
        household: household, pack: pack, versionAt: pack.versions.count - 1, options: AssessmentOptions())
      let order = assessor.priorityOrder()
      let expected = debts.indices.sorted { a, b in
        let (x, y) = (figures.priorityKinds[debts[a].kind]?.rank, figures.priorityKinds[debts[b].kind]?.rank)
        if (x == nil) != (y == nil) { return x != nil }
        if let x, let y {
          if x != y { return x < y }
          if debts[a].stage != debts[b].stage { return debts[a].stage > debts[b].stage }
          if debts[a].arrears != debts[b].arrears { return debts[a].arrears > debts[b].arrears }
        }
        if debts[a].balance != debts[b].balance { return debts[a].balance > debts[b].balance }
        return debts[a].id.unicodeScalars.lexicographicallyPrecedes(debts[b].id.unicodeScalars)
      }
      #expect(order.positions == expected, "\(debts.map(\.kind))")
    }
  }

  /// A kind SPEC §3 does not define (only through the public initializer,
  /// unvalidated) is ranked by name: non-priority.
  @Test func unknownKindIsNonPriority() {
    let debts = [Debt(id: "A", kind: "nonsense", balance: 1), Debt(id: "B", kind: "rent", balance: 1)]
    let household = Headroom.Case(
      id: "K1", asOf: day("2026-11-22"), household: Household(adults: 1),
      income: [line("client-salary-or-wages", "1000.00")], expenditure: [], debts: debts)
    let assessor = Assessor(
      household: household, pack: gbPack, versionAt: gbPack.versions.count - 1, options: AssessmentOptions())
    #expect(debts[0].kindPosition == -1)
    #expect(!assessor.isPriority(at: 0) && assessor.priorityKind(at: 0) == nil)
    #expect(assessor.isPriority(at: 1) && assessor.priorityCount == 1)
    #expect(assessor.priorityOrder().positions == [1, 0])
  }
}
