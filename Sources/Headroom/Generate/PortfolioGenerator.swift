/// Writes a realistic, deterministic synthetic portfolio: one SPEC §3 case
/// per line, for demos, benchmarks and property tests.
///
/// The same seed always gives the same bytes. Households vary in size and
/// income; statements have 3–20 lines in every frequency; there are 0–12
/// debts of every kind, some on hold (Breathing Space, advice, dispute,
/// insolvency, vulnerability), some with offers and agreed plans.
public struct PortfolioGenerator {
  private var random: SeededGenerator
  public let policy: String
  public let asOf: CivilDate

  public init(
    seed: UInt64, policy: String = "gb-sfs", asOf: CivilDate = CivilDate(year: 2026, month: 11, day: 22)!
  ) {
    random = SeededGenerator(seed: seed)
    self.policy = policy
    self.asOf = asOf
  }

  static let currencies = ["gb-sfs": "GBP", "se-kfm": "SEK", "no-sit": "NOK", "dk-gst": "DKK"]
  /// A rough exchange scale so Nordic households get plausible kronor figures.
  static let scale = ["gb-sfs": 1, "se-kfm": 13, "no-sit": 13, "dk-gst": 9]

  static let expenditure: [(category: String, low: Int, high: Int, frequency: Frequency)] = [
    ("council-tax-rates", 90, 220, .monthly), ("gas", 40, 140, .monthly), ("electricity", 40, 160, .monthly),
    ("water-supply", 25, 60, .monthly), ("groceries", 60, 180, .weekly), ("mobile-phone", 10, 60, .monthly),
    ("home-phone-internet-tv", 20, 80, .monthly), ("clothing-footwear", 10, 80, .monthly),
    ("public-transport", 10, 40, .weekly), ("car-insurance", 300, 900, .annually),
    ("tv-licence", 169, 170, .annually),
    ("toiletries", 5, 20, .fortnightly), ("childcare-costs", 100, 600, .fourWeekly),
    ("laundry-dry-cleaning", 2, 10, .weekly), ("hairdressing", 30, 90, .quarterly),
    ("school-uniform", 60, 200, .halfYearly), ("prescriptions-medicines", 1, 3, .daily),
    ("buildings-contents-insurance", 10, 30, .monthly), ("savings-contribution", 10, 50, .monthly),
    ("debt-admin-fee", 5, 20, .monthly), ("hobbies-leisure-sport", 10, 60, .monthly),
  ]

  static let priorityKinds = [
    "council_tax", "rent", "gas", "electricity", "mortgage", "magistrates_fine", "tv_licence",
  ]
  static let otherKinds = [
    "credit_card", "store_card", "personal_loan", "overdraft", "catalogue", "payday_loan",
    "buy_now_pay_later",
    "water", "benefit_overpayment", "other",
  ]
  static let creditors = [
    "Card Co", "Northern Bank", "High Street Loans", "Catalogue Direct", "Borough Council", "Water plc",
    "Energy Ltd",
  ]

