/// Options for one assessment.
public struct AssessmentOptions: Sendable {
  /// Whether to keep the month-by-month schedule rows in `plan.schedule`.
  public var includeSchedule: Bool

  /// Runs every schedule on exact rationals only, skipping the machine-integer
  /// fast path: a test hook, so the two paths can be compared.
  @_spi(Testing) public var rationalSchedulesOnly = false

  /// Runs schedules without rows month by month too, never debt by debt: a
  /// test hook, so the two loops can be compared.
  @_spi(Testing) public var monthByMonthSchedules = false

  public init(includeSchedule: Bool = false) {
    self.includeSchedule = includeSchedule
  }
}

extension Assessment {
  /// Assesses one case under a pack, in process (SPEC §4–§9).
  ///
  /// The pack version is the latest one in force on the case's `as_of`.
  /// Throws when the case's currency differs from the pack's, or when `as_of`
  /// is before the pack's first version.
  public init(
    assessing household: Case, under pack: PolicyPack, options: AssessmentOptions = AssessmentOptions()
  ) throws(CaseError) {
    try self.init(assessing: household, under: pack, options: options, validated: false)
  }

  /// As the public initializer; `validated` says the case came from the JSON
  /// reader, which has already checked everything `Case.validate()` checks.
  init(
    assessing household: consuming Case, under pack: borrowing PolicyPack, options: AssessmentOptions,
    validated: Bool
  ) throws(CaseError) {
    if !validated { try household.validate() }
    guard household.currency == pack.currency else {
      throw CaseError(
        .invalidValue, path: "currency",
        "expected \(pack.currency.code) for policy \(pack.id), found \(household.currency.code)")
    }
    // `version(on:)`, by position: the version is borrowed from the pack, not copied out.
    let asOf = household.asOf
    guard let version = pack.versions.lastIndex(where: { $0.effectiveFrom <= asOf }) else {
      throw CaseError(
        .policyNotInForce, path: "as_of",
        "expected a date on or after \(pack.versions[0].effectiveFrom), when policy \(pack.id) starts, found \(household.asOf)"
      )
    }
    self.init(
      running: Assessor(household: household, pack: pack, versionAt: version, options: options),
      policy: PolicyReference(
        id: pack.id, version: pack.versions[version].version, digest: pack.digest,
        overlayDigest: pack.overlayDigest))
  }

  /// The assessment the assessor works out, top to bottom, under `policy`
  /// (the pack and version the assessor was made with). An initializer,
  /// not a method returning one: assigning a returned Assessment to `self`
  /// copied it and released the original. `policy` is passed in and moved
  /// into the result: held by the assessor, it was copied out and released.
  init(running assessor: borrowing Assessor, policy: consuming PolicyReference) {
    let ordered = assessor.priorityOrder()
    let (monthly, offers) = assessor.affordability(order: ordered)
    let plan = assessor.makePlan(order: ordered, monthly: monthly, offers: offers)
    let guidelines = assessor.guidelineChecks()
    let flags = assessor.flags(
      monthly: monthly, offers: offers, plan: plan, guidelines: guidelines, order: ordered, policy: policy)
    // A loop over the flags in place: `filter` and `map` made two arrays a case.
    var strongest: Action?
    for k in flags.indices where flags[k].isCaseLevel && strongest.map({ $0 < flags[k].action }) ?? true {
      strongest = flags[k].action
    }
    let recommendation = Recommendation(strongest: strongest)
    let offerCheck = assessor.household.offer.map {
      assessor.checkOffer(
        $0, monthly: monthly, offers: offers, plan: plan, flags: flags, recommendation: recommendation)
    }
    let audit = assessor.household.agreedPlan.map {
      assessor.audit($0, monthly: monthly, offers: offers, flags: flags, order: ordered)
    }
    var orderIDs: [String] = []
    orderIDs.reserveCapacity(ordered.count)
    for k in ordered.indices { orderIDs.append(ordered[k].id) }
    self.init(
      caseID: assessor.household.id, asOf: assessor.household.asOf, policy: policy,
      currency: assessor.currency, monthly: monthly, order: orderIDs, priorityOffers: offers, plan: plan,
      guidelines: guidelines, flags: flags, offerCheck: offerCheck, audit: audit,
      recommendation: recommendation, displayRounding: assessor.figures.displayRounding)
  }
}

