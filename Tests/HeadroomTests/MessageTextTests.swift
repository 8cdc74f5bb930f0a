import HeadroomExact
import Testing

@testable import Headroom

/// The message builder writes what string interpolation wrote before it.
@Suite struct MessageTextTests {
  func text(_ build: (inout MessageText) -> Void, _ mode: RoundingMode = .halfUp, digits: Int = 2) -> String {
    var m = MessageText(rounding: mode, minorDigits: digits)
    build(&m)
    return m.string
  }

  @Test func moneyMatchesMoneyDescription() {
    var amounts: [Rational] = [
      .zero, Rational(1, 200), Rational(-1, 200), Rational(1, 300), Rational(-1, 300), Rational(5, 1000),
      Rational(-5, 1000), Rational(123456, 100), Rational(-1475473, 600), Rational(939713, 300),
      Rational(Int(Int64.max), 1), Rational(Int(Int64.max), 7), Rational(-Int(Int64.max), 3),
      Rational(Int(Int64.max), 1) * 1000, Rational("92233720368547758.07")!, Rational(1, Int(Int64.max)),
    ]
    for n in -250...250 { amounts.append(Rational(n, 8)) }
    for n in stride(from: -100_000, through: 100_000, by: 997) { amounts.append(Rational(n, 600)) }
    for mode in RoundingMode.allCases {
      for digits in [0, 2, 3, 18] {
        let currency = Currency(code: "TST", minorDigits: digits)
        for amount in amounts {
          let expected = Money(rounding: amount, mode, currency: currency).description
          #expect(text({ $0.add(money: amount) }, mode, digits: digits) == expected, "\(amount) \(mode) \(digits)")
        }
      }
    }
  }

  @Test func datesMatchDescription() {
    for days in stride(from: -719_162, through: 2_932_896, by: 7919) + [0, -1, 20_000, 2_932_896] {
      let date = CivilDate(daysSinceEpoch: days)
      #expect(text { $0.add(date) } == "\(date)")
    }
  }

  @Test func integersMatchStringInit() {
    for value in [0, 1, -1, 9, 10, 84, -84, 1200, Int.max, Int.min] {
      #expect(text { $0.add(value) } == String(value))
    }
  }

  @Test func textListsAndLiterals() {
    let built = text {
      $0.add("Debt ")
      $0.add(text: "Dé1")
      $0.add(": ")
      $0.add(list: ["a", "bb", "ccc"])
      $0.add(list: [String]())
      $0.add(list: ["x"])
    }
    #expect(built == "Debt Dé1: a, bb, cccx")
  }

  /// Messages are kept in place up to 256 bytes, then in an array: every
  /// length around the boundary, and far past it, reads back whole.
  @Test func longMessagesSpillWhole() {
    let ids = (0..<60).map { "debt-\($0)-é" }
    for count in [0, 1, 17, 18, 19, 20, 21, 60] {
      for prefix in 0..<12 {
        let lead = String(repeating: "x", count: prefix)
        let built = text {
          $0.add(text: lead)
          $0.add(list: ids.prefix(count))
          $0.add(" owes ")
          $0.add(money: Rational(-123_456, 100))
          $0.add(" since ")
          $0.add(CivilDate(daysSinceEpoch: 20_000))
          $0.add(".")
        }
        let expected =
          lead + ids.prefix(count).joined(separator: ", ")
          + " owes -1234.56 since \(CivilDate(daysSinceEpoch: 20_000))."
        #expect(built == expected, "\(count) ids after \(prefix)")
      }
    }
  }
}

/// The audit's LONG_TERM shortcut agrees with running the schedule.
@Suite struct AuditLongTermBoundTests {
  @Test func boundsAgreeWithTheSchedule() throws {
    var generator = SystemRandomNumberGenerator()
    let empty = household(asOf: "2026-11-22", income: "0.00", debts: [])
    let pack = gbPack
    let version = pack.versions.lastIndex { $0.effectiveFrom <= empty.asOf }!
    let rates = ["0", "0.1999", "0.249", "0.35", "0.05", "1.2"]
    var settled = 0
    for trial in 0..<3000 {
      let balance = Rational(Int.random(in: 1...2_000_000, using: &generator), 100)
      let payment =
        trial % 3 == 0
        ? Rational(Int.random(in: 0...5_000, using: &generator), 100)
        : Rational(Int.random(in: 0...20_000, using: &generator) * 52, 1200)
      let rate = Rational(rates[trial % rates.count])!
      let debt = Debt(
        id: "D", kind: "credit_card", balance: balance, annualInterestRate: rate, interestFrozen: trial % 7 == 0)
      var withDebt = empty
      withDebt.debts = [debt]
      let runner = Assessor(
        household: withDebt, pack: pack, versionAt: version, options: AssessmentOptions())
      let horizon = runner.figures.maxTermMonths
      let run = runner.runSchedule(
        [runner.scheduleEntry(0, balance: balance, payment: payment, isPriority: false)], redistributing: nil,
        horizon: horizon, recordRows: false)
      if let clears = runner.clearsWithin(
        horizon, balance: balance, payment: payment, annualRate: debt.annualInterestRate,
        interestFrozen: debt.interestFrozen)
      {
        settled += 1
        #expect(clears == run.stillOwing.isEmpty, "\(balance) \(payment) \(rate)")
      }
    }
    #expect(settled > 1000)
  }
}

/// The never-clears check compares a month's interest with the payment on
/// machine integers; it must agree with the exact comparison (the interest
/// rounded to the penny by the pack's mode), ties included, in every mode.
@Suite struct FirstInterestCoversTests {
  @Test(arguments: RoundingMode.allCases)
  func integersAgreeWithRationals(mode: RoundingMode) throws {
    let overlay = Array(
      #"{"figures": {"interest_rounding": {"source": "rounding", "value": "\#(mode.rawValue)"}}}"#.utf8)
    let pack = try PolicyPack(bytes: PolicyPack.bundledBytes("gb-sfs")!, overlay: overlay)
    let empty = household(asOf: "2026-11-22", income: "0.00", debts: [])
    let runner = Assessor(
      household: empty, pack: pack, versionAt: pack.versions.lastIndex { $0.effectiveFrom <= empty.asOf }!,
      options: AssessmentOptions())
    #expect(runner.figures.interestRounding == mode)
    var random = SeededGenerator(seed: 31)
    let rates = [Rational(1999, 10000), Rational(249, 1000), Rational(6, 5), Rational(64, 100), 100]
    var covered = 0
    var ties = 0
    for trial in 0..<4000 {
      let balance = Rational(Int.random(in: 1...2_000_000, using: &random), 100)
      let rate = rates[trial % rates.count]
      let interest = balance * rate / 12
      let rounded = runner.minor(interest, mode)
      // At the rounded interest, a penny under, a third of a penny over, or anything.
      let payment: Rational
      switch trial % 4 {
      case 0: payment = rounded
      case 1: payment = rounded - Rational(1, 100)
      case 2: payment = rounded + Rational(1, 300)
      default: payment = Rational(Int.random(in: 0...50_000, using: &random), 100)
      }
      let expected = rounded >= payment
      #expect(
        runner.firstInterestCovers(payment, balance: balance, annualRate: rate) == expected,
        "\(balance) at \(rate) paying \(payment)")
      if expected { covered += 1 }
      let pence = interest * 100
      if !pence.isInteger && (pence * 2).isInteger { ties += 1 }
    }
    // Both answers and exact half pennies must come up, or the checks prove little.
    #expect(covered > 1000 && covered < 3500)
    #expect(ties > 50)
  }
}
