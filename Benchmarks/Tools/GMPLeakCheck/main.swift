import Headroom

#if canImport(Glibc)
  import Glibc
#endif

// A small program for valgrind: it exercises Rational on the machine-integer
// path or the GMP path a given number of times, then exits normally, so
//
//     valgrind --leak-check=full .build/release/GMPLeakCheck gmp 10000
//
// shows whether any GMP value leaks, and comparing the heap totals of
// `fast 0` and `fast 1000000` shows whether the fast path allocates at all.
// (It lives outside Benchmarks/*/ so the benchmark plugin does not run it.)

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[2]), ["fast", "gmp"].contains(arguments[1]) else {
  print("usage: GMPLeakCheck fast|gmp COUNT")
  exit(64)
}

@inline(never) func consume(_ value: Rational) -> Int { value.signum }

var checksum = 0
if arguments[1] == "fast" {
  let pairs = [
    (Rational(123_456, 100), Rational(52, 12)), (Rational(4235, 100), Rational(26, 12)),
    (Rational(-1, 3), Rational(2, 12)), (Rational(110_011, 60), Rational(1, 12)),
  ]
  for i in 0..<count {
    let (a, b) = pairs[i & 3]
    checksum &+= consume(a + b) &+ consume(a * b) &+ consume(a - b) &+ consume(a / b)
    checksum &+= a < b ? 1 : 0
  }
} else {
  let a = Rational("1234567890123456789012345678901/7")!
  let b = Rational("-98765432109876543210987654321/11")!
  for _ in 0..<count {
    let sum = a + b
    let product = a * b
    // Back to machine integers: a GMP value that normalises to a small one.
    let back = product / b
    checksum &+= consume(sum) &+ consume(product) &+ consume(a - b) &+ consume(back - a)
    checksum &+= sum < product ? 1 : 0
    checksum &+= sum.description.utf8.count &+ sum.hashValue & 1
    checksum &+= consume(product.floor()) &+ consume((-sum).rounded(.halfUp))
    if let parsed = try? Money(parsing: "1234567890123456789012345678.90", currency: .gbp) {
      checksum &+= consume(parsed.minorUnits)
    }
    if let split = try? Allocation.split(
      Rational("123456789012345678901234567890123456789012345")!, weights: [1, 2])
    {
      checksum &+= consume(split.shares[0])
    }
  }
}
print("checksum", checksum)