/// The working state of one assessment; data flows top to bottom through
/// `Assessment.init(running:)`.
struct Assessor {
  let household: Case
  /// When the version in force took effect.
  let versionEffectiveFrom: CivilDate
  /// When its figures become dated (`PolicyVersion.figuresDatedOn`).
  let figuresDatedOn: CivilDate
  /// The version's figures, held by reference (see `figures`).
  let sharedFigures: SharedFigures
  /// The version's figures, read in place through `sharedFigures`.
  var figures: PolicyFigures {
    _read { yield sharedFigures.figures }
  }
  let currency: Currency
  let options: AssessmentOptions
  /// The ids of disputed debts (usually none; a short list beats hashing).
  let disputed: [String]
  /// Each debt's position in `household.debts`, by id.
  let debtIndex: DebtIndex
  /// How many of the debts are priority debts.
  let priorityCount: Int
  /// 10^minorDigits: one major unit in minor units.
  let unitScale: Int64

  /// Under the version at `versionAt` in `pack.versions`: only the figures
  /// and names it uses are copied out of the pack, never a whole version.
  init(
    household: consuming Case, pack: borrowing PolicyPack, versionAt version: Int, options: AssessmentOptions
  ) {
    self.household = household
    self.versionEffectiveFrom = pack.versions[version].effectiveFrom
    self.figuresDatedOn = pack.versions[version].figuresDatedOn
    self.sharedFigures = pack.versions[version].shared
    self.currency = household.currency
    self.options = options
    var unitScale: Int64 = 1
    for _ in 0..<household.currency.minorDigits { unitScale *= 10 }  // Currency checks 0...18
    self.unitScale = unitScale
    self.disputed = household.circumstances.disputedDebts
    // By index: `map(\.id)` and friends copy each whole Debt.
    let debts = household.debts
    var priorityCount = 0
    for index in debts.indices where sharedFigures.figures.isPriority(debtAt: index, in: debts) {
      priorityCount += 1
    }
    self.debtIndex = DebtIndex(debts: debts)
    self.priorityCount = priorityCount
  }

  // MARK: Shared helpers

  /// The priority kind under the pack of the debt at `position` in
  /// `household.debts`; nil for a non-priority one (no array of kinds is
  /// made per case).
  func priorityKind(at position: Int) -> PriorityKind? {
    figures.priorityKind(ofDebtAt: position, in: household.debts)
  }

  /// Whether the debt at `position` in `household.debts` is a priority debt.
  func isPriority(at position: Int) -> Bool { figures.isPriority(debtAt: position, in: household.debts) }

  /// `x` rounded to the minor unit, in major units.
  func minor(_ x: Rational, _ mode: RoundingMode) -> Rational {
    x.rounded(toDecimalPlaces: currency.minorDigits, mode)
  }

  /// `x` in minor units. A fraction whose denominator divides 10^digits (any
  /// amount given to the penny) scales on machine integers, with no Rational
  /// multiply or gcd; the same exact value either way.
  func toUnits(_ x: Rational) -> Rational {
    if case (let n, let d)? = x.machineParts, unitScale % d == 0 {
      let (units, overflow) = n.multipliedReportingOverflow(by: unitScale / d)
      if !overflow { return Rational(Int(units)) }
    }
    return x.scaled(byPowerOfTen: currency.minorDigits)
  }

  /// `x` (minor units) in major units; a whole number of units is stripped of
  /// the shared factors 2 and 5 directly, with no Rational division.
  func fromUnits(_ x: Rational) -> Rational {
    if case (let n, 1)? = x.machineParts { return Rational(decimalUnits: n, places: currency.minorDigits) }
    return x.scaled(byPowerOfTen: -currency.minorDigits)
  }

  /// Money as written: fixed decimals, R1 rounding.
  func text(_ x: Rational) -> String {
    Money(rounding: x, figures.displayRounding, currency: currency).description
  }

  /// Writes the positions in `order` of the debts in a plan (SPEC §5.1)
  /// to the start of `buffer` (at least `order.count` long), returning how
  /// many: callers keep them in a stack buffer, not an array made per case.
  /// (Not a `with…` method taking a closure: a closure calling a method of
  /// the assessor made a copy of the whole assessor.)
  func planDebts(order: DebtOrder, into buffer: UnsafeMutableBufferPointer<Int>) -> Int {
    var count = 0
    for index in order.indices
    where !isPriority(at: order.positions[index]) && order[index].balance.signum > 0
      && !disputed.contains(order[index].id) && !order[index].excludeFromPlan
    {
      buffer.initializeElement(at: count, to: index)
      count += 1
    }
    return count
  }

