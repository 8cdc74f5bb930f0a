extension AuditReport {
  /// The same report in Markdown (GitHub-flavoured tables), for tickets and e-mail.
  public func markdown() -> String {
    var m = ""
    func line(_ s: String = "") { m += s + "\n" }
    func row(_ cells: [String]) { line("| " + cells.joined(separator: " | ") + " |") }

    line("# Audit of agreed payment plans")
    line()
    line("Input `\(markdownCell(input.name))` · generated \(markdownCell(generatedAt)) · Headroom")
    line()
    line(
      "Every agreed plan in the input was re-assessed under its policy pack and checked against the findings of SPEC §9.2: affordability, fairness to every creditor, priority debts, plans agreed while collection should have been on hold, overdue reviews and the length of the plan."
    )
    line()

    let n = audit.plansAudited
    line("## Portfolio totals")
    line()
    row(["", "Plans", "Share of plans"])
    row(["---", "---:", "---:"])
    row(["Plans audited", "\(n)", ""])
    row(["Plans with a breach", "\(audit.plansWithBreach)", percentText(audit.plansWithBreach, of: n)])
    row(["Plans with a concern", "\(audit.plansWithConcern)", percentText(audit.plansWithConcern, of: n)])
    row([
      "Plans without findings", "\(audit.plansWithoutFindings)",
      percentText(audit.plansWithoutFindings, of: n),
    ])
    line()
    line("A plan can have both a breach and a concern.")
    line()

    line("## Findings by code and severity")
    line()
    line(
      "Findings counts every finding (a plan may deviate from the fair share for several debts); plans counts the plans with at least one."
    )
    line()
    row(["Finding", "Severity", "Findings", "Plans", "Rule it rests on"])
    row(["---", "---", "---:", "---:", "---"])
    for rule in AuditRule.all {
      row([
        "`\(rule.code.rawValue)`", rule.severity.rawValue, "\(audit.findings[rule.code] ?? 0)",
        "\(audit.plans[rule.code] ?? 0)", markdownCell(rule.rule),
      ])
    }
    row(["**Breach findings**", "breach", "\(audit.breachFindings)", "", ""])
    row(["**Concern findings**", "concern", "\(audit.concernFindings)", "", ""])
    line()
    for rule in AuditRule.all { line("- `\(rule.code.rawValue)`: \(markdownCell(rule.meaning))") }
    line()

    line("## Share deviation")
    line()
    line(
      "max_share_deviation is a plan's largest \\|paid − fair\\| / fair over the debts that share in it (SPEC §5.1) whose fair share of the same total is above zero. Plans are placed by the value as written (4 places); each bucket holds the values above its lower edge up to and including its upper edge."
    )
    line()
    let top = max(1, audit.histogram.max() ?? 0)
    row(["max_share_deviation", "Plans", ""])
    row(["---", "---:", "---"])
    for (k, bucket) in PortfolioAudit.buckets.enumerated() {
      let count = audit.histogram[k]
      let bar = String(repeating: "█", count: count * 30 / top)
      row([markdownCell(bucket.label), "\(count)", bar.isEmpty ? "" : "`\(bar)`"])
    }
    line()

    plans(
      &m, title: "Worst plans",
      intro:
        "Up to \(audit.listLimit) plans with the largest max_share_deviation (then by id), among plans with a finding or a deviation above zero.",
      audit.worst, empty: "No plan has a finding or a share deviation.")
    plans(
      &m, title: "Plans with a breach", intro: "Up to \(audit.listLimit) plans with a breach, first by id.",
      audit.breaches, empty: "No plan has a breach.")

    line("## Policy packs")
    line()
    let packs = audit.policiesSorted
    if packs.isEmpty {
      line("No plan was audited.")
    } else {
      row(["Pack", "Version", "Digest", "Overlay digest", "Plans"])
      row(["---", "---", "---", "---", "---:"])
      for (policy, count) in packs {
        row([
          "`\(markdownCell(policy.id))`", markdownCell(policy.version), "`\(markdownCell(policy.digest))`",
          policy.overlayDigest.map { "`\(markdownCell($0))`" } ?? "none", "\(count)",
        ])
      }
    }
    line()

    line("## Input")
    line()
    row(["", ""])
    row(["---", "---"])
    row(["File", "`\(markdownCell(input.name))`"])
    row(["SHA-256", "`\(markdownCell(input.digest))`"])
    row(["Lines read (not blank)", "\(input.read)"])
    row(["Plans audited", "\(input.audited)"])
    row(["Cases without an agreed plan (skipped)", "\(input.skipped)"])
    row(["Lines rejected", "\(input.rejected)"])
    row(["Blank lines", "\(input.blank)"])
    row(["read = audited + skipped + rejected", input.balances ? "yes" : "NO"])
    row(["Generated", markdownCell(generatedAt)])
    line()
    let codes = rejectCodesSorted
    if !codes.isEmpty {
      line("### Rejects by code")
      line()
      row(["Code", "Lines"])
      row(["---", "---:"])
      for (code, count) in codes { row(["`\(markdownCell(code))`", "\(count)"]) }
      line()
      line("### First rejects")
      line()
      row(["Line", "Id", "Code", "Path", "Message"])
      row(["---:", "---", "---", "---", "---"])
      for reject in audit.rejectSample {
        row([
          "\(reject.line)", reject.id.map { "`\(markdownCell($0))`" } ?? "", "`\(markdownCell(reject.code))`",
          reject.path.isEmpty ? "" : "`\(markdownCell(reject.path))`", markdownCell(reject.message),
        ])
      }
      line()
    }
    line("---")
    line()
    line(
      "Generated by Headroom at \(markdownCell(generatedAt)). The same input, policy packs and time stamp give the same bytes. Money is shown rounded to the minor unit by each pack's display rounding; max_share_deviation is written to 4 places, half up; every comparison behind a finding is exact."
    )
    return m
  }

  private func plans(
    _ m: inout String, title: String, intro: String, _ plans: [PortfolioAudit.ListedPlan], empty: String
  ) {
    m += "## \(title)\n\n"
    guard !plans.isEmpty else {
      m += "\(empty)\n\n"
      return
    }
    m += "\(markdownCell(intro))\n\n"
    m +=
      "| # | Plan | max_share_deviation | Monthly total | Available for non-priority | Currency | Findings |\n"
    m += "| ---: | --- | ---: | ---: | ---: | --- | --- |\n"
    for (k, plan) in plans.enumerated() {
      let findings =
        plan.findings.isEmpty ? "none" : plan.findings.map { "`\(markdownCell($0))`" }.joined(separator: " ")
      m +=
        "| \(k + 1) | `\(markdownCell(plan.id))` | \(plan.deviationText) | \(plan.monthlyTotal) | \(plan.availableForNonPriority) | \(markdownCell(plan.currency)) | \(findings) |\n"
    }
    m += "\n"
  }
}

/// Text made safe for a Markdown table cell: pipes and backslashes escaped,
/// line breaks and backticks made harmless.
func markdownCell(_ text: String) -> String {
  var out = ""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "|": out += "\\|"
    case "\\": out += "\\\\"
    case "`": out += "'"
    case "\n", "\r", "\t": out += " "
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    default:
      if scalar.value < 0x20 { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
    }
  }
  return out
}
