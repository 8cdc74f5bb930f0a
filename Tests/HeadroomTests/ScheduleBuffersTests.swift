import HeadroomExact
import Testing

@testable import Headroom

/// The schedule's per-entry buffers share one allocation: each must start
/// as documented and none may overlap another, on every tier.
@Suite struct ScheduleBuffersTests {
  @Test(arguments: [0, 1, 3, 7])
  func int64BuffersAreSeparate(count: Int) {
    check(Int64.self, count: count, unit: { Int64($0) }, rate: { Int64.rate(Rational($0, 1200), scale: 1)! })
  }

  @Test(arguments: [0, 1, 3, 7])
  func int128BuffersAreSeparate(count: Int) {
    check(
      Int128.self, count: count, unit: { Int128($0) << 70 },
      rate: { Int128.rate(Rational($0, 1200), scale: 1)! })
  }

  @Test(arguments: [0, 1, 3, 7])
  func rationalBuffersAreSeparate(count: Int) {
    check(
      Rational.self, count: count, unit: { Rational($0 * 3) },
      rate: { Rational.rate(Rational($0, 1200), scale: 1)! })
  }

  /// Fills every buffer with values unique to it, then reads them all back.
  private func check<Units: MinorUnits>(
    _: Units.Type, count: Int, unit: (Int) -> Units, rate: (Int) -> Units.Rate
  ) {
    let buffers = ScheduleBuffers<Units>(count: count)
    defer { buffers.release() }
    #expect(buffers.balances.count == count && buffers.payments.count == count)
    #expect(buffers.rates.count == count && buffers.open.count == count)
    #expect(buffers.balances.allSatisfy { $0 == .zero } && buffers.payments.allSatisfy { $0 == .zero })
    #expect(buffers.rates.allSatisfy { $0 == nil })
    #expect(buffers.clearedIn.count == count && buffers.clearedIn.allSatisfy { $0 == 0 })
    for k in 0..<count {
      buffers.balances[k] = unit(k + 1)
      buffers.payments[k] = unit(1000 + k)
      buffers.rates[k] = k.isMultiple(of: 2) ? rate(k + 1) : nil
      buffers.open[k] = -k - 1
      buffers.clearedIn[k] = 600 + k
    }
    for k in 0..<count {
      #expect(buffers.balances[k] == unit(k + 1))
      #expect(buffers.payments[k] == unit(1000 + k))
      #expect((buffers.rates[k] != nil) == k.isMultiple(of: 2))
      #expect(buffers.open[k] == -k - 1)
      #expect(buffers.clearedIn[k] == 600 + k)
      if let r = buffers.rates[k] {
        // A rate of (k+1)/1200 a month on 1,200,000 steps is 1,000·(k+1) steps.
        #expect(unit(1_200_000).interest(at: r, .halfEven) == unit(1000 * (k + 1)))
      }
    }
  }
}
