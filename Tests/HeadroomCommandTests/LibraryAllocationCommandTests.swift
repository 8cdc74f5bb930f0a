import Testing

/// A few of the published tables in `LibraryAllocationTablesTests`, through
/// `headroom allocate` as a user would type them (amounts in major units).
@Suite struct LibraryAllocationCommandTests {
  @Test func brickMoneyTables() throws {
    // brick/money, Money::allocate() docblock: USD 1.00 by [2, 3, 1].
    let hamilton = try Headroom.run([
      "allocate", "--amount", "1.00", "--weights", "2,3,1", "--tie-break", "index",
    ])
    #expect(hamilton.status == 0)
    #expect(hamilton.stdout == "0.33\n0.50\n0.17\n")  // FloorToLargestRemainder
    let first = try Headroom.run([
      "allocate", "--amount", "1.00", "--weights", "2,3,1", "--tie-break", "index", "--remainder",
      "tie-break-order",
    ])
    #expect(first.stdout == "0.34\n0.50\n0.16\n")  // FloorToFirst
    let ratio = try Headroom.run([
      "allocate", "--amount", "1.00", "--weights", "2,3,1", "--tie-break", "weight", "--remainder",
      "tie-break-order",
    ])
    #expect(ratio.stdout == "0.33\n0.51\n0.16\n")  // FloorToLargestRatio
    // brick/money, tests/MoneyTest.php providerAllocate: USD 100 by [30, 20, 40, 40].
    let four = try Headroom.run([
      "allocate", "--amount", "100.00", "--weights", "30,20,40,40", "--tie-break", "index",
    ])
    #expect(four.stdout == "23.08\n15.38\n30.77\n30.77\n")
  }

  @Test func moneyphpTables() throws {
    // moneyphp/money, doc/features/allocation.rst: 5 cents 70/30 and 30/70, and 8.00 to 3.
    let a = try Headroom.run(["allocate", "--amount", "0.05", "--weights", "70,30", "--tie-break", "index"])
    #expect(a.stdout == "0.04\n0.01\n")
    let b = try Headroom.run(["allocate", "--amount", "0.05", "--weights", "30,70", "--tie-break", "index"])
    #expect(b.stdout == "0.02\n0.03\n")
    // The SPEC §5.2 default tie-break gives the tied cent to the larger weight instead.
    let c = try Headroom.run(["allocate", "--amount", "0.05", "--weights", "30,70"])
    #expect(c.stdout == "0.01\n0.04\n")
    let d = try Headroom.run(["allocate", "--amount", "8.00", "--weights", "1,1,1", "--tie-break", "index"])
    #expect(d.stdout == "2.67\n2.67\n2.66\n")
  }
}
