import Testing

@testable import Headroom

/// The per-position tables PolicyFigures keeps beside its dictionaries
/// follow them, as read from the pack and after any change.
@Suite struct PolicyFiguresTests {
  var figures: PolicyFigures { gbPack.version(on: day("2026-11-22"))!.figures }

  /// gb-sfs.json ranks a mortgage 1 (home), council tax 2 (liberty) and
  /// credit cards not at all; every kind answers as the dictionary does.
  @Test func priorityKindsMatchTheDictionary() {
    let figures = self.figures
    #expect(figures.priorityKind(of: "mortgage")?.rank == 1)
    #expect(figures.priorityKind(of: "mortgage")?.consequence == "home")
    #expect(figures.priorityKind(of: "council_tax")?.rank == 2)
    #expect(figures.priorityKind(of: "council_tax")?.consequence == "liberty")
    #expect(figures.priorityKind(of: "credit_card") == nil)
    for kind in Case.debtKinds {
      #expect(figures.priorityKind(of: kind)?.rank == figures.priorityKinds[kind]?.rank)
      #expect(figures.priorityKind(of: kind)?.consequence == figures.priorityKinds[kind]?.consequence)
    }
  }

  @Test func tablesFollowChanges() {
    var figures = self.figures
    figures.priorityKinds["credit_card"] = PriorityKind(rank: 7, consequence: "goods")
    figures.priorityKinds["council_tax"] = nil
    figures.priorityKinds["not_a_kind"] = PriorityKind(rank: 9, consequence: "goods")
    #expect(figures.priorityKind(of: "credit_card")?.rank == 7)
    #expect(figures.priorityKind(of: "council_tax") == nil)
    #expect(figures.priorityKind(of: "not_a_kind")?.rank == 9)

    #expect(figures.rule(for: .breathingSpace) == figures.rules["BREATHING_SPACE"])
    #expect(figures.rule(for: .breathingSpace) != "")
    figures.rules["BREATHING_SPACE"] = "changed"
    figures.rules["DISPUTE"] = nil
    #expect(figures.rule(for: .breathingSpace) == "changed")
    #expect(figures.rule(for: .dispute) == "")
  }
}
