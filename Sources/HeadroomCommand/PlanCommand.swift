import ArgumentParser
import Headroom

/// `headroom plan --schedule`: the month-by-month schedule.
struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan", abstract: "Show the plan's month-by-month schedule.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

  @Argument(help: "The case file (SPEC §3 JSON).")
  var caseFile: String

  @ArgumentParser.Flag(help: "Print every period: date, debt, interest, payment and balance after.")
  var schedule = false

  @Option(help: "table, csv or json.")
  var format: Format = .table

  @OptionGroup var policy: PolicyOptions

  func run() throws {
    try reportingErrors {
      let (_, assessment) = try assess(file: caseFile, options: policy, includeSchedule: true)
      let rows = assessment.plan.schedule ?? []
      let money = assessment.text
      switch format {
      case .csv:
        print("period,date,debt,interest,payment,balance_after")
        for r in rows {
          print(
            "\(r.period),\(r.date),\(csvField(r.debt)),\(money(r.interest)),\(money(r.payment)),\(money(r.balanceAfter))"
          )
        }
      case .json:
        var w = JSONWriter()
        w.beginArray()
        for r in rows {
          w.beginObject()
          w.key("period")
          w.int(r.period)
          w.key("date")
          w.string(r.date.description)
          w.key("debt")
          w.string(r.debt)
          w.key("interest")
          w.string(money(r.interest))
          w.key("payment")
          w.string(money(r.payment))
          w.key("balance_after")
          w.string(money(r.balanceAfter))
          w.endObject()
        }
        w.endArray()
        print(String(decoding: w.bytes, as: UTF8.self))
      case .table:
        let plan = assessment.plan
        print(
          "Plan \(plan.kind.rawValue), pot \(money(plan.pot)) a month"
            + (plan.termMonths.map { ", \($0) months" } ?? ""))
        if schedule {
          let header = ["period", "date", "debt", "interest", "payment", "balance after"]
          let body = rows.map {
            [
              String($0.period), $0.date.description, $0.debt, money($0.interest), money($0.payment),
              money($0.balanceAfter),
            ]
          }
          print(table([header] + body, rightAligned: [0, 3, 4, 5]), terminator: "")
        }
        for owing in plan.stillOwing {
          print("Still owing at the horizon: \(owing.debt) \(money(owing.balance))")
        }
      }
    }
  }

  private func csvField(_ text: String) -> String {
    text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
      ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }
}
