import HeadroomTestSupport
import Testing

@_spi(Testing) @testable import Headroom

/// The engine's §5.2 split hands each share to a closure rather than making
/// an array: the shares and remainder must be those of `Allocation.split`
/// on the same figures, on the whole-units path and the general one alike
/// (seeded, so every run replays the same households).
@Suite struct EngineSplitTests {
  static let contractualPack: PolicyPack = {
    let overlay = Array(
      #"{"figures": {"pro_rata_basis": {"source": "pro-rata", "value": "contractual_payment"}}}"#.utf8)
    do { return try PolicyPack(bytes: PolicyPack.bundledBytes("gb-sfs")!, overlay: overlay) } catch {
      fatalError("overlay must load: \(error)")
    }
  }()

  /// A household of non-priority debts (some priority, disputed or
  /// excluded, which the plan leaves out), with balances that often tie.
  static func household(_ random: inout SeededGenerator, number: Int) -> Case {
    var debts: [Debt] = []
    let ids = ["A", "B", "C", "D1", "D10", "D2", "Z", "é", "a"].shuffled(using: &random)
    for k in 0..<Int.random(in: 0...7, using: &random) {
      let pence =
        Bool.random(using: &random)
        ? Int.random(in: 1...4, using: &random) * 10_000
        : Int.random(in: 0...3_000_000, using: &random)
      // A third of a penny now and then: off the whole-units path.
      let balance = Int.random(in: 0..<8, using: &random) == 0 ? Rational(pence, 300) : Rational(pence, 100)
      let contractual = Payment(
        amount: Rational(Int.random(in: 0...20_000, using: &random), 100), frequency: .monthly)
      let kind = Int.random(in: 0..<6, using: &random) == 0 ? "council_tax" : "credit_card"
      debts.append(
        Debt(
          id: ids[k], kind: kind, balance: balance, arrears: kind == "council_tax" ? balance : .zero,
          contractualPayment: contractual, excludeFromPlan: Int.random(in: 0..<8, using: &random) == 0))
    }
    var circumstances = Circumstances()
    if let first = debts.first, Int.random(in: 0..<8, using: &random) == 0 {
      circumstances.disputedDebts = [first.id]
    }
    return Headroom.Case(
      id: "S\(number)", asOf: day("2026-11-22"), household: Household(adults: 1),
      income: [line("client-salary-or-wages", "1000.00")], expenditure: [], debts: debts,
      circumstances: circumstances)
  }

  @Test(arguments: [false, true])
  func splitMatchesAllocationSplit(contractual: Bool) throws {
    var random = SeededGenerator(seed: 5_200_211)
    let pack = contractual ? Self.contractualPack : gbPack
    var fast = 0
    var failed = 0
    for number in 1...2_000 {
      let assessor = Assessor(
        household: Self.household(&random, number: number), pack: pack, versionAt: pack.versions.count - 1,
        options: AssessmentOptions())
      let order = assessor.priorityOrder()
      withUnsafeTemporaryAllocation(of: Int.self, capacity: order.count) { buffer in
        let count = assessor.planDebts(order: order, into: buffer)
        let planned = UnsafeBufferPointer(rebasing: buffer[..<count])
        // The plan debts, by the §5.1 rule written out.
        let expected = order.indices.filter {
          pack.versions[pack.versions.count - 1].figures.priorityKinds[order[$0].kind] == nil
            && order[$0].balance.signum > 0
            && !assessor.disputed.contains(order[$0].id) && !order[$0].excludeFromPlan
        }
        #expect(Array(planned) == expected, "case \(number)")
        guard !planned.isEmpty else { return }
        let amount =
          Int.random(in: 0..<6, using: &random) == 0
          ? Rational(Int.random(in: 0...100_000, using: &random), 300)
          : Rational(Int.random(in: 0...(Bool.random(using: &random) ? 2_000 : 200_000), using: &random), 100)
        var shares: [(slot: Int, amount: Rational)] = []
        let unallocated = assessor.split(amount, over: planned, in: order) { shares.append(($0, $1)) }
        let reference = try? Allocation.split(
          assessor.toUnits(amount),
          weights: planned.map {
            assessor.weight(contractualPayment: order[$0].contractualPayment, balance: order[$0].balance)
          },
          ids: planned.map { order[$0].id }, minimum: assessor.toUnits(assessor.figures.minPayment),
          caps: planned.map { assessor.toUnits(order[$0].balance) })
        if assessor.splitInUnits(amount, over: planned, in: order, { _, _ in }) != nil { fast += 1 }
        guard let reference else {
          failed += 1
          #expect(unallocated == nil && shares.isEmpty, "case \(number)")
          return
        }
        #expect(unallocated == assessor.fromUnits(reference.unallocated), "case \(number)")
        #expect(shares.map(\.slot) == Array(planned.indices), "case \(number)")
        #expect(shares.map(\.amount) == reference.shares.map { assessor.fromUnits($0) }, "case \(number)")

        // The audit's fair shares: the split, or token payments when it fails.
        var fair: [Rational] = []
        assessor.fairShares(of: amount, over: planned, in: order) { slot, share in
          #expect(slot == fair.count)
          fair.append(share)
        }
        let tokens = amount < assessor.figures.minPayment * Rational(planned.count)
        #expect(
          fair
            == (tokens
              ? planned.map { min(assessor.figures.tokenPayment, order[$0].balance) }
              : reference.shares.map { assessor.fromUnits($0) }),
          "case \(number) fair")
      }
    }
    // Both outcomes, and (by balance) the whole-units path, must be reached.
    #expect(failed > 50)
    if !contractual { #expect(fast > 500) }
  }
}
