import ArgumentParser
import Headroom

/// `headroom check-offer`: is this offer realistic? One sentence, then the numbers.
struct CheckOffer: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check-offer", abstract: "Check an offer for one debt against what the household can afford."
  )

  @Argument(help: "The case file (SPEC §3 JSON).")
  var caseFile: String

  @Option(help: "The debt id the offer is for.")
  var debt: String

  @Option(help: "The amount offered, e.g. 25.00.")
  var amount: String

  @Option(
    help: "How often: daily, weekly, fortnightly, four_weekly, monthly, quarterly, half_yearly, annually.")
  var frequency: String = "monthly"

  @OptionGroup var policy: PolicyOptions

  func run() throws {
    guard let frequency = Frequency(rawValue: frequency) else {
      throw ValidationError(
        "--frequency: expected one of " + Frequency.allCases.map(\.rawValue).joined(separator: ", "))
    }
    try reportingErrors {
      let (_, assessment) = try assess(file: caseFile, options: policy) {
        (household: inout Case) throws(CaseError) in
        guard household.debt(debt) != nil else {
          throw CaseError(
            .unknownDebt, path: "--debt", "expected the id of a debt in the case, found '\(debt)'")
        }
        let amount: Rational
        do {
          amount = try DecimalText.parse(
            self.amount, maxFractionDigits: household.currency.minorDigits, allowNegative: false)
        } catch {
          throw CaseError(.invalidAmount, path: "--amount", "\(error)")
        }
        household.offer = Offer(debt: debt, payment: Payment(amount: amount, frequency: frequency))
      }
      let check = assessment.offerCheck!
      let money = assessment.text
      print("\(check.verdict.rawValue.uppercased()): \(check.reason)")
      print(
        table(
          [
            ["Monthly offer", money(check.monthlyOffer)],
            ["Fair share", money(check.fairShare)],
            ["Available", money(check.available)],
            ["Tolerance", money(check.tolerance)],
            ["Recommendation", assessment.recommendation.rawValue],
          ], rightAligned: [1]), terminator: "")
    }
  }
}