  /// A debt's pro-rata weight under the pack's basis (SPEC §5.1), from its
  /// contractual payment and balance (a field, not the Debt: passing an
  /// array's Debt copies it).
  func weight(contractualPayment: Payment?, balance: Rational) -> Rational {
    switch figures.proRataBasis {
    case .balance: return balance
    // A closure, not `map(figures.monthly)`: partially applying the method copies PolicyFigures.
    case .contractualPayment: return contractualPayment.map { figures.monthly($0) } ?? .zero
    }
  }

  /// The §5.2 split of `amount` (major units) over the debts at `positions`
  /// in `order`, each capped at its balance. Each share, in major units, goes
  /// to `share` with its slot in `positions`, in slot order, and only once
  /// the split has succeeded (no array of shares is made); returns the amount
  /// left unallocated, in major units, or nil (having passed no share) when
  /// the minimums cannot all be met.
  func split(
    _ amount: Rational, over positions: UnsafeBufferPointer<Int>, in order: DebtOrder,
    _ share: (_ slot: Int, _ amount: Rational) -> Void
  ) -> Rational? {
    if let unallocated = splitInUnits(amount, over: positions, in: order, share) { return unallocated }
    var weights: [Rational] = []
    var ids: [String] = []
    var caps: [Rational?] = []
    weights.reserveCapacity(positions.count)
    ids.reserveCapacity(positions.count)
    caps.reserveCapacity(positions.count)
    for k in positions {
      let balance = order[k].balance
      weights.append(weight(contractualPayment: order[k].contractualPayment, balance: balance))
      ids.append(order[k].id)
      caps.append(toUnits(balance))
    }
    guard
      let allocation = try? Allocation.split(
        toUnits(amount), weights: weights, ids: ids, minimum: toUnits(figures.minPayment), caps: caps)
    else { return nil }
    for slot in allocation.shares.indices { share(slot, fromUnits(allocation.shares[slot])) }
    return fromUnits(allocation.unallocated)
  }
}

extension Assessor {
  /// `split` by `UnitsSplit` when the pack weighs by balance and every figure
  /// is a whole number of units that fits: the same shares, with no arrays
  /// of weights, ids, caps or shares made. `.some(nil)` when the minimums
  /// cannot all be met; nil when `Allocation.split` must do it. Shares go to
  /// `share` as `split` passes them.
  func splitInUnits(
    _ amount: Rational, over positions: UnsafeBufferPointer<Int>, in order: DebtOrder,
    _ share: (_ slot: Int, _ amount: Rational) -> Void
  ) -> Rational?? {
    let limit = UnitsSplit.limit
    guard figures.proRataBasis == .balance, !positions.isEmpty, let units = toUnits(amount).exactInt,
      units >= 0, units <= limit, let minimum = toUnits(figures.minPayment).exactInt, minimum >= 0,
      minimum <= limit
    else { return nil }
    let count = positions.count
    let places = currency.minorDigits
    return withUnsafeTemporaryAllocation(of: Int64.self, capacity: 2 * count) { figures -> Rational?? in
      // Each debt's balance: its weight (the balance in major units, scaled) and its cap.
      let caps = UnsafeMutableBufferPointer(rebasing: figures[0..<count])
      let shares = UnsafeMutableBufferPointer(rebasing: figures[count..<2 * count])
      var total: Int64 = 0
      for slot in 0..<count {
        guard let balance = toUnits(order[positions[slot]].balance).exactInt, balance >= 0, balance <= limit
        else { return nil }
        let (sum, overflow) = total.addingReportingOverflow(Int64(balance))
        if overflow { return nil }
        total = sum
        caps[slot] = Int64(balance)
      }
      let split = UnitsSplit(
        weights: UnsafeBufferPointer(caps), caps: UnsafeBufferPointer(caps), minimum: Int64(minimum))
      guard
        case .split(let unallocated) = split.split(
          Int64(units), into: shares,
          order: BalanceThenID(
            balances: UnsafeBufferPointer(caps), ids: OrderIDs(order: order, positions: positions)))
      else { return .some(nil) }
      // Whole units in major units, as `fromUnits` gives them.
      for slot in 0..<count { share(slot, Rational(decimalUnits: shares[slot], places: places)) }
      return Rational(decimalUnits: unallocated, places: places)
    }
  }
}

/// Debt positions by id: a linear search, cheaper than hashing for the
/// handful of debts a household has, over the household's own array (no
/// array of ids to make).
struct DebtIndex {
  let debts: [Debt]

  subscript(id: String) -> Int? {
    // By index, comparing ids in place: `firstIndex { $0.id == id }` copies each Debt.
    for index in debts.indices where debts[index].id == id { return index }
    return nil
  }
}
