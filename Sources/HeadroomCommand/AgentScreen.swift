import Headroom

/// The short, plain screen an agent reads during a call: the recommendation
/// first, then the money, the debts, the plan and the flags.
struct AgentScreen {
  let assessment: Assessment
  let household: Case
  init(_ assessment: Assessment, _ household: Case) {
    self.assessment = assessment
    self.household = household
  }

  func money(_ x: Rational) -> String { assessment.text(x) }

  func render() -> String {
    let a = assessment
    var out = ""
    let reasons = a.flags.filter { $0.isCaseLevel && $0.action > .info }.map(\.code.rawValue)
    out += "RECOMMENDATION: \(a.recommendation.rawValue.uppercased())"
    out += reasons.isEmpty ? "\n" : " (" + reasons.joined(separator: ", ") + ")\n"
    out +=
      "Case \(a.caseID), as of \(a.asOf), policy \(a.policy.id) \(a.policy.version), \(a.currency.code) a month\n\n"

    var figures: [(String, String)] = [("Income", self.money(a.monthly.income))]
    if let protected = a.monthly.protected {
      figures.append(("Protected living amount", self.money(protected)))
      figures.append(("(itemised outgoings)", self.money(a.monthly.expenditure)))
    } else {
      figures.append(("Outgoings", self.money(a.monthly.expenditure)))
    }
    if a.monthly.savings.signum != 0 { figures.append(("Savings", self.money(a.monthly.savings))) }
    if a.monthly.adminFee.signum != 0 { figures.append(("Debt admin fee", self.money(a.monthly.adminFee))) }
    figures.append(("Available for priority debts", self.money(a.monthly.availableForPriority)))
    figures.append(("Available for other debts", self.money(a.monthly.availableForNonPriority)))
    out += table(figures.map { [$0.0, $0.1] }, rightAligned: [1])

    out += "\nDebts in priority order\n"
    var rows: [[String]] = []
    for (index, id) in a.order.enumerated() {
      let debt = household.debt(id)
      var row = [
        "\(index + 1).", id, debt?.creditor ?? "", debt?.kind.replacingOccurrences(of: "_", with: " ") ?? "",
        "owes " + self.money(debt?.balance ?? .zero),
      ]
      if let offer = a.priorityOffers.first(where: { $0.debt == id }) {
        row += [
          offer.consequence.replacingOccurrences(of: "_", with: " "),
          "pays " + self.money(offer.offer)
            + (offer.offer < offer.target ? " (target \(self.money(offer.target)))" : ""),
        ]
      } else if let payment = a.plan.payments.first(where: { $0.debt == id }) {
        row += ["non-priority", "pays " + self.money(payment.amount)]
      } else {
        row += ["", "not in plan"]
      }
      if let cleared = a.plan.clears.first(where: { $0.debt == id }) {
        row.append("clears month \(cleared.month)")
      }
      if let held = a.flags.first(where: { $0.subject == .debt(id) }) { row.append(held.code.rawValue) }
      rows.append(row)
    }
    out += rows.isEmpty ? "  (none)\n" : table(rows, rightAligned: [])

    out += "\nPlan: "
    switch a.plan.kind {
    case .none: out += "none: nothing is available for non-priority debts.\n"
    case .token:
      out += "token payments of \(money(a.plan.payments.first?.amount ?? .zero)) a month to each creditor"
      out += a.plan.reviewOn.map { ", review on \($0).\n" } ?? ".\n"
    case .proRata:
      out += "pro rata, \(money(a.plan.pot)) a month"
      if let term = a.plan.termMonths { out += ", \(term) months" }
      if a.plan.totalInterest.signum != 0 { out += ", interest \(money(a.plan.totalInterest))" }
      if a.plan.unallocated.signum != 0 { out += ", unallocated \(money(a.plan.unallocated))" }
      out += ".\n"
    }

    out += "\nFlags\n"
    if a.flags.isEmpty { out += "  (none)\n" }
    out += table(
      a.flags.map { flag in
        [
          flag.action.name.uppercased(), flag.code.rawValue, flag.subject?.name ?? "",
          flag.until.map { "until \($0)" } ?? "", flag.rule,
        ]
      }, rightAligned: [])
    if let check = a.offerCheck {
      out += "\nOffer on \(check.debt): \(check.verdict.rawValue.uppercased()). \(check.reason)\n"
    }
    if let audit = a.audit {
      out += "\nAgreed plan audit: "
      out +=
        audit.findings.isEmpty
        ? "no findings.\n"
        : audit.findings.map { "\($0.code.rawValue) (\($0.severity.rawValue))" }.joined(separator: ", ")
          + "\n"
    }
    return out
  }
}

/// Columns padded to their widest cell, two spaces apart, indented by two.
func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
  var widths: [Int] = []
  for row in rows {
    for (i, cell) in row.enumerated() {
      if i >= widths.count { widths.append(0) }
      widths[i] = max(widths[i], cell.count)
    }
  }
  var out = ""
  for row in rows {
    var cells: [String] = []
    for (i, cell) in row.enumerated() {
      let pad = String(repeating: " ", count: widths[i] - cell.count)
      cells.append(rightAligned.contains(i) ? pad + cell : (i == row.count - 1 ? cell : cell + pad))
    }
    out += "  " + cells.joined(separator: "  ") + "\n"
  }
  return out
}
