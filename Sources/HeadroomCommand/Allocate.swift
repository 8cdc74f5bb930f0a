import ArgumentParser
import Headroom

/// `headroom allocate`: the SPEC §5.2 split on its own.
struct Allocate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Split an amount pro rata by the largest-remainder method.",
    discussion: """
      Prints one share per line, in the order of --weights. Shares always add up
      to the amount; anything no share can take (every one at its cap) is
      reported on standard error as unallocated.
      """
  )

  @Option(help: "The amount to split, e.g. 100.00 (non-negative, at most the currency's decimals).")
  var amount: String

  @Option(help: "Comma-separated exact weights: decimals or fractions, e.g. 500,1000,1/3.")
  var weights: String

  @Option(help: "Who gets a tied left-over unit first: weight (larger weight, then position) or index.")
  var tieBreak: TieBreak = .largerWeightThenID

  @Option(help: "How left-over units are handed out: largest-remainder or tie-break-order.")
  var remainder: RemainderMethod = .largestRemainder

  @Option(help: "The smallest share allowed, e.g. 1.00.")
  var minimum: String?

  @Option(help: "Comma-separated caps, one per weight; leave an entry empty for no cap.")
  var caps: String?

  @Option(help: "ISO currency code; sets the number of decimals.")
  var currency: String = "GBP"

  func run() throws {
    try reportingErrors(allocate)
  }

  private func allocate() throws {
    guard let currency = Currency.named(currency) else {
      throw InputError("--currency: expected one of GBP, SEK, NOK, DKK, EUR, found '\(self.currency)'")
    }
    let amount = try parseMoney(amount, option: "--amount", currency: currency)
    let weights = try splitList(weights).enumerated().map { i, text in
      do {
        let weight = try Rational(parsing: text)
        guard weight.signum >= 0 else { throw DecimalTextError.negativeNotAllowed }
        return weight
      } catch {
        throw InputError("--weights[\(i)]: \(error) (found '\(text)')")
      }
    }
    let minimum = try minimum.map { try parseMoney($0, option: "--minimum", currency: currency) }
    let caps = try caps.map { list in
      try splitList(list).enumerated().map { i, text in
        text.isEmpty ? nil : try parseMoney(text, option: "--caps[\(i)]", currency: currency)
      }
    }
    let allocation: Allocation
    do {
      allocation = try Allocation.split(
        amount.minorUnits, weights: weights, tieBreak: tieBreak, remainder: remainder,
        minimum: minimum?.minorUnits, caps: caps?.map { $0?.minorUnits })
    } catch {
      throw InputError(error.description)
    }
    for share in allocation.shares {
      print(Money(minorUnits: share, currency: currency))
    }
    if allocation.unallocated.signum != 0 {
      printError("unallocated: \(Money(minorUnits: allocation.unallocated, currency: currency))")
    }
  }

  private func splitList(_ text: String) -> [String] {
    text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
  }

  private func parseMoney(_ text: String, option: String, currency: Currency) throws -> Money {
    do {
      return try Money(parsing: text, currency: currency)
    } catch {
      throw InputError("\(option): \(error) (found '\(text)')")
    }
  }
}

extension TieBreak: ExpressibleByArgument {}
extension RemainderMethod: ExpressibleByArgument {}
