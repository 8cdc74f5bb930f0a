extension Assessor {
  /// The plan for non-priority debts (SPEC §5.2) and its schedule (§5.3).
  func makePlan(order: DebtOrder, monthly: Affordability, offers: [PriorityOffer]) -> Plan {
    // Positions in `order`, in a stack buffer: the debts are read in place, never copied out.
    withUnsafeTemporaryAllocation(of: Int.self, capacity: order.count) { buffer -> Plan in
      let planned = UnsafeBufferPointer(rebasing: buffer[..<planDebts(order: order, into: buffer)])
      let available = monthly.availableForNonPriority
      let pot = minor(max(.zero, available), .floor)
      var kind = Plan.Kind.proRata
      // Each plan debt's payment, in `planned` order, written straight into
      // the plan's list (labelled as Plan.payments is: an unlabelled array
      // would be force-cast, element by element).
      var paid: [(debt: String, amount: Rational)] = []
      var unallocated = Rational.zero
      if available.signum <= 0 || planned.isEmpty {
        kind = .none
      } else if pot < figures.minPayment * Rational(planned.count) {
        kind = .token
        paid = tokenPayments(planned, in: order)
      } else {
        paid.reserveCapacity(planned.count)
        if let left = split(
          pot, over: planned, in: order,
          { slot, amount in
            paid.append((order[planned[slot]].id, amount))
          })
        {
          unallocated = left
        } else {
          kind = .token  // unreachable: pot ≥ n × minimum meets every minimum
          paid = tokenPayments(planned, in: order)
        }
      }

      // The entries in a stack buffer, not an array made and freed per case.
      let run = withUnsafeTemporaryAllocation(of: ScheduleEntry.self, capacity: offers.count + planned.count)
      {
        buffer -> ScheduleRun in
        var count = 0
        defer { UnsafeMutableBufferPointer(rebasing: buffer[..<count]).deinitialize() }
        // By index: binding each offer copied it.
        for k in offers.indices where offers[k].offer.signum > 0 {
          let index = debtIndex[offers[k].debt]!
          buffer.initializeElement(
            at: count,
            to: scheduleEntry(
              index, balance: household.debts[index].arrears, payment: offers[k].offer, isPriority: true))
          count += 1
        }
        if kind == .proRata {
          for index in planned.indices {
            let k = planned[index]
            buffer.initializeElement(
              at: count,
              to: scheduleEntry(
                order.positions[k], balance: order[k].balance, payment: paid[index].amount, isPriority: false)
            )
            count += 1
          }
        }
        return runSchedule(
          UnsafeBufferPointer(rebasing: buffer[..<count]),
          redistributing: kind == .proRata && figures.redistribute ? pot : nil,
          horizon: figures.maxScheduleMonths, recordRows: options.includeSchedule)
      }

      return Plan(
        kind: kind, pot: pot, unallocated: unallocated,
        payments: paid,
        termMonths: kind == .proRata ? run.termMonths : nil,
        reviewOn: kind == .token ? household.asOf.adding(months: figures.tokenReviewMonths) : nil,
        clears: run.clears, totalInterest: run.totalInterest, stillOwing: run.stillOwing,
        schedule: options.includeSchedule ? run.rows : nil)
    }
  }

  /// The token payment of each debt at `positions` in `order`, with its id:
  /// the pack's token amount, or the balance if less.
  func tokenPayments(_ positions: UnsafeBufferPointer<Int>, in order: DebtOrder) -> [(
    debt: String, amount: Rational
  )] {
    var payments: [(debt: String, amount: Rational)] = []
    payments.reserveCapacity(positions.count)
    for k in positions { payments.append((order[k].id, min(figures.tokenPayment, order[k].balance))) }
    return payments
  }
}
