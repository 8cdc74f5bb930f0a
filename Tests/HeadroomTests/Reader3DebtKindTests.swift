import HeadroomTestSupport
import Testing

@testable import Headroom

/// A debt keeps the text of its kind only when SPEC §3 does not define it;
/// a defined kind is its position alone, and `kind` reads the same text
/// either way.
@Suite struct Reader3DebtKindTests {
  /// The initializer and the setter store no text for a defined kind and
  /// the text itself for any other; `kind` gives back what was set.
  @Test func storedTextOnlyForUndefinedKinds() {
    var random = SeededGenerator(seed: 4301)
    let kinds = Case.debtKinds + ["", "nonsense", "Rent", "rent ", "a kind name longer than fifteen bytes"]
    var debt = Debt(id: "D1", kind: "other", balance: 1)
    for _ in 0..<400 {
      let kind = kinds.randomElement(using: &random)!
      let defined = Case.debtKinds.contains(kind)
      if Bool.random(using: &random) {
        debt.kind = kind
      } else {
        debt = Debt(id: "D1", kind: kind, balance: 1)
      }
      #expect(debt.kind == kind)
      #expect(debt.kindName == (defined ? "" : kind), "\(kind)")
      #expect((debt.kindPosition >= 0) == defined, "\(kind)")
    }
  }

  /// Both readers (plain text, and an escaped kind on the general path)
  /// store no kind text, and `kind` reads the kind written.
  @Test func readersStoreNoKindText() throws {
    for kind in Case.debtKinds {
      let escaped = "\\u00" + String(kind.utf8.first!, radix: 16) + kind.dropFirst()
      for written in [kind, escaped] {
        let debt = #"{"id": "D1", "creditor": "High Street Loans", "kind": "\#(written)", "balance": "10.00"}"#
        let household = try PlainReadingTests().read(PlainReadingTests.text(debt: debt))
        #expect(household.debts[0].kindName.isEmpty, "\(written)")
        #expect(household.debts[0].kind == kind)
        #expect(household.debts[0].creditor == "High Street Loans")
      }
    }
  }
}