  private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
  private mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }

  /// A money amount between `low` and `high` major units, as text.
  private mutating func amount(_ low: Int, _ high: Int) -> String {
    let scale = PortfolioGenerator.scale[policy] ?? 1
    let pence = int(low * 100 * scale...max(low, high) * 100 * scale)
    let pounds = String(pence / 100)
    let rest = pence % 100
    return pounds + "." + (rest < 10 ? "0" : "") + String(rest)
  }

  private mutating func date(daysBefore range: ClosedRange<Int>) -> String {
    asOf.adding(days: -int(range)).description
  }

  /// The next case, as one line of JSON (no newline).
  public mutating func nextCase(number: Int) -> [UInt8] {
    var w = JSONWriter()
    w.beginObject()
    w.key("id")
    w.string("C-\(number)")
    w.key("as_of")
    w.string(asOf.description)
    w.key("policy")
    w.string(policy)
    w.key("currency")
    w.string(PortfolioGenerator.currencies[policy] ?? "GBP")

    let adults = chance(55) ? 1 : (chance(90) ? 2 : 3)
    let children = chance(50) ? 0 : int(1...4)
    w.key("household")
    w.beginObject()
    w.key("adults")
    w.int(adults)
    w.key("children")
    w.beginArray()
    for _ in 0..<children {
      w.beginObject()
      w.key("age")
      w.int(int(0...17))
      w.endObject()
    }
    w.endArray()
    w.key("vehicles")
    w.int(int(0...2))
    w.endObject()

    let incomeLines = int(1...4)
    let expenditureLines = int(max(2, 3 - incomeLines)...min(16, 20 - incomeLines))
    w.key("income")
    w.beginArray()
    let earnings = chance(25) ? (0, 0) : (900 + 500 * adults, 1400 + 900 * adults)
    let wages = earnings.0 == 0 ? amount(300, 700) : amount(earnings.0, earnings.1)
    writeLine(&w, "client-salary-or-wages", wages, chance(70) ? .monthly : .fourWeekly)
    let others: [(String, Int, Int, Frequency)] = [
      ("child-benefit", 20, 45, .weekly), ("tax-credits-universal-credit", 200, 900, .monthly),
      ("partner-salary-or-wages", 200, 450, .weekly), ("maintenance-child-support", 40, 120, .fortnightly),
    ]
    for k in 0..<(incomeLines - 1) {
      let o = others[k]
      writeLine(&w, o.0, amount(o.1, o.2), o.3)
    }
    w.endArray()

    w.key("expenditure")
    w.beginArray()
    writeLine(&w, chance(70) ? "rent" : "mortgage", amount(400, 1100), .monthly)
    var pool = PortfolioGenerator.expenditure
    for _ in 1..<expenditureLines where !pool.isEmpty {
      let e = pool.remove(at: int(0...(pool.count - 1)))
      writeLine(&w, e.category, amount(e.low, e.high), e.frequency)
    }
    w.endArray()

    let debtCount = chance(4) ? 0 : int(1...(chance(85) ? 8 : 12))
    var ids: [String] = []
    w.key("debts")
    w.beginArray()
    for k in 0..<debtCount {
      let id = "D\(k + 1)"
      ids.append(id)
      let priority = chance(30)
      w.beginObject()
      w.key("id")
      w.string(id)
      w.key("creditor")
      w.string(PortfolioGenerator.creditors[int(0...(PortfolioGenerator.creditors.count - 1))])
      if priority {
        let kind = PortfolioGenerator.priorityKinds[int(0...(PortfolioGenerator.priorityKinds.count - 1))]
        let owed = amount(80, 2400)
        w.key("kind")
        w.string(kind)
        w.key("balance")
        w.string(owed)
        w.key("arrears")
        w.string(owed)
        w.key("stage")
        w.string(["arrears", "default", "court_order", "enforcement"][int(0...3)])
      } else {
        w.key("kind")
        w.string(PortfolioGenerator.otherKinds[int(0...(PortfolioGenerator.otherKinds.count - 1))])
        w.key("balance")
        w.string(amount(50, 9000))
        w.key("arrears")
        w.string(amount(0, 40))
        w.key("contractual_payment")
        w.beginObject()
        w.key("amount")
        w.string(amount(15, 250))
        w.key("frequency")
        w.string("monthly")
        w.endObject()
        if chance(60) {
          w.key("annual_interest_rate")
          w.string("0." + String(int(5...39)) + String(int(0...9)))
          w.key("interest_frozen")
          w.bool(chance(50))
        }
        w.key("stage")
        w.string(["none", "arrears", "default"][int(0...2)])
      }
      w.endObject()
    }
    w.endArray()

    w.key("circumstances")
    w.beginObject()
    if chance(5) {
      w.key("breathing_space")
      w.beginObject()
      let mental = chance(20)
      w.key("kind")
      w.string(mental ? "mental_health" : "standard")
      w.key("start")
      w.string(date(daysBefore: 0...120))
      if mental && chance(50) {
        w.key("end")
        w.string(date(daysBefore: 0...40))
      }
      w.endObject()
    }
    if chance(6) {
      w.key("advice_sought_on")
      w.string(date(daysBefore: 0...60))
    }
    w.key("vulnerabilities")
    w.beginArray()
    if chance(10) { w.string(["health", "life_event", "resilience", "capability"][int(0...3)]) }
    if chance(1) { w.string("mental_capacity") }
    w.endArray()
    if chance(2) {
      w.key("insolvency")
      w.string(["dro", "iva", "bankruptcy"][int(0...2)])
    }
    w.key("disputed_debts")
    w.beginArray()
    if !ids.isEmpty && chance(4) { w.string(ids[int(0...(ids.count - 1))]) }
    w.endArray()
    w.key("ie_recorded_on")
    w.string(date(daysBefore: 0...500))
    w.endObject()

    if !ids.isEmpty && chance(30) {
      w.key("offer")
      w.beginObject()
      w.key("debt")
      w.string(ids[int(0...(ids.count - 1))])
      w.key("amount")
      w.string(amount(1, 120))
      w.key("frequency")
      w.string(chance(80) ? "monthly" : "weekly")
      w.endObject()
    }
    if !ids.isEmpty && chance(30) {
      w.key("agreed_plan")
      w.beginObject()
      w.key("agreed_on")
      w.string(date(daysBefore: 10...700))
      w.key("payments")
      w.beginArray()
      for id in ids where chance(70) {
        w.beginObject()
        w.key("debt")
        w.string(id)
        w.key("amount")
        w.string(chance(15) ? "1.00" : amount(2, 150))
        w.key("frequency")
        w.string("monthly")
        w.endObject()
      }
      w.endArray()
      w.endObject()
    }
    w.endObject()
    return w.bytes
  }

  private func writeLine(_ w: inout JSONWriter, _ category: String, _ amount: String, _ frequency: Frequency)
  {
    w.beginObject()
    w.key("category")
    w.string(category)
    w.key("amount")
    w.string(amount)
    w.key("frequency")
    w.string(frequency.rawValue)
    w.endObject()
  }
}
