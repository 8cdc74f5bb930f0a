import Foundation
import Headroom
import Testing

/// The repository's fixtures folder, found from this file's path.
let fixturesURL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("fixtures")

let gbPack: PolicyPack = {
  do { return try PolicyPack.bundled("gb-sfs") } catch { fatalError("gb-sfs must load: \(error)") }
}()

func day(_ text: String) -> CivilDate {
  guard let date = CivilDate(text) else { fatalError("bad test date \(text)") }
  return date
}

func money(_ text: String) -> Rational {
  do { return try DecimalText.parse(text, maxFractionDigits: 2, allowNegative: true) } catch {
    fatalError("bad test amount \(text)")
  }
}

func line(_ category: String, _ amount: String, _ frequency: Frequency = .monthly) -> Line {
  guard let line = Line(category, money(amount), frequency) else {
    fatalError("bad test category \(category)")
  }
  return line
}

/// A household with `income` and `rent` a month, and the given debts.
func household(
  id: String = "T", asOf: String = "2026-11-22", income: String = "1000.00", rent: String = "0.00",
  debts: [Debt] = [],
  circumstances: Circumstances = Circumstances(), offer: Offer? = nil, agreedPlan: AgreedPlan? = nil
) -> Case {
  Case(
    id: id, asOf: day(asOf), household: Household(adults: 1),
    income: [line("client-salary-or-wages", income)],
    expenditure: rent == "0.00" ? [] : [line("rent", rent)],
    debts: debts, circumstances: circumstances, offer: offer, agreedPlan: agreedPlan)
}

func assess(_ household: Case, under pack: PolicyPack = gbPack, schedule: Bool = false) throws -> Assessment {
  try Assessment(assessing: household, under: pack, options: AssessmentOptions(includeSchedule: schedule))
}

/// The result as a parsed JSON document.
func resultJSON(_ assessment: Assessment) throws -> JSONValue {
  try JSONParser.parse(assessment.jsonBytes())
}

/// Money as the result writes it.
func shown(_ assessment: Assessment, _ amount: Rational) -> String { assessment.text(amount) }

/// What `body` writes to a fresh writer, as text.
func written(_ body: (inout JSONWriter) -> Void) -> String {
  var w = JSONWriter()
  body(&w)
  return String(decoding: w.bytes, as: UTF8.self)
}
