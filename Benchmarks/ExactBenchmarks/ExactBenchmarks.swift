import Benchmark
import Headroom

// The exact core: Rational on both paths, decimal money text, allocation.
//
// Operands come from arrays through `identity` and results go to `blackHole`,
// so the optimiser can neither fold nor drop the work. Micro-benchmarks run
// an inner loop (`scalingFactor`); their figures are per inner iteration.

/// Money-like small fractions: amounts in pence over 100, and the SPEC §2
/// monthly factors. Every sum and product of a pair fits machine integers.
let smallPairs: [(Rational, Rational)] = [
  (Rational(123_456, 100), Rational(52, 12)),
  (Rational(4235, 100), Rational(26, 12)),
  (Rational(72_500, 100), Rational(13, 12)),
  (Rational(11_000, 100), Rational(365, 12)),
  (Rational(9600, 100), Rational(4, 12)),
  (Rational(3200, 7), Rational(30, 7)),
  (Rational(-1, 3), Rational(2, 12)),
  (Rational(110_011, 60), Rational(1, 12)),
]

/// Values beyond machine integers (about 100 bits), so every operation goes to GMP.
let bigPairs: [(Rational, Rational)] = [
  (
    Rational("1234567890123456789012345678901/7")!,
    Rational("98765432109876543210987654321/11")!
  ),
  (
    Rational("-31415926535897932384626433832795/1000000000000000000000")!,
    Rational("27182818284590452353602874713527/13")!
  ),
]

/// Typical case amounts; the last needs GMP (30 digits).
let moneyTexts = ["1234.56", "0.05", "725.00", "42.35", "3200.00", "96.00", "110.00", "1650.00"]
let longMoneyText = "1234567890123456789012345678.90"

let benchmarks: @Sendable () -> Void = {
  let micro = Benchmark.Configuration(
    metrics: [.wallClock, .instructions, .mallocCountTotal, .freeCountTotal, .mallocFreeDelta, .throughput],
    timeUnits: .nanoseconds,
    scalingFactor: .kilo,
    maxDuration: .seconds(2),
    maxIterations: 100_000
  )

  // MARK: Rational, fast path (machine integers)

  Benchmark("Rational fast add", configuration: micro) { benchmark in
    for i in benchmark.scaledIterations {
      let (a, b) = identity(smallPairs[i & 7])
      blackHole(a + b)
    }
  }

  Benchmark("Rational fast mul", configuration: micro) { benchmark in
    for i in benchmark.scaledIterations {
      let (a, b) = identity(smallPairs[i & 7])
      blackHole(a * b)
    }
  }

  // One addition and one multiplication per inner iteration: the pair the target names.
  Benchmark("Rational fast add+mul", configuration: micro) { benchmark in
    for i in benchmark.scaledIterations {
      let (a, b) = identity(smallPairs[i & 7])
      blackHole(a + b)
      blackHole(a * b)
    }
  }

  // MARK: Rational, slow path (GMP)

  Benchmark("Rational GMP add", configuration: micro) { benchmark in
    for i in benchmark.scaledIterations {
      let (a, b) = identity(bigPairs[i & 1])
      blackHole(a + b)
    }
  }

  Benchmark("Rational GMP mul", configuration: micro) { benchmark in
    for i in benchmark.scaledIterations {
      let (a, b) = identity(bigPairs[i & 1])
      blackHole(a * b)
    }
  }

  Benchmark("Rational GMP add+mul", configuration: micro) { benchmark in
    for i in benchmark.scaledIterations {
      let (a, b) = identity(bigPairs[i & 1])
      blackHole(a + b)
      blackHole(a * b)
    }
  }

  // MARK: Decimal money text

  Benchmark("Money parse text", configuration: micro) { benchmark in
    for i in benchmark.scaledIterations {
      blackHole(try? Money(parsing: identity(moneyTexts[i & 7]), currency: .gbp))
    }
  }

  Benchmark("Money parse 30-digit text (GMP)", configuration: micro) { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try? Money(parsing: identity(longMoneyText), currency: .gbp))
    }
  }

  // MARK: Allocation

  // Ten balances in pence, shared from a pot of £432.10 with a £1.00 minimum
  // and each balance as the cap: SPEC §5.2 as the plan uses it.
  let balances = [
    32_000, 9_999, 150_000, 4_550, 87_500, 23_300, 100, 61_200, 12_345, 250_000,
  ].map { Rational($0) }
  let ids = (1...10).map { "D\($0)" }
  let caps: [Rational?] = balances
  Benchmark(
    "Allocation 10-way",
    configuration: .init(
      metrics: micro.metrics, timeUnits: .nanoseconds, maxDuration: .seconds(2), maxIterations: 100_000)
  ) { benchmark in
    let result = try? Allocation.split(
      identity(Rational(43_210)), weights: identity(balances), ids: ids, minimum: Rational(100), caps: caps)
    blackHole(result)
  }
}
