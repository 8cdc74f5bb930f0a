import ArgumentParser
import Headroom

/// `headroom assess`: the screen an agent reads during a call, or the SPEC §9 JSON.
struct Assess: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Assess one household: affordability, priority debts, plan, flags.")

  @Argument(help: "The case file (SPEC §3 JSON).")
  var caseFile: String

  @ArgumentParser.Flag(help: "Print the SPEC §9 result as JSON instead of the agent's screen.")
  var json = false

  @OptionGroup var policy: PolicyOptions

  func run() throws {
    try reportingErrors {
      let (household, assessment) = try assess(file: caseFile, options: policy)
      if json {
        print(String(decoding: assessment.jsonBytes(), as: UTF8.self))
      } else {
        print(AgentScreen(assessment, household).render(), terminator: "")
      }
    }
  }
}
